"""Stand-ins for the scheduler's neighbours, served for real on 127.0.0.1 ephemeral ports:
a tiny "backend" (resolve + events) and a tiny "node" (accepts tasks, posts results back)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


def wait_for(check: Callable[[], Any], timeout: float = 10.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


class FakeBackend:
    """Answers resolve with ``resolved`` (or ``refuse`` = (status, body)); collects events."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.resolved: dict[str, Any] | None = None
        #: per procedure id, answers that take precedence over ``resolved``
        self.by_procedure: dict[int, dict[str, Any]] = {}
        self.refuse: tuple[int, dict[str, Any]] | None = None
        self.events: dict[str, dict[str, Any]] = {}
        self.order: list[str] = []
        #: each event batch's request body as it arrived
        self.event_bodies: list[bytes] = []
        self.resolve_calls = 0
        self.app = FastAPI()
        self.app.post("/internal/v1/resolve")(self._resolve)
        self.app.post("/internal/v1/events")(self._events)

    def _authorised(self, request: Request) -> bool:
        return request.headers.get("authorization") == f"Bearer {self.token}"

    async def _resolve(self, request: Request) -> JSONResponse:
        if not self._authorised(request):
            return JSONResponse({"error": {"code": "unauthorized", "message": "no"}}, 401)
        self.resolve_calls += 1
        if self.refuse is not None:
            return JSONResponse(self.refuse[1], self.refuse[0])
        asked = (await request.json()).get("procedure_id")
        answer = self.by_procedure.get(asked, self.resolved)
        if answer is None:  # nothing scripted: as the backend answers an unknown procedure
            return JSONResponse({"error": {"code": "not_found", "details": [],
                                           "message": f"no procedure {asked}"}}, 404)
        return JSONResponse(answer)

    async def _events(self, request: Request) -> JSONResponse:
        if not self._authorised(request):
            return JSONResponse({"error": {"code": "unauthorized", "message": "no"}}, 401)
        self.event_bodies.append(await request.body())
        batch = await request.json()
        for event in batch["events"]:
            if event["event_id"] not in self.events:
                self.events[event["event_id"]] = event
                self.order.append(event["event_id"])
        return JSONResponse({"accepted": len(batch["events"])})

    def of(self, execution_id: str, type_: str | None = None) -> list[dict[str, Any]]:
        found = [self.events[i] for i in self.order]
        return [e for e in found if e["execution_id"] == execution_id
                and (type_ is None or e["type"] == type_)]


class FakeNode:
    """Accepts tasks; answers each with the next scripted status for its step (default ok).

    A step scripted ``"silent"`` is accepted and never answered (a node that died).
    """

    def __init__(self, name: str, token: str, scheduler_url: Callable[[], str]) -> None:
        self.name = name
        self.token = token
        self.scheduler_url = scheduler_url
        self.script: dict[str, list[str]] = {}
        #: answers to give /tasks before accepting: (HTTP status, JSON body), in order
        self.answers: list[tuple[int, dict[str, Any]]] = []
        self.requests: list[dict[str, Any]] = []
        self.arrivals: list[float] = []  # time.monotonic() of each accepted request
        self.raw_bodies: list[bytes] = []
        self.cancelled: list[str] = []
        self.app = FastAPI()
        self.app.post("/tasks")(self._task)
        self.app.post("/tasks/{task_id}/cancel")(self._cancel)
        self.app.post("/probe")(self._probe)

    async def _task(self, request: Request) -> JSONResponse:
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return JSONResponse({"error": {"code": "unauthorized", "message": "no"}}, 401)
        if self.answers:
            status_code, answer = self.answers.pop(0)
            return JSONResponse(answer, status_code)
        self.raw_bodies.append(await request.body())
        body = await request.json()
        self.requests.append(body)
        self.arrivals.append(time.monotonic())
        steps = self.script.get(body["step_id"], [])
        status = steps.pop(0) if steps else "ok"
        if status != "silent":
            threading.Thread(target=self._answer, args=(body, status), daemon=True).start()
        return JSONResponse({"task_id": body["task_id"], "node": self.name, "queue_depth": 0},
                            202)

    async def _probe(self, request: Request) -> JSONResponse:
        """A connection test: every host answers ok (nothing is contacted)."""
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return JSONResponse({"error": {"code": "unauthorized", "message": "no"}}, 401)
        body = await request.json()
        return JSONResponse({"node": self.name, "results": [
            {"host": host["name"], "status": "ok", "msg": "pong"} for host in body["hosts"]]})

    async def _cancel(self, task_id: str) -> JSONResponse:
        self.cancelled.append(task_id)
        return JSONResponse({}, 202)

    def result(self, body: dict[str, Any], status: str) -> dict[str, Any]:
        return {"task_id": body["task_id"], "node": self.name,
                "results": [{"host": h["name"], "status": status, "rc": 0 if status == "ok" else 1,
                             "changed": False, "stdout": f"{body['step_id']} done",
                             "facts": {"state": "running"}} for h in body["hosts"]]}

    def post_result(self, payload: dict[str, Any]) -> httpx.Response:
        return httpx.post(f"{self.scheduler_url()}/internal/v1/results", json=payload,
                          headers={"Authorization": f"Bearer {self.token}"}, timeout=10)

    def _answer(self, body: dict[str, Any], status: str) -> None:
        time.sleep(0.02)
        # Refused, reset or cut off: the test ended and its scheduler stopped under this thread.
        # A result lost while a test still runs fails that test by its own waits.
        with contextlib.suppress(httpx.TransportError):
            self.post_result(self.result(body, status))

    def heartbeat(self, lost: list[str] | None = None, capacity: int = 4,
                  load: float | None = None) -> httpx.Response:
        return httpx.post(f"{self.scheduler_url()}/internal/v1/nodes/heartbeat",
                          json={"name": self.name, "url": "", "capacity": capacity,
                                "queue_depth": 0, "running": 0, "load": load,
                                "lost_task_ids": lost or []},
                          headers={"Authorization": f"Bearer {self.token}"}, timeout=10)
