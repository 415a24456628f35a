"""Status values as people read them: every execution, host, step and schedule status the API
sends (``running``, ``partial``, ``unreachable``, ``lost``...) has one translated label, under
the ``Status`` translation context, used wherever a status is shown as text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def status_labels() -> dict[str, str]:
    """Every known status value -> its label in the current language (a table that labels
    many rows takes this once)."""
    t = QCoreApplication.translate
    return {
        # executions (ExecutionStatus) and hosts (HostRunStatus)
        "pending": t("Status", "pending"),
        "running": t("Status", "running"),
        "success": t("Status", "success"),
        "failed": t("Status", "failed"),
        "partial": t("Status", "partial"),
        "cancelled": t("Status", "cancelled"),
        "cancelling": t("Status", "cancelling"),
        "missed": t("Status", "missed"),
        "unreachable": t("Status", "unreachable"),
        # steps (StepStatus)
        "ok": t("Status", "ok"),
        "timeout": t("Status", "timeout"),
        "lost": t("Status", "lost"),
        "error": t("Status", "error"),
        "skipped": t("Status", "skipped"),
        # schedules (ScheduleStatus)
        "active": t("Status", "active"),
        "paused": t("Status", "paused"),
        "done": t("Status", "done"),
    }


def status_label(status: object) -> str:
    """The translated label of a status value (an enum member or its string); an unknown
    value is shown as it came. Looked up each time, so a language change applies at once."""
    value = str(getattr(status, "value", status))
    return status_labels().get(value, value)
