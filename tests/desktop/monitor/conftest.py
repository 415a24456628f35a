"""Monitor fixtures: a real backend on a loopback port, fed execution events the way the
scheduler feeds them (``POST /internal/v1/events`` with the internal token)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.backend.servers import serve_app
from tests.backend.utils import ADMIN_PASSWORD, INTERNAL, make_settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def monitor_backend(tmp_path: Path) -> Iterator[str]:
    """The URL of a real backend (SQLite in ``tmp_path``; no scheduler behind it)."""
    with serve_app(make_settings(f"sqlite:///{tmp_path / 'backend.db'}")) as url:
        yield url


def admin_token(url: str) -> str:
    response = httpx.post(f"{url}/api/v1/auth/login",
                          json={"username": "admin", "password": ADMIN_PASSWORD})
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def post_events(url: str, events: list[dict[str, Any]]) -> int:
    """Deliver events as the scheduler does; how many the backend took as new."""
    accepted = 0
    for start in range(0, len(events), 1_000):
        response = httpx.post(f"{url}/internal/v1/events", headers=INTERNAL,
                              json={"events": events[start:start + 1_000]}, timeout=30)
        assert response.status_code == 200, response.text
        accepted += int(response.json()["accepted"])
    return accepted


def event(n: int, type_: str, execution_id: str = "ex-1", **fields: Any) -> dict[str, Any]:
    """A wire event numbered ``n`` (its id and its time, ``n`` seconds after T0)."""
    return {"event_id": f"{execution_id}-ev-{n}", "execution_id": execution_id, "type": type_,
            "at": (T0 + timedelta(seconds=n)).isoformat(), **fields}


def create_procedure(url: str, token: str, name: str, graph: dict[str, Any]) -> int:
    response = httpx.post(f"{url}/api/v1/procedures", json={"name": name, "graph": graph},
                          headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])
