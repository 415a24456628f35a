"""``CanvasController``: the editor's one way to change a procedure. It owns the
``QUndoStack``; each user intent (from the view's id-based signals, the palette, the properties
panel) becomes one ``EditCommand`` on the document, and the document's change events update the
scene through ``SceneSync``. Problems are re-checked shortly after edits (debounced).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, Literal

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from noc_desktop.canvas import refusals
from noc_desktop.canvas.commands import EditCommand
from noc_desktop.canvas.scene import FlowchartScene
from noc_desktop.canvas.sync import SceneSync
from noc_desktop.document import (
    AddEdge,
    Change,
    Composite,
    DocEdge,
    DocumentError,
    Edit,
    EditNote,
    EditRefused,
    MoveNodes,
    MoveNote,
    Pasted,
    Problem,
    ProcedureDocument,
    Reconnect,
    RemoveEdge,
    SetNodeProperty,
    SetStart,
    auto_layout,
    copy,
    delete_selection,
    duplicate,
    first_free_kind,
    paste,
    problems,
    valid_edge_kinds,
)
from noc_desktop.document.blanks import insert_block, insert_note
from noc_desktop.document.model import default_task_kinds
from noc_desktop.document.procedure import Position

#: Quiet time after the last edit before the document is checked again.
CHECK_DELAY_MS = 250


class CanvasController(QObject):
    """Intents in, commands on the undo stack, the scene kept in step with the document."""

    #: an edit was refused; the translated reason (the editor shows it in its status line)
    refused = Signal(str)
    #: the problems shown on the blocks changed (local checks and the server's, combined)
    problems_changed = Signal(list)
    #: the document changed (any edit, undo or redo)
    document_changed = Signal()

    def __init__(self, scene: FlowchartScene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        scene.editable = True
        self.undo_stack = QUndoStack(self)
        self.doc = ProcedureDocument()
        self.sync = SceneSync(self.doc, scene, default_task_kinds())
        self._unsubscribe = self.doc.subscribe(self._changed)
        self.local_problems: list[Problem] = []
        self.server_problems: list[Problem] = []
        self._check = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check.timeout.connect(self.check_now)
        self._drag = 0
        #: refuse every edit (a viewer's editor): see ``FlowchartEditor.set_read_only``
        self.read_only = False
        scene.note_text_edited.connect(lambda note_id, text: self.edit_note(note_id, "text",
                                                                            text))

    # ---- the document ------------------------------------------------------------------------
    def set_document(self, doc: ProcedureDocument) -> None:
        """Edit ``doc`` from now on (a new undo history); blocks without a place get one."""
        self._unsubscribe()
        self.undo_stack.clear()
        self.doc = doc
        self.sync.doc = doc
        self.sync.place_unplaced()
        self._unsubscribe = doc.subscribe(self._changed)
        self.server_problems = []
        self.sync.rebuild()
        self._check.start()  # after the first paint; ``shown_problems`` checks if asked first

    def set_task_kinds(self, task_kinds: Mapping[str, str]) -> None:
        """Task type -> kind (from the server's catalogue): the blocks' colours and letters."""
        self.sync.task_kinds = dict(task_kinds)
        self.sync.refresh_looks()

    def _changed(self, changes: tuple[Change, ...]) -> None:
        self.sync.apply(changes)
        self.server_problems = []  # they were for the document as it was
        self._check.start()
        self.document_changed.emit()

    def do(self, edit: Edit, text: str, merge_key: Hashable | None = None) -> bool:
        """Apply ``edit`` as one undo step; a refusal is reported through ``refused``."""
        if self.read_only:
            self.refused.emit(refusals.refusal_text(EditRefused("read_only", "read-only")))
            return False
        try:
            inverse = self.doc.apply(edit)
        except DocumentError as error:
            self.refused.emit(refusals.refusal_text(error))
            return False
        self.undo_stack.push(EditCommand(self.doc, edit, inverse, text, merge_key))
        return True

    # ---- blocks and edges --------------------------------------------------------------------
    def insert_block(self, node_type: str, task: str | None, at: Position) -> str | None:
        """A new block centred at ``at``; returns its id (selected), None when refused."""
        edit = insert_block(self.doc, node_type, at, task)
        if not self.do(edit, self.tr("Add block")):
            return None
        node_id = str(edit.node["id"])
        self.select([node_id])
        return node_id

    def connect_blocks(self, source: str, target: str,
                       kind: str | None = None) -> DocEdge | None:
        """An edge from ``source`` to ``target``: ``kind`` or the first free valid one."""
        if not self.doc.has_node(source):
            return None
        kind = kind or first_free_kind(self.doc, source)
        if kind is None:
            code = "kind_used" if valid_edge_kinds(self.doc.node_type(source)) else "no_edges"
            self.refused.emit(refusals.refusal_text(EditRefused(code, "", node=source)))
            return None
        edge = DocEdge(source, target, kind)
        return edge if self.do(AddEdge(edge), self.tr("Connect")) else None

    def reconnect(self, edge: DocEdge, *, source: str | None = None, target: str | None = None,
                  kind: str | None = None) -> bool:
        return self.do(Reconnect(edge, source, target, kind), self.tr("Change edge"))

    def remove_edge(self, edge: DocEdge) -> bool:
        return self.do(RemoveEdge(edge), self.tr("Delete edge"))

    def move(self, blocks: Mapping[str, Position],
             notes: Mapping[str, Position] | None = None) -> bool:
        """Blocks (centres) and notes (top-left corners) moved by one drag: one undo step."""
        edits: list[Edit] = [MoveNodes.of(dict(blocks))] if blocks else []
        edits += [MoveNote(note_id, x, y) for note_id, (x, y) in (notes or {}).items()]
        if not edits:
            return False
        self._drag += 1
        edit = edits[0] if len(edits) == 1 else Composite(tuple(edits), "move")
        return self.do(edit, self.tr("Move"), ("drag", self._drag))

    def set_property(self, node_id: str, path: str, value: Any) -> bool:
        """One field of a block (from the properties panel); typing in one field merges."""
        key = ("rename",) if path == "id" else ("property", node_id, path)
        return self.do(SetNodeProperty(node_id, path, value), self.tr("Edit {field}").format(
            field=path), key)

    def set_start(self, node_id: str) -> bool:
        return self.do(SetStart(node_id), self.tr("Set as start"))

    def auto_layout(self) -> bool:
        if not self.doc.node_ids():
            return False
        return self.do(auto_layout(self.doc, self.sync.sizes()), self.tr("Auto-layout"))

    # ---- selections --------------------------------------------------------------------------
    def delete(self, node_ids: Iterable[str], edges: Iterable[DocEdge] = (),
               note_ids: Iterable[str] = ()) -> bool:
        edit = delete_selection(self.doc, node_ids, edges, note_ids)
        return bool(edit.edits) and self.do(edit, self.tr("Delete"))

    def copy_text(self, node_ids: Iterable[str], note_ids: Iterable[str] = ()) -> str:
        return copy(self.doc, node_ids, note_ids)

    def paste_text(self, text: str, at: Position) -> Pasted | None:
        """Paste JSON with its top-left at ``at``; what was pasted becomes the selection."""
        try:
            edit = paste(self.doc, text, at)
        except DocumentError as error:
            self.refused.emit(refusals.refusal_text(error))
            return None
        if not self.do(edit, self.tr("Paste")):
            return None
        self.select(edit.node_ids, edit.note_ids)
        return edit

    def duplicate(self, node_ids: Sequence[str], note_ids: Sequence[str] = ()) -> bool:
        if not node_ids and not note_ids:
            return False
        edit = duplicate(self.doc, node_ids, note_ids)
        if not self.do(edit, self.tr("Duplicate")):
            return False
        self.select(edit.node_ids, edit.note_ids)
        return True

    def select(self, node_ids: Iterable[str], note_ids: Iterable[str] = ()) -> None:
        """Make these blocks and notes the selection (after a paste, an insert)."""
        self.scene.select(node_ids, note_ids)

    # ---- notes -------------------------------------------------------------------------------
    def add_note(self, at: Position, text: str = "") -> str | None:
        edit = insert_note(self.doc, at, text)
        if not self.do(edit, self.tr("Add note")):
            return None
        self.select([], [edit.note.id])
        return edit.note.id

    def resize_note(self, note_id: str, x: float, y: float, width: float,
                    height: float) -> bool:
        return self.do(MoveNote(note_id, x, y, width, height), self.tr("Resize note"))

    def edit_note(self, note_id: str, field: Literal["text", "color"], value: str) -> bool:
        key = ("note", note_id) if field == "text" else None  # each colour pick is a step
        return self.do(EditNote(note_id, field, value), self.tr("Edit note"), key)

    # ---- problems ----------------------------------------------------------------------------
    def check_now(self) -> None:
        """Check the document now and mark the blocks at fault."""
        self._check.stop()
        self.local_problems = problems(self.doc)
        self._show_problems()

    def _show_problems(self) -> None:
        shown = self.shown_problems()
        by_node: dict[str, list[str]] = {}
        for problem in shown:
            if problem.node_id is not None:
                text = f"{problem.field}: {problem.message}" if problem.field else problem.message
                by_node.setdefault(problem.node_id, []).append(text)
        self.scene.set_problems(by_node)
        self.problems_changed.emit(shown)

    def set_server_problems(self, found: Sequence[Problem]) -> None:
        """The server's problems (``/procedures/validate``), shown until the next edit."""
        self.server_problems = list(found)
        self._show_problems()

    def shown_problems(self) -> list[Problem]:
        if self._check.isActive():
            self.check_now()
        seen = {(p.node_id, p.field, p.message) for p in self.local_problems}
        extra = [p for p in self.server_problems if (p.node_id, p.field, p.message) not in seen]
        return self.local_problems + extra
