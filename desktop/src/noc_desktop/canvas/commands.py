"""``EditCommand``: one document edit as a ``QUndoCommand``; undo applies the edit's inverse.

The controller applies the edit before pushing it (so a refused edit never reaches the stack);
the first ``redo`` that ``QUndoStack.push`` makes is then skipped. Commands with the same
``merge_key`` merge as ``UndoStep.merged`` says (the document's one rule): a whole drag, typing
in one field.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtGui import QUndoCommand

from noc_desktop.document import Edit, ProcedureDocument, UndoStep

#: The one id of mergeable commands (Qt only tries ``mergeWith`` between equal ids).
MERGEABLE = 1100


class EditCommand(QUndoCommand):
    """``forward`` was just applied to ``doc`` and ``inverse`` undoes it."""

    def __init__(self, doc: ProcedureDocument, forward: Edit, inverse: Edit, text: str,
                 merge_key: Hashable | None = None) -> None:
        super().__init__(text)
        self.doc = doc
        self.forward = forward
        self.inverse = inverse
        self.merge_key = merge_key
        self._applied = True

    def redo(self) -> None:
        if self._applied:  # the controller already applied it (push calls redo once)
            self._applied = False
            return
        self.inverse = self.doc.apply(self.forward)

    def undo(self) -> None:
        self.forward = self.doc.apply(self.inverse)

    def id(self) -> int:
        return MERGEABLE if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key:
            return False
        merged = UndoStep(self.forward, self.inverse).merged(
            UndoStep(other.forward, other.inverse))
        if merged is None:
            return False
        self.forward, self.inverse = merged.forward, merged.inverse
        return True
