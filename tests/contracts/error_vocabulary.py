"""Find every error code a layer's source writes, for the per-layer vocabulary tests.

A code is written where a ``code=`` keyword is passed, a ``code`` attribute is assigned (also
``status_code, code = 401, ...``) or defaulted, a ``"code"`` key is put in a dict, a ``*_CODES``
map is built or read with a default, or as the code argument of ``ApiError``,
``error_response``, ``error_body`` and ``code_for_status``. Each is reported as written: a
string literal, or an ``ErrorCode`` member.
The ``check_*`` functions are the checks every layer's test makes (they fail with what is wrong).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from noc_contracts import ErrorCode

#: callables whose positional argument at this index is an error code
CODE_ARGUMENT = {"ApiError": 1, "error_response": 1, "error_body": 0, "code_for_status": 1}


@dataclass(frozen=True)
class WrittenCode:
    where: str  # file:line
    code: str  # the value, or "ErrorCode.<name>" when no such member exists
    literal: bool  # written as a string literal rather than taken from ErrorCode

    @property
    def known(self) -> bool:
        return self.code in {c.value for c in ErrorCode}


def written_codes(root: Path) -> list[WrittenCode]:
    """Every code written under ``root`` (Python files), in file order."""
    found: list[WrittenCode] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for node, expr in sorted(_code_expressions(tree), key=lambda pair: pair[0].lineno):
            code = _value(expr)
            if code is not None:
                found.append(WrittenCode(f"{path}:{node.lineno}", code[0], code[1]))
    return found


def _code_expressions(tree: ast.AST) -> Iterator[tuple[ast.stmt | ast.expr, ast.expr]]:
    """(the node to locate, the expression of the code) for each place a code is written."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "code":
                    yield node, keyword.value
            index = CODE_ARGUMENT.get(_name(node.func))
            if index is not None and len(node.args) > index:
                yield node, node.args[index]
            if (isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                    and _name(node.func.value).endswith("_CODES") and len(node.args) == 2):
                yield node, node.args[1]
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "code":
                    yield node, value
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            yield from _assigned(node)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args
            positional = args.posonlyargs + args.args
            pairs = [*zip(positional[len(positional) - len(args.defaults):], args.defaults,
                          strict=True), *zip(args.kwonlyargs, args.kw_defaults, strict=True)]
            for arg, default in pairs:
                if arg.arg == "code" and default is not None:
                    yield default, default


def _assigned(node: ast.Assign | ast.AnnAssign) -> Iterator[tuple[ast.stmt, ast.expr]]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    value = node.value
    if value is None:
        return
    for target in targets:
        if _name(target) == "code":
            yield node, value
        elif _name(target).endswith("_CODES") and isinstance(value, ast.Dict):
            for item in value.values:
                yield node, item
        elif isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple):
            for name, item in zip(target.elts, value.elts, strict=False):
                if _name(name) == "code":
                    yield node, item


def _name(expr: ast.expr) -> str:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return ""


def _value(expr: ast.expr) -> tuple[str, bool] | None:
    """The code an expression writes and whether it is a literal; None for a variable."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value, True
    if isinstance(expr, ast.Attribute) and expr.attr == "value":
        expr = expr.value  # ErrorCode.x.value
    if (isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name)
            and expr.value.id == "ErrorCode"):
        member = ErrorCode.__members__.get(expr.attr)
        return (member.value if member else f"ErrorCode.{expr.attr}"), False
    return None


def problems(root: Path) -> list[str]:
    """Every code under ``root`` outside the vocabulary or not taken from ``ErrorCode``."""
    found = []
    for written in written_codes(root):
        if not written.known:
            found.append(f"{written.where}: '{written.code}' is not in noc_contracts.ErrorCode")
        elif written.literal:
            found.append(f"{written.where}: write ErrorCode.{written.code}, not a literal")
    return found


def check_http_code_map(http_codes: Mapping[int, object]) -> None:
    """A layer's handlers' map (HTTP status -> code) is there and takes every code from ErrorCode."""
    assert http_codes, "the map of HTTP status to error code is empty"
    strays = {status: code for status, code in http_codes.items()
              if not isinstance(code, ErrorCode)}
    assert not strays, f"not ErrorCode members: {strays}"


def check_source(root: Path, expected: set[str]) -> None:
    """Every code written under ``root`` is an ``ErrorCode`` member, and ``expected`` are among
    them (so the walk did find the layer's codes)."""
    found = problems(root)
    assert found == [], "\n".join(found)
    missing = expected - {w.code for w in written_codes(root)}
    assert not missing, f"not found written under {root}: {sorted(missing)}"


def check_answers(answers: Sequence[httpx.Response], statuses: list[int]) -> None:
    """The handlers answered these statuses, each with an error code of the vocabulary."""
    assert [a.status_code for a in answers] == statuses, [a.text for a in answers]
    vocabulary = {c.value for c in ErrorCode}
    for answer in answers:
        assert answer.json()["error"]["code"] in vocabulary, answer.text
