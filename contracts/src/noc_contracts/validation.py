"""Rules that span a whole procedure graph. Pure: graph in, every problem out, none raised.

Used by the backend on save, the scheduler on load and (later) the desktop while editing.
Each problem names the flowchart node and the field it concerns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pydantic import ValidationError

from noc_contracts.catalogue import CATALOGUE
from noc_contracts.errors import ErrorDetail
from noc_contracts.expressions import check_expression, check_template, is_template
from noc_contracts.graph import (
    EDGE_KINDS,
    DecisionNode,
    GraphNode,
    LoopNode,
    ProcedureGraph,
    TaskNode,
)


def _param_problems(node: TaskNode, allow_command: bool) -> list[ErrorDetail]:
    task_type = CATALOGUE.get(node.task)
    if task_type is None:
        known = ", ".join(sorted(CATALOGUE))
        return [ErrorDetail(node=node.id, field="task",
                            message=f"unknown task type '{node.task}' (known: {known})")]
    if task_type.requires_allow_command and not allow_command:
        return [ErrorDetail(node=node.id, field="task",
                            message=f"task type '{node.task}' runs arbitrary commands: the "
                                    "procedure must declare \"allow_command\": true")]
    try:
        task_type.params.model_validate(node.params)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            path = ".".join(str(p) for p in err["loc"])
            top = err["loc"][0] if err["loc"] else None
            # a template's value is known at run time (and checked then), its key is not:
            # an unknown key is refused whatever its value
            if (err["type"] != "extra_forbidden" and top is not None
                    and _holds_template(node.params.get(str(top)))):
                continue
            problems.append(ErrorDetail(node=node.id, field=f"params.{path}" if path else "params",
                                        message=err["msg"]))
        return problems
    return []


def _cycle_without_loop(graph: ProcedureGraph) -> list[str]:
    """Nodes on a cycle that does not pass through a loop node (empty when there is none)."""
    loops = {n.id for n in graph.nodes if isinstance(n, LoopNode)}
    succ: dict[str, list[str]] = {n.id: [] for n in graph.nodes if n.id not in loops}
    for e in graph.edges:
        if e.from_ in succ and e.to in succ:
            succ[e.from_].append(e.to)
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(succ, white)
    for root in succ:
        if colour[root] != white:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[str] = []
        colour[root] = grey
        path.append(root)
        while stack:
            node, i = stack[-1]
            if i < len(succ[node]):
                stack[-1] = (node, i + 1)
                nxt = succ[node][i]
                if colour[nxt] == grey:
                    return path[path.index(nxt):]
                if colour[nxt] == white:
                    colour[nxt] = grey
                    path.append(nxt)
                    stack.append((nxt, 0))
            else:
                colour[node] = black
                path.pop()
                stack.pop()
    return []


def _holds_template(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_holds_template(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_template(v) for v in value)
    return is_template(value)


NodeCheck = Callable[[GraphNode, Sequence[str], Sequence[str], bool], list[ErrorDetail]]


def node_problems(node: GraphNode, steps: Sequence[str], loops: Sequence[str],
                  allow_command: bool) -> list[ErrorDetail]:
    """The problems of one node on its own: its params against its task type's schema, and
    its templates and conditions given the graph's step and loop ids (the costly part)."""
    found = _param_problems(node, allow_command) if isinstance(node, TaskNode) else []
    return found + _template_problems(node, list(steps), list(loops))


def validate_graph(graph: ProcedureGraph, *,
                   check_node: NodeCheck = node_problems) -> list[ErrorDetail]:
    """Every problem in ``graph``; an empty list means it can be saved and run.

    Templates and conditions are compiled with the shared expression language
    (``noc_contracts.expressions``): unknown filters, tests and names, and references to step
    or loop ids the graph does not have, are problems of the node and field that hold them.
    ``check_node`` is ``node_problems`` or a memo of it (an editor revalidating every edit).
    """
    problems: list[ErrorDetail] = []
    ids: set[str] = set()
    for node in graph.nodes:
        if node.id in ids:
            problems.append(ErrorDetail(node=node.id, field="id", message="duplicate node id"))
        ids.add(node.id)
    note_ids: set[str] = set()
    for i, note in enumerate(graph.notes):
        if note.id in note_ids:
            problems.append(ErrorDetail(field=f"notes.{i}.id", message="duplicate note id"))
        note_ids.add(note.id)
    if graph.start not in ids:
        problems.append(ErrorDetail(field="start",
                                    message=f"start node '{graph.start}' does not exist"))
    by_id = {n.id: n for n in graph.nodes}
    step_ids = [n.id for n in graph.nodes if isinstance(n, TaskNode)]
    loop_ids = [n.id for n in graph.nodes if isinstance(n, LoopNode)]
    seen_kinds: set[tuple[str, str]] = set()
    for i, edge in enumerate(graph.edges):
        field = f"edges.{i}"
        if edge.from_ not in by_id:
            problems.append(ErrorDetail(field=f"{field}.from", node=edge.from_,
                                        message=f"edge from unknown node '{edge.from_}'"))
            continue
        if edge.to not in by_id:
            problems.append(ErrorDetail(field=f"{field}.to", node=edge.from_,
                                        message=f"edge to unknown node '{edge.to}'"))
        node_type = by_id[edge.from_].type
        allowed = EDGE_KINDS[node_type]
        if edge.on not in allowed:
            expected = ", ".join(sorted(allowed)) or "none"
            problems.append(ErrorDetail(
                field=f"{field}.on", node=edge.from_,
                message=f"a {node_type} node cannot have an '{edge.on}' edge "
                        f"(allowed: {expected})"))
        if (edge.from_, edge.on) in seen_kinds:
            problems.append(ErrorDetail(field=f"{field}.on", node=edge.from_,
                                        message=f"more than one '{edge.on}' edge"))
        seen_kinds.add((edge.from_, edge.on))
    for node in graph.nodes:
        problems.extend(check_node(node, step_ids, loop_ids, graph.allow_command))
        if isinstance(node, TaskNode):
            if (node.id, "success") not in seen_kinds:
                problems.append(ErrorDetail(node=node.id, field="edges",
                                            message="a task needs a 'success' edge"))
        elif isinstance(node, DecisionNode):
            for kind in ("true", "false"):
                if (node.id, kind) not in seen_kinds:
                    problems.append(ErrorDetail(node=node.id, field="edges",
                                                message=f"a decision needs a '{kind}' edge"))
        elif isinstance(node, LoopNode):
            for kind in ("body", "done"):
                if (node.id, kind) not in seen_kinds:
                    problems.append(ErrorDetail(node=node.id, field="edges",
                                                message=f"a loop needs a '{kind}' edge"))
        elif node.type == "wait" and (node.id, "next") not in seen_kinds:
            problems.append(ErrorDetail(node=node.id, field="edges",
                                        message="a wait needs a 'next' edge"))
    if graph.start in ids:
        targets: dict[str, list[str]] = {}
        for e in graph.edges:
            targets.setdefault(e.from_, []).append(e.to)
        reachable = {graph.start}
        frontier = [graph.start]
        while frontier:
            for target in targets.get(frontier.pop(), ()):
                if target in ids and target not in reachable:
                    reachable.add(target)
                    frontier.append(target)
        for node in graph.nodes:
            if node.id not in reachable:
                problems.append(ErrorDetail(node=node.id, field="id",
                                            message="not reachable from the start node"))
    cycle = _cycle_without_loop(graph)
    if cycle:
        problems.append(ErrorDetail(
            node=cycle[0], field="edges",
            message="cycle without a loop node: " + " -> ".join([*cycle, cycle[0]])))
    return problems


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string inside a param value, with its dotted path (``params.to.0``)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}.{index}")


def _template_problems(node: GraphNode, steps: list[str],
                       loops: list[str]) -> list[ErrorDetail]:
    found: list[tuple[str, list[str]]] = []
    if isinstance(node, DecisionNode):
        found.append(("condition", check_expression(node.condition, steps=steps, loops=loops)))
    elif isinstance(node, LoopNode):
        if node.while_:
            found.append(("while", check_expression(node.while_, steps=steps, loops=loops)))
        if isinstance(node.items, str):
            found.append(("items", check_template(node.items, steps=steps, loops=loops)))
    elif isinstance(node, TaskNode):
        for path, text in _strings(node.params, "params"):
            if is_template(text):
                found.append((path, check_template(text, steps=steps, loops=loops)))
    return [ErrorDetail(node=node.id, field=field, message=message)
            for field, messages in found for message in messages]
