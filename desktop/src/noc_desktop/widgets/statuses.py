"""Status values as people read them: every execution, host, step, schedule and node status
the API sends (``running``, ``partial``, ``unreachable``, ``lost``, ``late``...) has one
translated label, under the ``Status`` translation context, used wherever a status is shown
as text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def status_labels() -> dict[str, str]:
    """Every known status value -> its label in the current language (a table that labels
    many rows takes this once)."""
    return {
        # executions (ExecutionStatus) and hosts (HostRunStatus)
        "pending": QCoreApplication.translate("Status", "pending"),
        "running": QCoreApplication.translate("Status", "running"),
        "success": QCoreApplication.translate("Status", "success"),
        "failed": QCoreApplication.translate("Status", "failed"),
        "partial": QCoreApplication.translate("Status", "partial"),
        "cancelled": QCoreApplication.translate("Status", "cancelled"),
        "cancelling": QCoreApplication.translate("Status", "cancelling"),
        "missed": QCoreApplication.translate("Status", "missed"),
        "unreachable": QCoreApplication.translate("Status", "unreachable"),
        # steps (StepStatus)
        "ok": QCoreApplication.translate("Status", "ok"),
        "timeout": QCoreApplication.translate("Status", "timeout"),
        "lost": QCoreApplication.translate("Status", "lost"),
        "error": QCoreApplication.translate("Status", "error"),
        "skipped": QCoreApplication.translate("Status", "skipped"),
        # schedules (ScheduleStatus)
        "active": QCoreApplication.translate("Status", "active"),
        "paused": QCoreApplication.translate("Status", "paused"),
        "done": QCoreApplication.translate("Status", "done"),
        # nodes (NodeHealth)
        "up": QCoreApplication.translate("Status", "up"),
        "late": QCoreApplication.translate("Status", "late"),
        "down": QCoreApplication.translate("Status", "down"),
    }


def status_label(status: object) -> str:
    """The translated label of a status value (an enum member or its string); an unknown
    value is shown as it came. Looked up each time, so a language change applies at once."""
    value = str(getattr(status, "value", status))
    return status_labels().get(value, value)
