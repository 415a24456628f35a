"""``ProcedureEditor``: one procedure being edited: the canvas (``FlowchartEditor``) under the
name and description, docked beside it the selected block's properties, the simulator and the
versions, below it the problems. Saving is ``ProcedureSaver``'s, versions ``VersionHistory``'s,
the properties form ``BlockForm``'s. A viewer's editor shows everything and changes nothing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from noc_contracts.api import ProcedurePublic
from noc_desktop.canvas.editor import FlowchartEditor
from noc_desktop.canvas.properties import PropertiesPanel
from noc_desktop.document import Problem, ProcedureDocument, SetProcedureField
from noc_desktop.document.convert import graph_dict
from noc_desktop.procedures.block_form import BlockForm
from noc_desktop.procedures.editor_menu import build_toolbar
from noc_desktop.procedures.header import EditorHeader
from noc_desktop.procedures.history import VersionHistory
from noc_desktop.procedures.problems_list import ProblemsList
from noc_desktop.procedures.saving import ProcedureSaver
from noc_desktop.procedures.unsaved import ask_unsaved
from noc_desktop.procedures.versions_panel import VersionsPanel
from noc_desktop.session import Session
from noc_desktop.simulator.panel import SimulatorPanel
from noc_desktop.widgets.calls import alive

#: quiet time after an edit before the simulator is given the procedure's tasks
SIMULATOR_DELAY_MS = 300


def _scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a scroll area, so its dock can be shorter than all of it."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


class ProcedureEditor(QMainWindow):
    """Embedded as a widget (docks need a main window); ``procedure`` is the saved version
    being edited (None: a new one), the document is ``editor.document``."""

    #: unsaved changes appeared or went away
    modified_changed = Signal(bool)
    #: a version was saved (its ProcedurePublic) or the procedure deleted (None)
    saved = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Widget)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks)
        self.session = session
        self.procedure: ProcedurePublic | None = None
        self.editor = FlowchartEditor(session, self)
        self.header = EditorHeader()
        self.properties = PropertiesPanel()
        self.versions = VersionsPanel()
        self.problems_list = ProblemsList()
        self.simulator = SimulatorPanel(session)
        self.page_actions: dict[str, QAction] = {}
        self.saver = ProcedureSaver(self)
        self.history = VersionHistory(self)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.editor, 1)
        self.setCentralWidget(central)
        self.docks = {
            "properties": self._dock("properties", self.tr("Properties"), self.properties,
                                     Qt.DockWidgetArea.RightDockWidgetArea),
            "simulator": self._dock("simulator", self.tr("Simulator"),
                                    _scrolled(self.simulator),
                                    Qt.DockWidgetArea.RightDockWidgetArea),
            "versions": self._dock("versions", self.tr("Versions"), self.versions,
                                   Qt.DockWidgetArea.RightDockWidgetArea),
            "problems": self._dock("problems", self.tr("Problems"), self.problems_list,
                                   Qt.DockWidgetArea.BottomDockWidgetArea),
        }
        self.tabifyDockWidget(self.docks["properties"], self.docks["simulator"])
        self.tabifyDockWidget(self.docks["simulator"], self.docks["versions"])
        self.docks["properties"].raise_()
        self._sized = False
        self.toolbar: QToolBar = build_toolbar(self)
        self._simulate_later = QTimer(self, singleShot=True, interval=SIMULATOR_DELAY_MS)
        self._simulate_later.timeout.connect(self._give_simulator)
        self.block_form = BlockForm(self.editor, self.properties, self)
        self._wire()
        self.set_read_only(not session.can_write)
        self.new_procedure()

    def _dock(self, name: str, title: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name}_dock")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # dock sizes only hold once the window has its own size
            self._sized = True
            palette_split = self.editor.findChild(QSplitter)
            if palette_split is not None:  # more room for the canvas beside the docks
                palette_split.setSizes([180, max(400, palette_split.width() - 180)])
            self.resizeDocks([self.docks["properties"]], [330], Qt.Orientation.Horizontal)
            self.resizeDocks([self.docks["problems"]], [90], Qt.Orientation.Vertical)

    def _wire(self) -> None:
        editor, controller = self.editor, self.editor.controller
        controller.document_changed.connect(self._document_changed)
        controller.problems_changed.connect(self._problems_changed)
        editor.undo_stack.cleanChanged.connect(self._clean_changed)
        self.problems_list.block_chosen.connect(lambda node_id: controller.select([node_id]))
        self.header.name_edited.connect(lambda text: self._set_field("name", text))
        self.header.description_edited.connect(
            lambda text: self._set_field("description", text))
        self.simulator.path_changed.connect(self.editor.scene.set_path)
        self.simulator.block_states_changed.connect(self.editor.scene.set_block_states)

    def set_read_only(self, read_only: bool) -> None:
        """Let nothing change the procedure (a viewer's editor): the canvas, the name and
        description, the properties form and New; Save, Run and Delete follow the role too."""
        self.editor.set_read_only(read_only)
        self.header.name.setReadOnly(read_only)
        self.header.description.setReadOnly(read_only)
        self.block_form.read_only = read_only
        self.block_form.show()
        self.page_actions["new"].setEnabled(not read_only)

    # ---- what is edited ----------------------------------------------------------------------
    @property
    def document(self) -> ProcedureDocument:
        return self.editor.document

    def is_modified(self) -> bool:
        return not self.editor.undo_stack.isClean()

    def new_procedure(self) -> None:
        """An empty procedure, not saved yet (callers ask about unsaved work first)."""
        self.show_procedure(None)

    def show_procedure(self, procedure: ProcedurePublic | None) -> None:
        """Edit ``procedure`` as saved (None: a new one); unsaved changes are dropped, and a
        load still on its way is no longer wanted."""
        self.saver.cancel_loads()
        self.procedure = procedure
        doc = (ProcedureDocument() if procedure is None else ProcedureDocument.from_graph(
            procedure.graph, procedure.name, procedure.description))
        self.editor.set_document(doc)
        self.editor.scene.set_path([])
        self.editor.scene.clear_block_states()
        self.header.set_fields(doc.name, doc.description)
        self.versions.set_versions([])
        if procedure is not None:
            self.history.load_versions()
        self._document_changed()
        self.refresh_state()

    def discard_changes(self) -> None:
        self.show_procedure(self.procedure)

    def can_leave(self, then: Callable[[], object] | None = None) -> bool:
        """True when nothing is unsaved or the user discards it; on Save the save starts and
        ``then`` runs once it is stored (False meanwhile); Cancel: False."""
        if not self.is_modified():
            return True
        answer = ask_unsaved(self, self.document.name)
        if answer == "discard":
            self.discard_changes()
            return True
        if answer == "save":
            self.saver.save(then=then)
        return False

    # ---- reacting to edits -------------------------------------------------------------------
    def _set_field(self, field: str, value: str) -> None:
        if getattr(self.document, field) != value:
            self.editor.controller.do(SetProcedureField(field, value),  # type: ignore[arg-type]
                                      self.tr("Edit the procedure's {field}").format(
                                          field=field), merge_key=("procedure", field))

    def _document_changed(self) -> None:
        doc = self.document
        self.header.set_fields(doc.name, doc.description)
        self.block_form.document_changed()
        self._simulate_later.start()
        self.refresh_state()

    def _give_simulator(self) -> None:
        """The simulator's rows follow the document's tasks; the graph is built on Simulate."""
        doc = self.document
        self.simulator.set_procedure(lambda: graph_dict(self.document),
                                     [n for n in doc.node_ids() if doc.node_type(n) == "task"],
                                     doc.name)

    def _problems_changed(self, found: list[Problem]) -> None:
        self.problems_list.set_problems(found)
        name = next((p.message for p in found if p.node_id is None and p.field == "name"), "")
        self.header.show_name_problem(name)

    def _clean_changed(self, _: bool) -> None:
        if alive(self) and alive(self.editor.undo_stack):  # not while being destroyed
            self.refresh_state()

    def refresh_state(self) -> None:
        """The title's version and ``*``, the actions' states, ``modified_changed``."""
        modified = self.is_modified()
        version = self.procedure.version if self.procedure else None
        self.header.set_title(self.document.name, version, modified)
        self.saver.update_actions()
        self.modified_changed.emit(modified)
