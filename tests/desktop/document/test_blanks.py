"""New blocks from the palette: a free id, the type's defaults, the task's param defaults; the
first block of an empty procedure becomes its start; every task type's blank is a node."""

from __future__ import annotations

import pytest

from noc_contracts import CATALOGUE, TaskNode
from noc_desktop.document import ProcedureDocument
from noc_desktop.document.blanks import blank_node, insert_block, insert_note, param_defaults
from noc_desktop.document.problems import problems_of
from tests.desktop.document.docs import example_doc


@pytest.mark.parametrize("task", sorted(CATALOGUE))
def test_every_task_types_blank_is_a_task_node(task: str) -> None:
    data = blank_node(example_doc(), "task", task)
    node = TaskNode.model_validate(data)
    assert node.task == task and node.params == param_defaults(task)


def test_ids_are_free_and_the_first_block_is_the_start() -> None:
    doc = ProcedureDocument("new")
    doc.apply(insert_block(doc, "task", (0.0, 0.0), task="ping"))
    doc.apply(insert_block(doc, "task", (0.0, 100.0), task="ping"))
    doc.apply(insert_block(doc, "decision", (0.0, 200.0)))
    assert doc.node_ids() == ["ping", "ping_2", "decide"] and doc.start == "ping"
    assert doc.position("ping_2") == (0.0, 100.0)
    assert [p.field for p in problems_of(doc, "decide")] == ["condition", "edges", "edges",
                                                            "id"]


def test_notes_get_free_ids() -> None:
    doc = example_doc()
    doc.apply(insert_note(doc, (1.0, 2.0), "hello"))
    doc.apply(insert_note(doc, (3.0, 4.0)))
    assert doc.note_ids() == ["n1", "note", "note_2"] and doc.note("note").text == "hello"
