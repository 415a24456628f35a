"""``FlowchartEditor``: the flowchart editor as one widget: the palette, the canvas (an
``EditorView``) with its minimap, the ``CanvasController`` and the actions with shortcuts. The
editor page puts it in a window with the properties panel, menus, saving and versions.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QUndoStack
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from noc_contracts import ErrorDetail, TaskTypeSpec
from noc_desktop.canvas import editor_actions, menus
from noc_desktop.canvas.controller import CanvasController
from noc_desktop.canvas.edit_view import EditorView
from noc_desktop.canvas.editor_actions import build_actions
from noc_desktop.canvas.items.block import BlockItem
from noc_desktop.canvas.items.edge import EdgeItem
from noc_desktop.canvas.items.note import NoteItem
from noc_desktop.canvas.minimap import Minimap
from noc_desktop.canvas.palette import Palette
from noc_desktop.canvas.scene import FlowchartScene
from noc_desktop.document import DocEdge, Problem, ProcedureDocument
from noc_desktop.session import Session

MINIMAP_SIZE = (200, 140)
MESSAGE_MS = 6000


class FlowchartEditor(QWidget):
    """Palette | canvas; ``controller`` makes every change, ``actions()`` names them."""

    #: the selected blocks' ids, in the order they were selected
    selection_changed = Signal(list)
    #: the task types the palette shows (the server's once loaded)
    task_types_loaded = Signal(list)

    def __init__(self, session: Session | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view = EditorView()
        self.scene: FlowchartScene = self.view.flow_scene
        self.controller = CanvasController(self.scene, self)
        self.palette_panel = Palette()
        self.minimap = Minimap(self.view, self.view)
        self.minimap.resize(*MINIMAP_SIZE)
        self.message = QLabel(self.view)
        self.message.setStyleSheet("background: #fff3e0; color: #bf360c; border: 1px solid "
                                   "#ffb74d; border-radius: 4px; padding: 4px 8px;")
        self.message.hide()
        self._message_timer = QTimer(self, singleShot=True, interval=MESSAGE_MS)
        self._message_timer.timeout.connect(self.message.hide)
        self.task_types: list[TaskTypeSpec] = []
        self._order: list[str] = []
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.palette_panel)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._actions = build_actions(self)
        self._wire()
        if session is not None:
            self.palette_panel.load(session)

    def _wire(self) -> None:
        view, controller = self.view, self.controller
        view.installEventFilter(self)
        self.palette_panel.insert_requested.connect(lambda kind, task: self.insert(kind, task))
        self.palette_panel.task_types_loaded.connect(self._task_types)
        self._task_types(self.palette_panel.specs)
        view.block_dropped.connect(
            lambda kind, task, at: controller.insert_block(kind, task or None, (at.x(), at.y())))
        view.connect_requested.connect(controller.connect_blocks)
        view.edge_end_dropped.connect(self._edge_end_dropped)
        view.items_moved.connect(controller.move)
        view.note_resized.connect(controller.resize_note)
        view.edge_menu_requested.connect(
            lambda s, t, k, at: menus.edge_menu(self, DocEdge(s, t, k)).popup(at))
        view.block_menu_requested.connect(
            lambda node_id, at: menus.block_menu(self, node_id).popup(at))
        view.note_menu_requested.connect(
            lambda note_id, at: menus.note_menu(self, note_id).popup(at))
        view.canvas_menu_requested.connect(
            lambda where, at: menus.canvas_menu(self, where).popup(at))
        controller.refused.connect(self.show_message)
        self.scene.selectionChanged.connect(self._selection_changed)
        for signal in (view.horizontalScrollBar().valueChanged,
                       view.verticalScrollBar().valueChanged, view.zoom_changed,
                       self.scene.sceneRectChanged):
            signal.connect(self._update_minimap)

    # ---- the document ------------------------------------------------------------------------
    def set_document(self, doc: ProcedureDocument) -> None:
        """Edit ``doc`` (a new undo history) and fit it in view."""
        self.controller.set_document(doc)
        self.view.fit()
        self._update_minimap()

    @property
    def document(self) -> ProcedureDocument:
        return self.controller.doc

    @property
    def undo_stack(self) -> QUndoStack:
        return self.controller.undo_stack

    @property
    def read_only(self) -> bool:
        return self.controller.read_only

    def set_read_only(self, read_only: bool) -> None:
        """Show the procedure without letting it change (see ``editor_actions``)."""
        editor_actions.set_read_only(self, read_only)

    def actions(self) -> dict[str, QAction]:  # type: ignore[override]
        """Every editor action by name (undo, redo, delete, cut, copy, paste, duplicate, ...)."""
        return dict(self._actions)

    def set_problems(self, problems: Sequence[Problem | ErrorDetail]) -> None:
        """Mark blocks with problems found elsewhere (the server's validation), until the next
        edit; the document's own problems are marked by themselves."""
        self.controller.set_server_problems(
            [p if isinstance(p, Problem) else Problem(p.node, p.field, p.message)
             for p in problems])

    def _task_types(self, specs: list[TaskTypeSpec]) -> None:
        self.task_types = list(specs)
        self.controller.set_task_kinds({spec.name: str(spec.kind) for spec in specs})
        self.task_types_loaded.emit(self.task_types)

    # ---- selection ---------------------------------------------------------------------------
    def selected_node_ids(self) -> list[str]:
        return list(self._order)

    def selected_note_ids(self) -> list[str]:
        return [i.note_id for i in self.scene.selectedItems() if isinstance(i, NoteItem)]

    def selected_edges(self) -> list[DocEdge]:
        return [DocEdge(i.source.node_id, i.target.node_id, i.kind)
                for i in self.scene.selectedItems() if isinstance(i, EdgeItem)]

    def _selection_changed(self) -> None:
        now = {i.node_id for i in self.scene.selectedItems() if isinstance(i, BlockItem)}
        order = [n for n in self._order if n in now]
        order += sorted(now - set(order))
        if order != self._order:
            self._order = order
            self.selection_changed.emit(list(order))

    def select_all(self) -> None:
        self.controller.select(self.scene.blocks, self.scene.notes)

    # ---- intents -----------------------------------------------------------------------------
    def insert(self, node_type: str, task: str = "", at: QPointF | None = None) -> str | None:
        """Insert a block at ``at``, else at the canvas's cursor (or its centre)."""
        where = at if at is not None else self.view.cursor_scene_pos()
        node_id = self.controller.insert_block(node_type, task or None, (where.x(), where.y()))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return node_id

    def insert_current(self) -> None:
        entry = self.palette_panel.tree.currentItem()
        data = entry.data(0, Qt.ItemDataRole.UserRole) if entry is not None else None
        if data:
            self.insert(data[0], data[1])

    def delete_selected(self) -> None:
        self.controller.delete(self.selected_node_ids(), self.selected_edges(),
                               self.selected_note_ids())

    def copy(self) -> None:
        nodes, notes = self.selected_node_ids(), self.selected_note_ids()
        if nodes or notes:
            QGuiApplication.clipboard().setText(self.controller.copy_text(nodes, notes))

    def cut(self) -> None:
        self.copy()
        self.controller.delete(self.selected_node_ids(), (), self.selected_note_ids())

    def paste(self) -> None:
        self.paste_at(self.view.cursor_scene_pos())

    def paste_at(self, at: QPointF) -> None:
        """Paste the clipboard's text (copied blocks, a procedure, a bare graph) at ``at``."""
        self.controller.paste_text(QGuiApplication.clipboard().text(), (at.x(), at.y()))

    def duplicate(self) -> None:
        self.controller.duplicate(self.selected_node_ids(), self.selected_note_ids())

    def connect_selected(self) -> None:
        """Connect the first selected block to the second (connecting from the keyboard)."""
        if len(self._order) == 2:
            self.controller.connect_blocks(self._order[0], self._order[1])
        else:
            self.show_message(self.tr("Select two blocks to connect: the source first."))

    def set_start_selected(self) -> None:
        if len(self._order) == 1:
            self.controller.set_start(self._order[0])

    def add_note(self) -> None:
        at = self.view.cursor_scene_pos()
        self.controller.add_note((at.x(), at.y()))

    def _edge_end_dropped(self, source: str, target: str, kind: str, end: str,
                          node_id: str) -> None:
        edge = DocEdge(source, target, kind)
        if end == "source":
            self.controller.reconnect(edge, source=node_id)
        else:
            self.controller.reconnect(edge, target=node_id)

    # ---- overlays ----------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        """A short message over the canvas (why an edit was refused), hidden after a while."""
        self.message.setText(text)
        self.message.adjustSize()
        self.message.move(12, 12)
        self.message.show()
        self.message.raise_()
        self._message_timer.start()

    def _update_minimap(self) -> None:
        viewport = self.view.viewport().geometry()
        self.minimap.move(QPoint(viewport.right() - self.minimap.width() - 10,
                                 viewport.bottom() - self.minimap.height() - 10))
        self.minimap.setVisible(self.minimap.needed())  # drawn as it is shown
        self.minimap.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._update_minimap)  # dropped if the editor goes first
        return False
