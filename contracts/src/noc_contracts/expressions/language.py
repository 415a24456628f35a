"""The sandboxed Jinja2 environment every layer builds templates with, and the names it knows.

Context (ARCHITECTURE.md): ``host`` (name, address, port, user, connection, groups, vars),
``steps.<id>`` (status, changed, rc, stdout, stderr, msg, facts), ``loop.<id>`` (index,
index0, item, done), ``vars`` (launch variables) and ``execution`` (id, procedure,
started_at). Values in the context are data: they are never rendered again.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator, Sequence
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from noc_contracts.expressions import vocabulary
from noc_contracts.expressions.budget import BudgetExceeded, current

#: every root name a template may use, besides its own ``{% set %}`` and loop variables
CONTEXT_ROOTS = ("host", "steps", "loop", "vars", "execution")

#: the fields of each context object (``None``: any key, e.g. ``vars.*``, ``host.vars.*``)
CONTEXT_FIELDS: dict[str, tuple[str, ...] | None] = {
    "host": ("name", "address", "port", "user", "connection", "groups", "vars"),
    "steps.<id>": ("status", "changed", "rc", "stdout", "stderr", "msg", "facts"),
    "loop.<id>": ("index", "index0", "item", "done"),
    "vars": None,
    "execution": ("id", "procedure", "started_at"),
}

#: the largest exponent ``**`` may use, and the widest ``%`` format field
MAX_EXPONENT = 10_000
MAX_FORMAT_WIDTH = 10_000
_RANGE_CHECK_EVERY = 256
_FORMAT_FIELD = re.compile(r"%[-#0 +]*(\d*)(?:\.(\d*))?")


def is_template(value: object) -> bool:
    """True for text Jinja2 would render (holds ``{{`` or ``{%``)."""
    return isinstance(value, str) and ("{{" in value or "{%" in value)


class BoundedRange(Sequence[int]):
    """``range`` for templates: sized as usual, and checks the budget while iterated."""

    def __init__(self, *args: int) -> None:
        self._range = range(*args)
        current().check_size(len(self._range))

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, index: Any) -> Any:
        return self._range[index]

    def __iter__(self) -> Iterator[int]:
        budget = current()
        for count, value in enumerate(self._range):
            if count % _RANGE_CHECK_EVERY == 0:
                budget.check_time()
            yield value

    def __repr__(self) -> str:
        return repr(self._range)


def _sized(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


class ExpressionEnvironment(SandboxedEnvironment):
    """Jinja2's sandbox plus the budget: time on every call and lookup, size on ``*``, ``**``
    and ``%``."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        current().check_time()
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        current().check_time()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        current().check_time()
        return super().getitem(obj, argument)

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        budget = current()
        budget.check_time()
        if operator_ == "**":
            if isinstance(right, int) and abs(right) > MAX_EXPONENT and not (
                    isinstance(left, int) and abs(left) <= 1):
                raise BudgetExceeded(f"exponent {right} is over the {MAX_EXPONENT} limit")
            return operator.pow(left, right)
        if operator_ == "*":
            for seq, times in ((left, right), (right, left)):
                size = _sized(seq)
                if size is not None and isinstance(times, int):
                    budget.check_size(size * times)
            return operator.mul(left, right)
        if operator_ == "%" and isinstance(left, str):
            for width, precision in _FORMAT_FIELD.findall(left):
                if max(int(width or 0), int(precision or 0)) > MAX_FORMAT_WIDTH:
                    raise BudgetExceeded(f"a format field is wider than {MAX_FORMAT_WIDTH}")
            return operator.mod(left, right)
        return super().call_binop(context, operator_, left, right)


def make_environment() -> ExpressionEnvironment:
    """A fresh environment: strict about undefined names, no autoescape, trailing newline kept
    (file content must arrive byte for byte, as in Ansible), Ansible's filters and tests."""
    env = ExpressionEnvironment(undefined=StrictUndefined, autoescape=False,
                                keep_trailing_newline=True)
    env.globals["range"] = BoundedRange
    vocabulary.install(env)
    return env
