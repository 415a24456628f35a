"""Deleting what a live schedule uses is 409 ``in_use`` naming the schedules: the backend against
a real scheduler on a loopback port, its schedules written to the scheduler's own database."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from noc_backend.services.schedule_use import CHECK_TIMEOUT_S
from noc_scheduler.app import create_app
from noc_scheduler.runtime import Runtime
from noc_scheduler.store.models import Schedule
from tests.backend.conftest import AppFactory
from tests.backend.utils import graph, host_body, login
from tests.scheduler.conftest import API_TOKEN
from tests.scheduler.conftest import make_settings as scheduler_settings
from tests.support.server import ServerThread


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Runtime]]:
    """A real scheduler (SQLite) for the module; each test empties its schedules."""
    tmp = tmp_path_factory.mktemp("scheduler")
    app = create_app(scheduler_settings(tmp, f"sqlite:///{tmp / 'scheduler.db'}"))
    with ServerThread(app) as served:
        yield served.url, app.state.runtime


@pytest.fixture
def rt(scheduler: tuple[str, Runtime]) -> Iterator[Runtime]:
    yield scheduler[1]
    with scheduler[1].db.connection_context():
        Schedule.delete().execute()


@pytest.fixture
def client(make_client: AppFactory, scheduler: tuple[str, Runtime]) -> TestClient:
    return make_client(scheduler_url=scheduler[0], scheduler_token=API_TOKEN)


def _schedule(rt: Runtime, procedure_id: int, status: str = "active", **target: Any) -> int:
    with rt.db.connection_context():
        row = Schedule.create(procedure_id=procedure_id, target=target, status=status,
                              cron="0 3 * * *", timezone="UTC")
    return int(row.id)


def _setup(client: TestClient) -> tuple[dict[str, str], dict[str, int]]:
    headers = login(client)
    ids = {}
    for name, groups in (("web1", ["web"]), ("web2", ["web"]), ("db1", ["db"])):
        response = client.post("/api/v1/hosts", headers=headers,
                               json=host_body(name, groups=groups))
        assert response.status_code == 201, response.text
        ids[name] = response.json()["id"]
    for name in ("backup", "patch"):
        response = client.post("/api/v1/procedures", headers=headers,
                               json={"name": name, "graph": graph()})
        ids[name] = response.json()["id"]
    for group in ("web", "db"):
        assert client.post("/api/v1/groups", headers=headers,
                           json={"name": group}).status_code in (201, 409)
    return headers, ids


def _in_use(response: Any) -> tuple[str, list[str]]:
    assert response.status_code == 409, response.text
    error = response.json()["error"]
    assert error["code"] == "in_use"
    return error["message"], [d["field"] for d in error["details"]]


def test_a_procedure_run_by_a_live_schedule_is_not_deleted(client: TestClient,
                                                           rt: Runtime) -> None:
    headers, ids = _setup(client)
    active = _schedule(rt, ids["backup"], group="web")
    paused = _schedule(rt, ids["backup"], "paused", hosts=["db1"])
    _schedule(rt, ids["patch"], "done", group="web")
    message, fields = _in_use(client.delete(f"/api/v1/procedures/{ids['backup']}",
                                            headers=headers))
    assert f"{active} (procedure 'backup', active)" in message
    assert f"{paused} (procedure 'backup', paused)" in message
    assert fields == [f"schedules.{paused}", f"schedules.{active}"]  # newest first
    assert client.get(f"/api/v1/procedures/{ids['backup']}", headers=headers).status_code == 200
    # a schedule that is done blocks nothing
    assert client.delete(f"/api/v1/procedures/{ids['patch']}", headers=headers).status_code == 204


def test_a_group_a_live_schedule_targets_is_not_deleted(client: TestClient,
                                                        rt: Runtime) -> None:
    headers, ids = _setup(client)
    used = _schedule(rt, ids["patch"], group="web")
    message, fields = _in_use(client.delete("/api/v1/groups/web", headers=headers))
    assert message.startswith("group 'web' is used by schedule ")
    assert f"{used} (procedure 'patch', active)" in message and fields == [f"schedules.{used}"]
    assert client.get("/api/v1/groups/web", headers=headers).status_code == 200
    assert client.delete("/api/v1/groups/db", headers=headers).status_code == 204
    # a host of the targeted group is not named by the schedule: it may go
    assert client.delete(f"/api/v1/hosts/{ids['web1']}", headers=headers).status_code == 204


def test_a_host_a_live_schedule_names_is_not_deleted(client: TestClient, rt: Runtime) -> None:
    headers, ids = _setup(client)
    used = _schedule(rt, ids["backup"], "paused", hosts=["web2", "db1"])
    message, fields = _in_use(client.delete(f"/api/v1/hosts/{ids['db1']}", headers=headers))
    assert message.startswith("host 'db1' is used by schedule ")
    assert f"{used} (procedure 'backup', paused)" in message and fields == [f"schedules.{used}"]
    assert client.get(f"/api/v1/hosts/{ids['db1']}", headers=headers).status_code == 200
    with rt.db.connection_context():
        Schedule.update(status="done").where(Schedule.id == used).execute()
    assert client.delete(f"/api/v1/hosts/{ids['db1']}", headers=headers).status_code == 204
    assert client.delete(f"/api/v1/hosts/{ids['db1']}", headers=headers).status_code == 404


def test_an_unreachable_scheduler_blocks_no_delete(make_client: AppFactory) -> None:
    client = make_client()  # its scheduler URL has nothing listening
    headers, ids = _setup(client)
    assert client.delete(f"/api/v1/procedures/{ids['backup']}", headers=headers).status_code \
        == 204
    assert client.delete("/api/v1/groups/web", headers=headers).status_code == 204
    assert client.delete(f"/api/v1/hosts/{ids['db1']}", headers=headers).status_code == 204


def test_a_slow_scheduler_is_asked_briefly_and_the_unchecked_delete_logged_as_an_error(
        make_client: AppFactory, caplog: pytest.LogCaptureFixture) -> None:
    asked: list[httpx.Request] = []

    def slow(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        raise httpx.ReadTimeout("no answer", request=request)

    client = make_client(httpx.MockTransport(slow), scheduler_timeout_s=30.0)
    headers, ids = _setup(client)
    with caplog.at_level(logging.ERROR, logger="noc_backend.services.schedule_use"):
        assert client.delete(f"/api/v1/procedures/{ids['backup']}",
                             headers=headers).status_code == 204
    assert [(r.url.path, r.url.params.get_list("status")) for r in asked] == [
        ("/internal/v1/schedules", ["active", "paused"])]
    assert asked[0].extensions["timeout"]["read"] == CHECK_TIMEOUT_S < 30.0
    assert [r.levelno for r in caplog.records if "not checked" in r.getMessage()] == [
        logging.ERROR]
