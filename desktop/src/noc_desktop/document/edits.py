"""Invertible edits: small frozen records; ``apply(doc)`` changes the document and returns the
edit that undoes it, so undo is applying the inverse and redo applying the inverse's inverse.

Typing and dragging make many edits that should be one undo step: ``a.merge_with(b)`` is one
edit doing ``a`` then ``b`` (None when they do not merge), and ``UndoStep.merged`` is the one
rule joining two steps (the canvas's undo commands and the tests use it). Node, edge and note
edits live in their own modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from noc_desktop.document.errors import EditRefused

if TYPE_CHECKING:
    from noc_desktop.document.procedure import ProcedureDocument


class _Missing:
    """The value of a field that is not there (setting it removes the field)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __copy__(self) -> _Missing:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> _Missing:
        return self

    def __reduce__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


@dataclass(frozen=True)
class Edit:
    """Base of every edit."""

    def apply(self, doc: ProcedureDocument) -> Edit:
        """Change ``doc``; return the edit that undoes it. Raises ``EditRefused``, unchanged."""
        raise NotImplementedError

    def merge_with(self, other: Edit) -> Edit | None:
        """One edit doing ``self`` then ``other``, or None when they are separate steps."""
        return None


@dataclass(frozen=True)
class Composite(Edit):
    """Several edits as one step (paste, duplicate, delete a selection, auto-layout)."""

    edits: tuple[Edit, ...]
    label: str = ""

    def apply(self, doc: ProcedureDocument) -> Edit:
        inverses: list[Edit] = []
        try:
            for edit in self.edits:
                inverses.append(edit.apply(doc))
        except Exception:
            for inverse in reversed(inverses):
                inverse.apply(doc)
            raise
        return Composite(tuple(reversed(inverses)), self.label)


@dataclass(frozen=True)
class UndoStep:
    """One undo step: ``forward`` was applied and ``inverse`` undoes it."""

    forward: Edit
    inverse: Edit

    def merged(self, then: UndoStep) -> UndoStep | None:
        """One step doing this one then ``then`` (typing in a field, a drag), or None when
        they stay separate. The inverses merge the other way round; when they do not, the
        merged step undoes ``then`` and then this one."""
        forward = self.forward.merge_with(then.forward)
        if forward is None:
            return None
        inverse = then.inverse.merge_with(self.inverse)
        return UndoStep(forward, inverse or Composite((then.inverse, self.inverse)))


@dataclass(frozen=True)
class SetStart(Edit):
    """Make ``node_id`` the start (None: no start)."""

    node_id: str | None

    def apply(self, doc: ProcedureDocument) -> Edit:
        if self.node_id is not None and not doc.has_node(self.node_id):
            raise EditRefused("unknown_node", f"there is no node '{self.node_id}'",
                              node=self.node_id)
        old = doc.start
        doc.set_start(self.node_id)
        return SetStart(old)


ProcedureField = Literal["name", "description", "allow_command"]


@dataclass(frozen=True)
class SetProcedureField(Edit):
    """Set the procedure's name, description or ``allow_command``; typing merges."""

    field: ProcedureField
    value: Any

    def apply(self, doc: ProcedureDocument) -> Edit:
        if self.field not in ("name", "description", "allow_command"):
            raise EditRefused("unknown_field", f"a procedure has no field '{self.field}'",
                              field=self.field)
        old = getattr(doc, self.field)
        doc.set_field(self.field, self.value)
        return SetProcedureField(self.field, old)

    def merge_with(self, other: Edit) -> Edit | None:
        if isinstance(other, SetProcedureField) and other.field == self.field:
            return other
        return None
