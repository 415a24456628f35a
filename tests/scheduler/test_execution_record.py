"""What an execution records (SQLite and PostgreSQL): its ``execution_started`` event names who
launched it, the target, the schedule, dry run or not, and the launch vars with secret-looking
values masked; the real vars stay in the scheduler's own row, where templates need them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from noc_contracts import MASK
from noc_scheduler.store.models import Execution, Schedule
from tests.scheduler.conftest import Stack
from tests.scheduler.harness import wait_for
from tests.scheduler.test_flows_http import finished, resolved

RUN = resolved([{"id": "a", "type": "task", "task": "copy",
                 "params": {"dest": "/tmp/x", "content": "{{ vars.db_password }}"}},
                {"id": "ok", "type": "end"}], [("a", "success", "ok")], ["web1"])
VARS = {"reason": "deploy", "db_password": "s3cret-value", "nested": {"api_token": "t0ken-x"}}


def launch(stack: Stack, **extra: Any) -> dict[str, Any]:
    stack.backend.resolved = RUN
    response = stack.api("POST", "/internal/v1/schedules", json={
        "procedure_id": 7, "target": {"group": "web"}, "vars": VARS, "check_mode": True,
        "created_by": "alice", **extra})
    assert response.status_code == 201, response.text
    return dict(response.json())


def check_started(stack: Stack, eid: str, schedule_id: int) -> None:
    wait_for(lambda: finished(stack, eid), what="the run")
    [started] = stack.backend.of(eid, "execution_started")
    data = started["data"]
    assert data["launched_by"] == "alice"
    assert data["target"] == {"group": "web"}
    assert data["schedule_id"] == schedule_id and data["check_mode"] is True
    assert data["vars"] == {"reason": "deploy", "db_password": MASK,
                            "nested": {"api_token": MASK}}
    events = str(stack.backend.events)
    assert "t0ken-x" not in events and "s3cret-value" not in events
    with stack.rt.db.connection_context():
        assert Execution.get_by_id(eid).vars == VARS
    [request] = stack.node.requests  # templates still see the real value
    assert request["params"]["content"] == "s3cret-value"


def test_a_run_now_records_its_launch(stack: Stack) -> None:
    info = launch(stack)
    check_started(stack, info["execution_id"], info["id"])


def test_a_scheduled_fire_records_its_launch(stack: Stack) -> None:
    info = launch(stack, at=(datetime.now(UTC) + timedelta(seconds=1)).isoformat())
    fired = wait_for(lambda: stack.api("GET", f"/internal/v1/schedules/{info['id']}")
                     .json()["execution_id"], what="the fire")
    check_started(stack, fired, info["id"])


def test_schedule_answers_never_send_the_secret_vars_back(stack: Stack) -> None:
    info = launch(stack, cron="0 3 * * *", timezone="UTC")
    sid = info["id"]
    answers = [info, stack.api("GET", f"/internal/v1/schedules/{sid}").json(),
               *stack.api("GET", "/internal/v1/schedules").json(),
               stack.api("POST", f"/internal/v1/schedules/{sid}/pause").json(),
               stack.api("POST", f"/internal/v1/schedules/{sid}/resume").json()]
    for answer in answers:
        assert answer["vars"] == {"reason": "deploy", "db_password": MASK,
                                  "nested": {"api_token": MASK}}, answer
    with stack.rt.db.connection_context():
        assert Schedule.get_by_id(sid).vars == VARS  # kept whole to fire with
