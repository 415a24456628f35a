"""Check a template without running it: it compiles (known filters and tests only) and every
name it reads exists in the context: ``steps.<id>`` and ``loop.<id>`` name real nodes, and the
fields read from ``host``, steps, loops and ``execution`` are theirs."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from jinja2 import TemplateError, meta, nodes

from noc_contracts.expressions.language import CONTEXT_FIELDS, CONTEXT_ROOTS, make_environment
from noc_contracts.expressions.vocabulary import constant_problem

_ENV = make_environment()
_GLOBALS = frozenset(_ENV.globals)
_FIELDS = {
    "host": CONTEXT_FIELDS["host"],
    "steps": CONTEXT_FIELDS["steps.<id>"],
    "loop": CONTEXT_FIELDS["loop.<id>"],
    "execution": CONTEXT_FIELDS["execution"],
}


def _message(exc: TemplateError) -> str:
    return f"does not compile: {exc.message or type(exc).__name__}"


def _key(node: nodes.Node) -> str | None:
    """The constant name a ``Getattr``/``Getitem`` reads (``a.b`` or ``a['b']``)."""
    if isinstance(node, nodes.Getattr):
        return node.attr
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) \
            and isinstance(node.arg.value, str):
        return node.arg.value
    return None


def _lookups(tree: nodes.Node, shadowed: frozenset[str] = frozenset(),
             ) -> Iterator[tuple[str, list[str]]]:
    """Each chain of constant lookups on a context root: ``steps.check.rc`` -> (steps, [check,
    rc]). Inside ``{% for %}``, ``loop`` is Jinja's own loop variable and is skipped."""
    if isinstance(tree, nodes.For):
        yield from _lookups(tree.iter, shadowed)
        inner = shadowed | {"loop"} | {n.name for n in tree.target.find_all(nodes.Name)}
        for child in [*tree.body, *tree.else_]:
            yield from _lookups(child, inner)
        if tree.test is not None:
            yield from _lookups(tree.test, inner)
        return
    if isinstance(tree, nodes.Getattr | nodes.Getitem):
        keys: list[str] = []
        node: nodes.Node = tree
        while isinstance(node, nodes.Getattr | nodes.Getitem):
            key = _key(node)
            keys = [key, *keys] if key is not None else []
            if key is None and isinstance(node, nodes.Getitem):
                yield from _lookups(node.arg, shadowed)
            node = node.node
        if isinstance(node, nodes.Name) and node.name in _FIELDS and node.name not in shadowed:
            yield node.name, keys
        else:
            yield from _lookups(node, shadowed)
        return
    for child in tree.iter_child_nodes():
        yield from _lookups(child, shadowed)


def _constants(call: nodes.Filter | nodes.Test) -> list[object]:
    """The arguments of a filter or test call, ``...`` for any that is not a literal."""
    return [arg.value if isinstance(arg, nodes.Const) else ... for arg in call.args]


def _vocabulary_problems(tree: nodes.Template) -> list[str]:
    """Unknown filters and tests (Jinja defers those inside ``{% if %}`` to run time), and
    literal arguments they would refuse (a regex that does not compile, ...)."""
    problems = [f"does not compile: no filter named '{f.name}'"
                for f in tree.find_all(nodes.Filter) if f.name not in _ENV.filters]
    problems += [f"does not compile: no test named '{t.name}'"
                 for t in tree.find_all(nodes.Test) if t.name not in _ENV.tests]
    for kind, found in (("filter", tree.find_all(nodes.Filter)),
                        ("test", tree.find_all(nodes.Test))):
        for call in found:
            problem = constant_problem(kind, call.name, _constants(call))
            if problem is not None:
                problems.append(f"does not compile: {problem}")
    return problems


def _reference_problems(tree: nodes.Template, steps: Collection[str],
                        loops: Collection[str]) -> list[str]:
    problems: list[str] = []
    unknown = sorted(meta.find_undeclared_variables(tree) - set(CONTEXT_ROOTS) - _GLOBALS)
    for name in unknown:
        problems.append(f"unknown name '{name}' (the context has: {', '.join(CONTEXT_ROOTS)})")
    ids = {"steps": steps, "loop": loops}
    for root, keys in _lookups(tree):
        fields = _FIELDS[root]
        if root in ids:
            if not keys:
                continue
            node_id, keys = keys[0], keys[1:]
            if node_id not in ids[root]:
                kind = "task" if root == "steps" else "loop"
                known = ", ".join(sorted(ids[root])) or "none"
                problems.append(f"{root}.{node_id}: no {kind} node '{node_id}' in this "
                                f"procedure (its {kind} nodes: {known})")
                continue
            where = f"{root}.{node_id}"
        else:
            where = root
        if keys and fields is not None and keys[0] not in fields:
            problems.append(f"{where}.{keys[0]}: unknown field (known: {', '.join(fields)})")
    return list(dict.fromkeys(problems))


def check_template(source: str, *, steps: Collection[str] = (),
                   loops: Collection[str] = ()) -> list[str]:
    """Every problem of a text template (``nginx down on {{ host.name }}``); [] when sound."""
    try:
        tree = _ENV.parse(source)
        problems = _vocabulary_problems(tree)
        if problems:
            return problems
        _ENV.compile(tree)
    except TemplateError as exc:
        return [_message(exc)]
    return _reference_problems(tree, steps, loops)


def check_expression(source: str, *, steps: Collection[str] = (),
                     loops: Collection[str] = ()) -> list[str]:
    """Every problem of a bare expression (``steps.check.rc == 0``); [] when sound."""
    try:
        tree = _ENV.parse("{{ (" + source + ") }}")
        problems = _vocabulary_problems(tree)
        if problems:
            return problems
        _ENV.compile_expression(source)
    except TemplateError as exc:
        return [_message(exc)]
    return _reference_problems(tree, steps, loops)
