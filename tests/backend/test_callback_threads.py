"""The scheduler's calls back into the backend never wait for the threads that public requests
hold: with every public worker thread blocked in a run-now waiting on the scheduler, the
scheduler's resolve callback is still answered at once (a real backend and a real HTTP
stand-in for the scheduler on loopback ports)."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from tests.backend.servers import serve_app
from tests.backend.utils import ADMIN_PASSWORD, INTERNAL, graph, make_settings
from tests.support.server import ServerThread

PUBLIC_THREADS = 40  # anyio's default pool, which FastAPI runs sync routes on
HELD = PUBLIC_THREADS + 5


def scheduler_calling_back(backend_url: list[str]) -> tuple[FastAPI, list[float | str]]:
    """Holds each run request until ``HELD`` are waiting, then calls resolve on the backend
    for each (as the real scheduler does before answering) and records how long it took."""
    app = FastAPI()
    answers: list[float | str] = []
    waiting: list[int] = []
    clients: list[httpx.AsyncClient] = []

    @app.post("/internal/v1/schedules")
    async def run_now(request: Request) -> JSONResponse:
        body = await request.json()
        waiting.append(1)
        deadline = time.monotonic() + 5
        while len(waiting) < PUBLIC_THREADS and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        if not clients:
            clients.append(httpx.AsyncClient(timeout=5, limits=httpx.Limits(
                max_connections=HELD)))
        started = time.monotonic()
        try:
            await clients[0].post(f"{backend_url[0]}/internal/v1/resolve", headers=INTERNAL,
                                  json={"procedure_id": body["procedure_id"],
                                        "target": body["target"]})
            answers.append(time.monotonic() - started)
        except httpx.TimeoutException:
            answers.append("timeout")
        return JSONResponse({"error": {"code": "unavailable", "message": "test"}}, 503)

    return app, answers


def test_resolve_is_answered_while_every_public_thread_waits(tmp_path: object) -> None:
    backend_url: list[str] = []
    fake, answers = scheduler_calling_back(backend_url)
    with ServerThread(fake) as scheduler:
        settings = make_settings(f"sqlite:///{tmp_path}/b.db", scheduler_url=scheduler.url,
                                 scheduler_timeout_s=10.0)
        with serve_app(settings) as url:
            backend_url.append(url)
            token = httpx.post(f"{url}/api/v1/auth/login", json={
                "username": "admin", "password": ADMIN_PASSWORD}).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            httpx.post(f"{url}/api/v1/hosts", headers=headers, json={
                "name": "x", "address": "127.0.0.1", "connection": "local"})
            proc = httpx.post(f"{url}/api/v1/procedures", headers=headers,
                              json={"name": "p", "graph": graph()}).json()["id"]

            def launch(_: int) -> int:
                return httpx.post(f"{url}/api/v1/procedures/{proc}/runs", headers=headers,
                                  json={"target": {"hosts": ["x"]}}, timeout=30).status_code

            with ThreadPoolExecutor(max_workers=HELD) as pool:
                list(pool.map(launch, range(HELD)))
    assert len(answers) >= PUBLIC_THREADS
    assert "timeout" not in answers, answers  # a starved callback waits out its 5 s timeout
