"""Edits of sticky notes: add, remove, move or resize, edit the text or colour.

A note's new values are checked by the contracts' ``Note`` model (bounded size, ``#rrggbb``);
moves of one note merge (a drag), and so does typing in its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from noc_contracts import Note
from noc_desktop.document.edits import Edit
from noc_desktop.document.errors import EditRefused

if TYPE_CHECKING:
    from noc_desktop.document.procedure import ProcedureDocument


def _known(doc: ProcedureDocument, note_id: str) -> Note:
    if note_id not in doc.note_ids():
        raise EditRefused("unknown_note", f"there is no note '{note_id}'", note=note_id)
    return doc.note(note_id)


def _changed(note: Note, **update: Any) -> Note:
    try:
        return Note.model_validate({**note.model_dump(), **update})
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise EditRefused("invalid_note", f"{field}: {first['msg']}", field=field) from exc


@dataclass(frozen=True)
class AddNote(Edit):
    note: Note
    index: int | None = None

    def apply(self, doc: ProcedureDocument) -> Edit:
        if self.note.id in doc.note_ids():
            raise EditRefused("duplicate_note", f"there is already a note '{self.note.id}'",
                              note=self.note.id)
        doc.insert_note(self.note, self.index)
        return RemoveNote(self.note.id)


@dataclass(frozen=True)
class RemoveNote(Edit):
    note_id: str

    def apply(self, doc: ProcedureDocument) -> Edit:
        note = _known(doc, self.note_id)
        index = doc.delete_note(self.note_id)
        return AddNote(note, index)


@dataclass(frozen=True)
class MoveNote(Edit):
    """Move a note's top-left corner to (x, y) and optionally resize it."""

    note_id: str
    x: float
    y: float
    width: float | None = None
    height: float | None = None

    def apply(self, doc: ProcedureDocument) -> Edit:
        note = _known(doc, self.note_id)
        update: dict[str, Any] = {"x": self.x, "y": self.y}
        if self.width is not None:
            update["width"] = self.width
        if self.height is not None:
            update["height"] = self.height
        doc.replace_note(_changed(note, **update))
        return MoveNote(note.id, note.x, note.y, note.width, note.height)

    def merge_with(self, other: Edit) -> Edit | None:
        if not isinstance(other, MoveNote) or other.note_id != self.note_id:
            return None
        return MoveNote(self.note_id, other.x, other.y,
                        self.width if other.width is None else other.width,
                        self.height if other.height is None else other.height)


@dataclass(frozen=True)
class EditNote(Edit):
    """Set a note's ``text`` or ``color``; typing in the same note's field merges."""

    note_id: str
    field: Literal["text", "color"]
    value: str

    def apply(self, doc: ProcedureDocument) -> Edit:
        note = _known(doc, self.note_id)
        if self.field not in ("text", "color"):
            raise EditRefused("fixed_field", f"cannot set '{self.field}' of a note",
                              field=self.field)
        old = getattr(note, self.field)
        doc.replace_note(_changed(note, **{self.field: self.value}))
        return EditNote(self.note_id, self.field, old)

    def merge_with(self, other: Edit) -> Edit | None:
        if (isinstance(other, EditNote) and other.note_id == self.note_id
                and other.field == self.field):
            return other
        return None
