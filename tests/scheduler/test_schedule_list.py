"""The schedules list filtered by status (repeatable), as the backend asks before a delete."""

from __future__ import annotations

from noc_scheduler.store.models import Schedule
from tests.scheduler.conftest import Stack


def test_the_list_keeps_only_the_statuses_asked_for(stack: Stack) -> None:
    with stack.rt.db.connection_context():
        ids = {status: Schedule.create(procedure_id=1, target={"group": "web"}, status=status,
                                       cron="0 3 * * *", timezone="UTC").id
               for status in ("active", "paused", "done")}
    path = "/internal/v1/schedules"

    def listed(query: str) -> list[int]:
        response = stack.api("GET", path + query)
        assert response.status_code == 200, response.text
        return [s["id"] for s in response.json()]

    assert listed("") == [ids["done"], ids["paused"], ids["active"]]
    assert listed("?status=active") == [ids["active"]]
    assert listed("?status=active&status=paused") == [ids["paused"], ids["active"]]
    refused = stack.api("GET", path + "?status=gone")
    assert refused.status_code == 422
    assert "status" in refused.text
