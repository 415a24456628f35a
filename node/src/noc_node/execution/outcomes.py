"""The one place every outcome becomes a ``HostResult``: Ansible events, and hosts that got none.

Host results come from that host's own event, never from the run's overall rc/status (which
mixes all hosts); the run's end only decides what the hosts without an event get.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from noc_contracts import HostResult, StepStatus

#: ansible event -> how the host's step ended
EVENT_STATUS: dict[str, StepStatus] = {
    "runner_on_ok": StepStatus.ok,
    "runner_on_skipped": StepStatus.ok,
    "runner_on_failed": StepStatus.failed,
    "runner_on_unreachable": StepStatus.unreachable,
}

MAX_TEXT = 1_000_000
_PROMOTED = {"rc", "changed", "stdout", "stderr", "msg"}
_INTERNAL = {"invocation", "stdout_lines", "stderr_lines", "failed", "unreachable",
             "warnings", "deprecations", "ansible_facts", "exception"}


def now() -> datetime:
    return datetime.now(UTC)


def _text(value: Any) -> str:
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "\n[truncated]"


def facts_of(res: dict[str, Any]) -> dict[str, Any]:
    """Module return values worth keeping: ``res`` minus Ansible's internal keys."""
    facts = {key: value for key, value in res.items()
             if key not in _PROMOTED and key not in _INTERNAL and not key.startswith("_ansible")}
    extra = res.get("ansible_facts")
    if isinstance(extra, dict):
        facts.update(extra)
    return facts


def from_event(event: str, host: str, res: dict[str, Any], started_at: datetime) -> HostResult:
    """A host's result from one of the events in ``EVENT_STATUS``."""
    rc = res.get("rc")
    return HostResult(
        host=host,
        status=EVENT_STATUS[event],
        rc=rc if isinstance(rc, int) and not isinstance(rc, bool) else None,
        changed=bool(res.get("changed", False)),
        stdout=_text(res.get("stdout")),
        stderr=_text(res.get("stderr")),
        msg=_text(res.get("msg") or ("skipped" if event == "runner_on_skipped" else "")),
        facts=facts_of(res),
        started_at=started_at,
        finished_at=now(),
    )


@dataclass(frozen=True)
class RunEnd:
    """How a whole run ended, as far as hosts without their own event are concerned."""

    status: StepStatus
    message: str


def for_missing(hosts: list[str], end: RunEnd, started_at: datetime) -> list[HostResult]:
    """Results for hosts that produced no event before the run ended."""
    finished = now()
    return [HostResult(host=h, status=end.status, msg=end.message, started_at=started_at,
                       finished_at=finished) for h in hosts]


def runner_end(status: str, rc: int | None, timeout_s: int) -> RunEnd:
    """Translate ansible-runner's overall status for the hosts that got no event."""
    if status == "timeout":
        return RunEnd(StepStatus.timeout, f"task timed out after {timeout_s}s")
    if status == "canceled":
        return RunEnd(StepStatus.cancelled, "task cancelled")
    return RunEnd(StepStatus.failed,
                  f"ansible ended ({status}, rc={rc}) with no result for this host")
