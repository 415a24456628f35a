"""Documents for the document tests: the ARCHITECTURE.md example with a note and a name, runs
of edits that make one undo step, and the undo stack a controller keeps (apply, merge with the
previous step, undo, redo)."""

from __future__ import annotations

from dataclasses import dataclass, field

from noc_contracts import Note, ProcedureGraph
from noc_desktop.document import (
    EditNote,
    MoveNodes,
    MoveNote,
    SetNodeProperty,
    SetProcedureField,
    UndoStep,
)
from noc_desktop.document.edits import Edit
from noc_desktop.document.procedure import ProcedureDocument
from tests.desktop.document.graphs import EXAMPLE

NOTE = Note(id="n1", text="nginx watchdog: restart thrice, then page", x=-260, y=-40,
            width=220, height=90, color="#fff3a0")


#: runs of edits a person makes in one go (typing, dragging): each is one undo step
RUNS: dict[str, list[Edit]] = {
    "typing-a-param": [SetNodeProperty("check", "params.name", text)
                       for text in ("a", "ap", "apa", "apache")],
    "typing-a-new-param": [SetNodeProperty("check", "params.state", text)
                           for text in ("s", "st", "started")],
    "typing-an-id": [SetNodeProperty("check", "id", "c"), SetNodeProperty("c", "id", "ch"),
                     SetNodeProperty("ch", "id", "check2")],
    "typing-through-a-taken-id": [SetNodeProperty("up?", "id", "u"),
                                  SetNodeProperty("u", "id", "up")],
    "a-drag": [MoveNodes.of({"check": (x, x / 2), "up?": (x, 100 + x)}) for x in range(5)],
    "a-note-drag": [MoveNote("n1", x, x) for x in (1.0, 2.0, 3.0)],
    "a-note-resize": [MoveNote("n1", 0.0, 0.0, width=w) for w in (100.0, 150.0)],
    "typing-a-note": [EditNote("n1", "text", t) for t in ("c", "ca", "call")],
    "typing-the-name": [SetProcedureField("name", t) for t in ("n", "ng", "nginx")],
}


def example_doc() -> ProcedureDocument:
    """The example (only ``check`` has a stored position) with one note."""
    graph = ProcedureGraph.model_validate({**EXAMPLE, "notes": [NOTE.model_dump()]})
    return ProcedureDocument.from_graph(graph, "nginx watchdog", "keeps nginx up")


@dataclass
class History:
    """What the canvas controller does with a QUndoStack, without Qt: each edit is a step, or
    merges into the previous step when ``merge`` is asked and ``UndoStep.merged`` (the rule
    ``EditCommand.mergeWith`` uses) joins them."""

    doc: ProcedureDocument
    steps: list[UndoStep] = field(default_factory=list)

    def do(self, edit: Edit, *, merge: bool = False) -> None:
        step = UndoStep(edit, self.doc.apply(edit))
        merged = self.steps[-1].merged(step) if merge and self.steps else None
        if merged is not None:
            self.steps[-1] = merged
        else:
            self.steps.append(step)

    def undo_all(self) -> list[UndoStep]:
        done = list(self.steps)
        for step in reversed(done):
            self.doc.apply(step.inverse)
        return done

    def redo(self, steps: list[UndoStep]) -> None:
        for step in steps:
            self.doc.apply(step.forward)
