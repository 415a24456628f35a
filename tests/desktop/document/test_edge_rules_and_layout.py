"""Edge rules (kinds per block type, the first free one, refusals with a reason) and the
automatic layout as one undoable move."""

from __future__ import annotations

import pytest

from noc_contracts import EDGE_KINDS
from noc_desktop.document import (
    AddEdge,
    AddNode,
    DocEdge,
    ProcedureDocument,
    RemoveEdge,
    check_edge,
    first_free_kind,
    valid_edge_kinds,
)
from noc_desktop.document.arrange import DEFAULT_SIZE, auto_layout
from tests.desktop.document.docs import example_doc


@pytest.mark.parametrize(("node_type", "kinds"), [
    ("task", ("success", "failure")), ("decision", ("true", "false")),
    ("loop", ("body", "done")), ("wait", ("next",)), ("end", ()), ("teleport", ()),
])
def test_valid_kinds_in_order(node_type: str, kinds: tuple[str, ...]) -> None:
    assert valid_edge_kinds(node_type) == kinds
    if node_type in EDGE_KINDS:
        assert set(kinds) == EDGE_KINDS[node_type]


def _doc_with(node_type: str, **fields: object) -> ProcedureDocument:
    doc = ProcedureDocument("x")
    doc.apply(AddNode({"id": "a", "type": node_type, **fields}, (0.0, 0.0)))
    doc.apply(AddNode({"id": "z", "type": "end"}, (0.0, 100.0)))
    return doc


@pytest.mark.parametrize(("node_type", "fields", "order"), [
    ("task", {"task": "ping"}, ["success", "failure", None]),
    ("decision", {"condition": "true"}, ["true", "false", None]),
    ("loop", {"max_iterations": 2}, ["body", "done", None]),
    ("wait", {"seconds": 1}, ["next", None]),
    ("end", {}, [None]),
])
def test_first_free_kind_walks_the_kinds_then_none(node_type: str, fields: dict[str, object],
                                                   order: list[str | None]) -> None:
    doc = _doc_with(node_type, **fields)
    for kind in order:
        assert first_free_kind(doc, "a") == kind
        if kind is not None:
            doc.apply(AddEdge(DocEdge("a", "z", kind)))
            assert check_edge(doc, "a", "z", kind) is not None  # used now


def test_a_freed_kind_is_offered_again() -> None:
    doc = example_doc()
    assert first_free_kind(doc, "check") is None
    doc.apply(RemoveEdge(DocEdge("check", "up?", "success")))
    assert first_free_kind(doc, "check") == "success"
    assert first_free_kind(doc, "alert") == "failure"


def test_check_edge_gives_a_reason_instead_of_raising() -> None:
    doc = example_doc()
    assert check_edge(doc, "alert", "ok", "failure") is None
    refusal = check_edge(doc, "check", "ok", "success")
    assert refusal is not None and refusal.code == "kind_used" and "check" in refusal.message
    edge = DocEdge("check", "up?", "success")
    assert check_edge(doc, "check", "ok", "success", ignoring=edge) is None  # reconnecting it


def test_auto_layout_places_every_block_top_down_and_undoes() -> None:
    doc = example_doc()
    undo = doc.apply(auto_layout(doc))
    positions = {n: doc.position(n) for n in doc.node_ids()}
    assert all(p is not None for p in positions.values())
    y = {n: p[1] for n, p in positions.items() if p is not None}
    assert y["check"] < y["up?"] < y["tries"] < y["start"] < y["pause"]
    # the blocks' top-left corner stays where it was (check's corner: it was the only one placed)
    w, h = DEFAULT_SIZE
    assert min(p[0] - w / 2 for p in positions.values() if p) == -w / 2
    assert min(p[1] - h / 2 for p in positions.values() if p) == -h / 2
    doc.apply(undo)
    assert doc == example_doc()


def test_auto_layout_of_an_empty_document_moves_nothing() -> None:
    assert auto_layout(ProcedureDocument()).positions == ()
