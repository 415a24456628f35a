"""``SimulatorPanel``: try a procedure's branches without touching a host. The user picks the
host, launch vars and each task's outcome per visit; Simulate asks the server (the
scheduler's engine judges) and lists every step; Step reveals them one at a time. The walked
path and block states go out as signals for the canvas (``FlowchartView.set_path`` and
``set_block_states``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from noc_contracts import SimulationResult
from noc_desktop.client import ApiError, HttpError
from noc_desktop.inventory.vars_editor import VarsEditor
from noc_desktop.session import Session
from noc_desktop.simulator.host_form import HostForm
from noc_desktop.simulator.outcomes_table import OutcomesTable
from noc_desktop.simulator.reading import block_states, path_until, task_visits
from noc_desktop.simulator.script import STATUSES, Script, ScriptProblem, build_request
from noc_desktop.simulator.step_text import status_name
from noc_desktop.simulator.steps_list import StepsList
from noc_desktop.widgets.calls import call_for
from noc_desktop.widgets.errors import error_details, error_summary
from noc_desktop.widgets.looks import ERROR_TEXT_STYLE
from noc_desktop.widgets.slots import async_slot

#: request fields the panel edits (a 422 on one is shown next to it)
_FORM_FIELDS = ("vars", "host", "host_name", "outcomes")


class SimulatorPanel(QWidget):
    """Self-contained: give it a procedure with ``set_procedure``; listen to the signals."""

    path_changed = Signal(list)
    block_states_changed = Signal(dict)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        #: the procedure's graph as JSON, asked for on Simulate only (the editor's draft)
        self.graph: Callable[[], dict[str, Any]] = dict
        self.name = ""
        self.script = Script()
        self.result: SimulationResult | None = None
        self.shown_steps = 0
        self._stale = True  # the answer no longer matches what the form says
        self.host_form = HostForm(session)
        self.vars = VarsEditor()
        self.vars.setObjectName("sim_vars")
        self.vars_problem = _problem_label("vars_problem")
        self.outcomes = OutcomesTable(self.script)
        self.default_status = QComboBox()
        self.default_status.setObjectName("default_status")
        for status in STATUSES:
            self.default_status.addItem(status_name(status), status)
        self.simulate_button = QPushButton(self.tr("Simulate"))
        self.simulate_button.setObjectName("simulate")
        self.simulate_button.setToolTip(self.tr("Walk the whole procedure with these outcomes"))
        self.step_button = QPushButton(self.tr("Step"))
        self.step_button.setObjectName("step")
        self.step_button.setToolTip(self.tr("Show the walk one step further"))
        self.status = QLabel(self.tr("Choose a host and the outcomes, then Simulate."))
        self.status.setObjectName("sim_status")
        self.status.setWordWrap(True)
        self.steps = StepsList()
        self.host_form.changed.connect(self._edited)
        self.vars.changed.connect(self._edited)
        self.outcomes.edited.connect(self._edited)
        self.default_status.currentIndexChanged.connect(lambda _: self._edited())
        self.simulate_button.clicked.connect(lambda: self.simulate(None))
        self.step_button.clicked.connect(self.step)
        self.steps.step_chosen.connect(self.show_until)
        self._build()

    def _build(self) -> None:
        host_box = QGroupBox(self.tr("Host"))
        QVBoxLayout(host_box).addWidget(self.host_form)
        vars_box = QGroupBox(self.tr("Launch vars"))
        vars_layout = QVBoxLayout(vars_box)
        vars_layout.addWidget(self.vars)
        vars_layout.addWidget(self.vars_problem)
        outcomes_box = QGroupBox(self.tr("Task outcomes, per visit"))
        outcomes_layout = QVBoxLayout(outcomes_box)
        outcomes_layout.addWidget(self.outcomes)
        default_row = QHBoxLayout()
        default_row.addWidget(QLabel(self.tr("Tasks without a row:")))
        default_row.addWidget(self.default_status, 1)
        outcomes_layout.addLayout(default_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.simulate_button)
        buttons.addWidget(self.step_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in (host_box, vars_box, outcomes_box):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.steps, 1)

    # ---- what the editor calls ---------------------------------------------------------------
    def set_procedure(self, graph: Callable[[], dict[str, Any]], tasks: Sequence[str],
                      name: str = "") -> None:
        """The procedure to simulate: ``graph`` gives its JSON when Simulate is pressed (the
        editor's current, unsaved graph: the server names its faults), ``tasks`` its task
        ids in order (rows of tasks still there keep their outcomes)."""
        self.graph, self.name = graph, name
        self.script.reset(tasks)
        self.outcomes.reload()
        self._edited()

    def load(self) -> None:
        """Fetch the inventory's hosts to choose from."""
        self.host_form.load()

    def stop(self) -> None:
        """No more host searches (the editor is closing)."""
        self.host_form.stop()

    # ---- running -----------------------------------------------------------------------------
    def step(self) -> None:
        """One step further; a fresh simulation first when the form changed."""
        if self.result is None or self._stale:
            self.simulate(1)
        else:
            self.show_until(min(self.shown_steps + 1, len(self.result.steps)))

    @async_slot
    async def simulate(self, show: int | None) -> None:
        """Ask the server for the walk; show ``show`` steps of it (all when None)."""
        self._clear_problems()
        self.script.default_status = str(self.default_status.currentData())
        try:
            request = build_request(self.graph(), self.host_form.choice(),
                                    self.vars.vars(), self.script, self.name)
        except ScriptProblem as problem:
            self._show_problem(problem.field, problem.message)
            return
        self._set_running(True)
        try:
            result = await call_for(self, self.session, self.session.client.simulate(request))
        except ApiError as exc:
            self._show_error(exc)
            return
        finally:
            self._set_running(False)
        self.result, self._stale = result, False
        if self.script.grow_to(task_visits(result)):
            self.outcomes.reload()
        self.steps.set_steps(result.steps)
        self.show_until(len(result.steps) if show is None else show)

    def show_until(self, count: int) -> None:
        """Reveal the first ``count`` steps on the list and the canvas."""
        if self.result is None:
            return
        self.shown_steps = count
        self.steps.reveal(count)
        done = count >= len(self.result.steps)
        self.step_button.setEnabled(not done)
        self.status.setText(self._summary(self.result) if done else self.tr(
            "Step {n} of {total}").format(n=count, total=len(self.result.steps)))
        self.path_changed.emit(path_until(self.result, count))
        self.block_states_changed.emit(block_states(self.result, count))

    # ---- states and problems -----------------------------------------------------------------
    def _summary(self, result: SimulationResult) -> str:
        if result.truncated:
            return self.tr("Stopped before the end: {message}").format(message=result.message)
        return self.tr("The run ends {status}: {message}").format(
            status=status_name(str(result.status)), message=result.message)

    def _edited(self) -> None:
        self._stale = True
        self.step_button.setEnabled(True)

    def _set_running(self, running: bool) -> None:
        self.simulate_button.setEnabled(not running)
        self.step_button.setEnabled(not running)
        if running:
            self.status.setText(self.tr("Simulating…"))

    def _clear_problems(self) -> None:
        self.vars_problem.hide()
        self.host_form.show_problem("")
        self.outcomes.show_problem("")

    def _show_problem(self, field: str, message: str) -> None:
        """Next to the field it names: vars, the host, an outcome row; else in the status."""
        if field == "vars" or field.startswith("vars."):
            self.vars_problem.setText(message)
            self.vars_problem.show()
        elif field.startswith("host"):
            self.host_form.show_problem(message)
        elif field.startswith("outcomes."):
            self.outcomes.show_problem(message, field)
        else:
            self.status.setText(f"{field}: {message}")
            return
        self.status.setText(self.tr("Correct the marked value, then simulate again."))

    def _show_error(self, exc: ApiError) -> None:
        """A 422 on a field goes next to it; anything else (a graph that cannot run, naming
        its nodes; an unreachable server) is told in the status."""
        if isinstance(exc, HttpError) and exc.status == 422:
            fields = [d for d in exc.details
                      if d.field and d.field.split(".")[0] in _FORM_FIELDS]
            if fields:
                for detail in fields:
                    self._show_problem(str(detail.field), detail.message)
                return
            lines = [self.tr("The procedure cannot be simulated:")]
            for detail in exc.details:  # the block at fault first: it is what the user sees
                where = detail.node or detail.field
                lines.append(f"• {where}: {detail.message}" if where else f"• {detail.message}")
            self.status.setText("\n".join(lines))
            return
        self.status.setText("\n".join([error_summary(exc), *error_details(exc)]))


def _problem_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_TEXT_STYLE)
    label.hide()
    return label
