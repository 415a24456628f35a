"""Status values are shown translated everywhere a status is text: the executions list, the
per-host table, the execution header and the connection-test results (a test translator
marks every string of the ``Status`` context)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from noc_contracts import ExecutionStatus, HostRunStatus, NodeHealth, NodeInfo, StepStatus
from noc_contracts.api import ConnectionTestResult, ExecutionDetail, ExecutionPublic
from noc_contracts.schedules import ScheduleStatus
from noc_desktop.inventory.connection_test_dialog import ConnectionTestDialog
from noc_desktop.monitor.executions_model import ExecutionsModel
from noc_desktop.monitor.header import ExecutionHeader
from noc_desktop.monitor.state import ExecutionState
from noc_desktop.nodes.model import NodesModel
from noc_desktop.session import Session
from noc_desktop.widgets.statuses import status_label, status_labels

T0 = datetime(2026, 1, 1, tzinfo=UTC)


class MarkStatuses(QTranslator):
    """Translates every ``Status`` string to ``«value»``."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return f"«{source}»" if context == "Status" else ""


@pytest.fixture
def marked(qapp: QApplication) -> Iterator[None]:
    translator = MarkStatuses()
    qapp.installTranslator(translator)
    try:
        yield
    finally:
        qapp.removeTranslator(translator)


def test_every_status_of_the_api_has_a_label() -> None:
    values = {s.value for enum in (ExecutionStatus, HostRunStatus, StepStatus, ScheduleStatus)
              for s in enum}
    assert values <= set(status_labels())
    assert status_label("something new") == "something new"


def test_a_node_health_is_a_status_translated_where_shown(marked: None) -> None:
    assert {h.value for h in NodeHealth} <= set(status_labels())
    model = NodesModel()
    model.set_rows([NodeInfo(name="n", url="http://n", healthy=True, health=NodeHealth.late,
                             capacity=1, queue_depth=0, running=0)])
    assert model.data(model.index(0, model.HEALTH), Qt.ItemDataRole.DisplayRole) == "«late»"


def test_statuses_are_translated_where_shown(marked: None, qtbot: QtBot,
                                             session: Session) -> None:
    assert QCoreApplication.translate("Status", "running") == "«running»"
    model = ExecutionsModel()
    model.set_rows([ExecutionPublic(id="e1", procedure_id=1, procedure_name="p",
                                    procedure_version=1, status="partial", started_at=T0,
                                    finished_at=None, hosts_total=2)])
    assert model.data(model.index(0, model.STATUS), Qt.ItemDataRole.DisplayRole) == "«partial»"

    header = ExecutionHeader()
    qtbot.addWidget(header)
    detail = ExecutionDetail(id="e1", procedure_id=None, procedure_name="p",
                             procedure_version=None, status="running", started_at=T0,
                             finished_at=None, hosts_total=1, hosts=[])
    header.show_state(ExecutionState(detail))
    assert header.status.text() == "«running»"

    dialog = ConnectionTestDialog(session, None, "web")
    qtbot.addWidget(dialog)
    dialog.show_result(ConnectionTestResult.model_validate(
        {"node": "n1", "results": [{"host": "h1", "reachable": False,
                                    "status": "unreachable", "reason": "no route"}]}))
    assert dialog.table.item(0, 2).text() == "«unreachable»"
