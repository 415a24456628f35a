"""The procedures table: columns, local times, raw sort values, the name/description filter."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QLocale, Qt
from pytestqt.modeltest import ModelTester

from noc_contracts.api import ProcedureSummary
from noc_desktop.procedures.table_model import (
    SUMMARY_ROLE,
    ProceduresFilter,
    ProceduresModel,
    local_time,
)

WHEN = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)


def summary(pid: int, name: str, description: str = "", version: int = 1) -> ProcedureSummary:
    return ProcedureSummary(id=pid, name=name, description=description, version=version,
                            created_by="ana", created_at=WHEN, updated_at=WHEN)


def test_columns_and_values(qtmodeltester: ModelTester) -> None:
    model = ProceduresModel()
    model.set_rows([summary(1, "nginx check", "restarts nginx", 3), summary(2, "disk")])
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Name", "Version", "Saved by", "Saved at"]
    assert [model.index(0, c).data() for c in range(3)] == ["nginx check", "3", "ana"]
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "restarts nginx"
    assert model.index(0, 0).data(SUMMARY_ROLE).id == 1
    assert model.row_of(2) == 1 and model.row_of(9) is None


def test_times_are_local() -> None:
    expected = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(WHEN.timestamp()))
                                  .toLocalTime(), QLocale.FormatType.ShortFormat)
    assert local_time(WHEN) == expected
    assert local_time(WHEN)  # not empty


def test_filter_matches_name_or_description_in_any_case(qtmodeltester: ModelTester) -> None:
    model = ProceduresModel()
    model.set_rows([summary(1, "Nginx check"), summary(2, "disk", "frees DISK space"),
                    summary(3, "backup")])
    proxy = ProceduresFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)  # type: ignore[no-untyped-call]
    proxy.set_text("NGINX")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Nginx check"]
    proxy.set_text(" disk ")
    assert proxy.rowCount() == 1
    proxy.set_text("")
    assert proxy.rowCount() == 3
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert proxy.rowCount() == 3
