"""Several scheduler URLs in ``NOC_BACKEND_SCHEDULER_URL``: the client goes past a dead one to
the real scheduler app, stays there, and one URL behaves as ever."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

from noc_backend.core.errors import SchedulerUnavailable, UpstreamError
from noc_backend.scheduler_client import SchedulerClient
from noc_backend.scheduler_failover import FailoverTransport
from tests.backend.servers import serve_scheduler
from tests.backend.utils import make_settings
from tests.support.server import ServerThread
from tests.support.services import free_port


def _db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'b.db'}"


def test_a_dead_scheduler_is_skipped_and_the_live_one_kept(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    with serve_scheduler(tmp_path) as served:
        settings = make_settings(_db(tmp_path), scheduler_url=f"{dead},{served.url}/")
        assert settings.scheduler_urls == [dead, served.url]
        client = SchedulerClient(settings)
        try:
            assert client.list_nodes() == []
            assert client.list_schedules() == []
            transport = client._client._transport
            assert isinstance(transport, FailoverTransport)
            assert transport._current == 1  # the live one, kept
        finally:
            client.close()


def test_a_503_moves_on_to_the_next_scheduler(tmp_path: Path) -> None:
    hits: list[str] = []

    async def busy(request: object) -> PlainTextResponse:  # a proxy whose scheduler is down
        hits.append("busy")
        return PlainTextResponse("Service Unavailable", status_code=503)

    busy_app = Starlette(routes=[Route("/internal/v1/nodes", busy)])
    with ServerThread(busy_app) as unavailable, serve_scheduler(tmp_path) as served:
        client = SchedulerClient(make_settings(_db(tmp_path),
                                               scheduler_url=f"{unavailable.url},{served.url}"))
        try:
            assert client.list_nodes() == []
            assert client.list_nodes() == []
        finally:
            client.close()
    assert hits == ["busy"]  # asked once; the working scheduler is kept


def test_a_schedulers_own_503_is_its_answer_and_goes_nowhere_else(tmp_path: Path) -> None:
    """A scheduler that answers (no node for a connection test, say) has handled the request:
    sending it to the other scheduler would run it twice."""
    hits: list[str] = []

    async def own(request: object) -> JSONResponse:
        hits.append("own")
        return JSONResponse({"error": {"code": "no_node", "message": "no healthy node"}},
                            status_code=503)

    async def other(request: object) -> JSONResponse:
        hits.append("other")
        return JSONResponse([])

    with ServerThread(Starlette(routes=[Route("/internal/v1/nodes", own)])) as first, \
            ServerThread(Starlette(routes=[Route("/internal/v1/nodes", other)])) as second:
        client = SchedulerClient(make_settings(_db(tmp_path),
                                               scheduler_url=f"{first.url},{second.url}"))
        try:
            with pytest.raises((UpstreamError, SchedulerUnavailable)):
                client.list_nodes()
        finally:
            client.close()
    assert hits == ["own"]


def test_every_scheduler_down_is_scheduler_unavailable(tmp_path: Path) -> None:
    urls = ",".join(f"http://127.0.0.1:{free_port()}" for _ in range(3))
    client = SchedulerClient(make_settings(_db(tmp_path), scheduler_url=urls))
    try:
        with pytest.raises(SchedulerUnavailable, match="cannot be reached"):
            client.list_nodes()
    finally:
        client.close()


def test_one_url_keeps_the_plain_client(tmp_path: Path) -> None:
    with serve_scheduler(tmp_path) as served:
        client = SchedulerClient(make_settings(_db(tmp_path), scheduler_url=served.url))
        try:
            assert not isinstance(client._client._transport, FailoverTransport)
            assert client.list_nodes() == []
        finally:
            client.close()


@pytest.mark.parametrize("value", ["", ",", "scheduler:8701", "http://ok:1,file:///x"])
def test_a_bad_url_list_is_refused_naming_the_variable(tmp_path: Path, value: str) -> None:
    with pytest.raises(ValidationError, match="NOC_BACKEND_SCHEDULER_URL"):
        make_settings(_db(tmp_path), scheduler_url=value)
