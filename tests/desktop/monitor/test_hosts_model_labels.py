"""The hosts table in Portuguese: the status column shows the translated label, while its
colour and the status filter still read the status value (a label is not a status)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from noc_contracts import ExecutionEvent
from noc_contracts.api import ExecutionDetail
from noc_desktop.language import install_translators, remove_translators
from noc_desktop.monitor.colours import status_colour
from noc_desktop.monitor.hosts_model import HostsFilter, HostsModel
from noc_desktop.monitor.state import ExecutionState
from tests.desktop.monitor.scripted import host_names, scripted_events


@pytest.fixture
def portuguese(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "pt_BR")
    yield
    remove_translators(qapp, translators)


def test_labels_are_translated_but_colours_and_filter_read_the_status(portuguese: None) -> None:
    header = ExecutionDetail.model_validate({
        "id": "ex", "procedure_id": 1, "procedure_name": "p", "procedure_version": 1,
        "status": "running", "started_at": "2026-01-01T12:00:00Z", "finished_at": None,
        "hosts_total": 0, "hosts": []})
    state = ExecutionState(header, with_hosts=False)
    state.apply([ExecutionEvent.model_validate(e)
                 for e in scripted_events("ex", host_names(4))])
    model = HostsModel()
    model.set_state(state)
    statuses = {model.index(r, model.HOST).data(): state.hosts[model.index(r, 0).data()].status
                for r in range(model.rowCount())}
    assert sorted(statuses.values()) == ["failed", "success", "success", "success"]
    for row in range(model.rowCount()):
        status = statuses[model.index(row, model.HOST).data()]
        cell = model.index(row, model.STATUS)
        assert cell.data() == {"success": "sucesso", "failed": "falhou"}[status]
        colour = cell.data(Qt.ItemDataRole.DecorationRole)
        assert isinstance(colour, QColor) and colour == QColor(status_colour(status))
    only_failed = HostsFilter()
    only_failed.setSourceModel(model)
    only_failed.set_status("failed")
    assert only_failed.rowCount() == 1
