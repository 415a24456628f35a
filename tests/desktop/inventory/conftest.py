"""Inventory test helpers on top of the shared desktop fixtures (``live_backend``, ``session``,
``run``): a plain API client for arranging data, a viewer's session, generated inventories."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pytestqt.qtbot import QtBot

from noc_desktop.client import NocClient
from noc_desktop.session import Session
from tests.desktop.conftest import LiveBackend, Run

VIEWER_PASSWORD = "viewer-test-password"


def api(url: str, username: str, password: str) -> httpx.Client:
    """A synchronous client of the API for arranging data (caller closes it)."""
    r = httpx.post(f"{url}/api/v1/auth/login", json={"username": username,
                                                     "password": password})
    assert r.status_code == 200, r.text
    return httpx.Client(base_url=f"{url}/api/v1", timeout=120,
                        headers={"Authorization": f"Bearer {r.json()['access_token']}"})


@pytest.fixture
def admin_api(live_backend: LiveBackend) -> Iterator[httpx.Client]:
    with api(live_backend.url, live_backend.username, live_backend.password) as client:
        yield client


@pytest.fixture
def viewer_session(live_backend: LiveBackend, admin_api: httpx.Client, run: Run,
                   qtbot: QtBot) -> Iterator[Session]:
    """A session of a ``viewer`` user on the same backend."""
    r = admin_api.post("/users", json={"username": "vera", "password": VIEWER_PASSWORD,
                                       "role": "viewer"})
    assert r.status_code == 201, r.text
    client = NocClient(live_backend.url)
    run(client.login("vera", VIEWER_PASSWORD))
    session = Session(client, run(client.me()))
    try:
        yield session
    finally:
        run(client.aclose())


def inventory_ini(hosts: int, *, prefix: str = "h", groups: int = 0) -> str:
    """An INI inventory of ``hosts`` local hosts, zero-padded so name order is numeric;
    with ``groups`` the hosts are spread over ``g0..`` round-robin."""
    width = len(str(hosts))
    line = "{}{:0" + str(width) + "d} ansible_host=10.{}.{}.{} ansible_connection=local"

    def entry(i: int) -> str:
        return line.format(prefix, i, i // 65536 % 256, i // 256 % 256, i % 256)

    if not groups:
        return "[all]\n" + "\n".join(entry(i) for i in range(hosts)) + "\n"
    out = []
    for g in range(groups):
        out.append(f"[g{g}]")
        out.extend(entry(i) for i in range(hosts) if i % groups == g)
    return "\n".join(out) + "\n"


def import_ini(client: httpx.Client, content: str) -> dict[str, Any]:
    r = client.post("/inventory/import", json={"format": "ini", "content": content})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body
