"""Documents for the document tests: the ARCHITECTURE.md example with a note and a name, and
the undo stack a controller keeps (apply, merge with the previous step, undo, redo)."""

from __future__ import annotations

from dataclasses import dataclass, field

from noc_contracts import Note, ProcedureGraph
from noc_desktop.document import Edit, ProcedureDocument
from tests.desktop.document.graphs import EXAMPLE

NOTE = Note(id="n1", text="nginx watchdog: restart thrice, then page", x=-260, y=-40,
            width=220, height=90, color="#fff3a0")


def example_doc() -> ProcedureDocument:
    """The example (only ``check`` has a stored position) with one note."""
    graph = ProcedureGraph.model_validate({**EXAMPLE, "notes": [NOTE.model_dump()]})
    return ProcedureDocument.from_graph(graph, "nginx watchdog", "keeps nginx up")


@dataclass
class Step:
    forward: Edit
    inverse: Edit


@dataclass
class History:
    """What the canvas controller does with a QUndoStack, without Qt: each edit is a step,
    or merges into the previous step when ``merge`` is asked and the edits agree."""

    doc: ProcedureDocument
    steps: list[Step] = field(default_factory=list)

    def do(self, edit: Edit, *, merge: bool = False) -> None:
        inverse = self.doc.apply(edit)
        if merge and self.steps:
            last = self.steps[-1]
            forward = last.forward.merge_with(edit)
            backward = inverse.merge_with(last.inverse)
            if forward is not None and backward is not None:
                self.steps[-1] = Step(forward, backward)
                return
        self.steps.append(Step(edit, inverse))

    def undo_all(self) -> list[Step]:
        done = list(self.steps)
        for step in reversed(done):
            self.doc.apply(step.inverse)
        return done

    def redo(self, steps: list[Step]) -> None:
        for step in steps:
            self.doc.apply(step.forward)
