"""The per-host table model: a replay appends rows (never resets), a batch repaints only the
rows it changed, cached texts match the state, and Qt's model checks pass throughout."""

from __future__ import annotations

from typing import Any

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from noc_contracts import ExecutionEvent
from noc_contracts.api import ExecutionDetail
from noc_desktop.monitor.hosts_model import HostsFilter, HostsModel
from noc_desktop.monitor.state import ExecutionState
from tests.desktop.monitor.scripted import host_names, scripted_events


def _state(events: list[dict[str, Any]]) -> tuple[ExecutionState, list[ExecutionEvent]]:
    header = ExecutionDetail.model_validate({
        "id": "ex-m", "procedure_id": 1, "procedure_name": "p", "procedure_version": 1,
        "status": "running", "started_at": "2026-01-01T12:00:00Z", "finished_at": None,
        "hosts_total": 0, "hosts": []})
    return ExecutionState(header), [ExecutionEvent.model_validate(e) for e in events]


def test_rows_are_appended_and_only_changed_rows_repainted(
        qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    state, events = _state(scripted_events("ex-m", host_names(6)))
    model = HostsModel()
    proxy = HostsFilter()
    proxy.setSourceModel(model)
    proxy.sort(HostsModel.HOST)
    model.set_state(state)
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    resets: list[bool] = []
    changed: list[tuple[int, int, int]] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda a, b, _roles=None: changed.append((a.row(), b.row(),
                                                                        a.column())))
    model.refresh(state.apply(events[:1]).hosts)  # execution_started: six new rows
    assert model.rowCount() == 6 and proxy.rowCount() == 6 and resets == []
    changed.clear()

    one = next(e for e in events if e.type == "step_started" and e.host == "h0004")
    model.refresh(state.apply([one]).hosts)
    assert changed == [(model.row_of("h0004"),) * 2 + (HostsModel.STATUS,)]
    row = model.row_of("h0004")
    assert model.data(model.index(row, HostsModel.STATUS)) == "running"
    assert model.data(model.index(row, HostsModel.STEPS)) == "1"

    model.refresh(state.apply(events).hosts)
    for name, host in state.hosts.items():
        row = model.row_of(name)
        assert model.data(model.index(row, HostsModel.STATUS)) == host.status
        assert model.data(model.index(row, HostsModel.STEPS)) == str(len(host.steps))
    failed = {n for n, h in state.hosts.items() if h.status == "failed"}
    proxy.set_status("failed")
    shown = {proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())}
    assert shown == failed and failed
    assert resets == []
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]


def test_a_new_snapshot_with_the_same_hosts_keeps_the_rows(qtbot: QtBot) -> None:
    state, events = _state(scripted_events("ex-m", host_names(4)))
    state.apply(events)
    model = HostsModel()
    model.set_state(state)
    resets: list[bool] = []
    inserted: list[int] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.rowsInserted.connect(lambda _p, first, last: inserted.append(last - first + 1))
    replay = ExecutionState(state.to_detail(), with_hosts=False)
    replay.apply(events)
    model.set_state(replay)
    assert resets == [] and inserted == [] and model.rowCount() == 4
    assert model.host_at(0) is replay.hosts[host_names(4)[0]]
