"""Optimistic concurrency on ``PUT /procedures/{id}``: a save naming the version it started from
(``base_version``) lands only while that is still the current version; otherwise 409
``conflict`` naming the current version and who saved it, and nothing is stored."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi.testclient import TestClient

from noc_backend.models import ProcedureVersion
from tests.backend.utils import add_user, graph

URL = "/api/v1/procedures"


def _create(client: TestClient, headers: dict[str, str]) -> str:
    created = client.post(URL, headers=headers, json={"name": "p", "graph": graph()})
    assert created.status_code == 201, created.text
    return f"{URL}/{created.json()['id']}"


def _body(name: str, base_version: int | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"name": name, "graph": graph()}
    if base_version is not None:
        body["base_version"] = base_version
    return body


def _versions(client: TestClient) -> int:
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        return int(ProcedureVersion.select().count())


def test_save_on_the_current_version_lands(client: TestClient, admin: dict[str, str]) -> None:
    url = _create(client, admin)
    saved = client.put(url, headers=admin, json=_body("p2", base_version=1))
    assert saved.status_code == 200, saved.text
    assert saved.json()["version"] == 2
    again = client.put(url, headers=admin, json=_body("p3", base_version=2))
    assert again.status_code == 200 and again.json()["version"] == 3


def test_save_on_an_old_version_is_409_naming_the_current_one(
        client: TestClient, admin: dict[str, str]) -> None:
    bob = add_user(client, "bob", "operator", "bob-password-123")
    url = _create(client, admin)
    assert client.put(url, headers=bob, json=_body("bob's", base_version=1)).status_code == 200

    stale = client.put(url, headers=admin, json=_body("mine", base_version=1))
    assert stale.status_code == 409, stale.text
    error = stale.json()["error"]
    assert error["code"] == "conflict"
    assert "version 2" in error["message"] and "bob" in error["message"]
    assert "version 1" in error["message"]
    assert error["details"][0]["field"] == "base_version"
    current = client.get(url, headers=admin).json()
    assert current["version"] == 2 and current["name"] == "bob's"
    assert _versions(client) == 2


def test_without_base_version_the_last_writer_wins(client: TestClient,
                                                   admin: dict[str, str]) -> None:
    url = _create(client, admin)
    assert client.put(url, headers=admin, json=_body("a")).json()["version"] == 2
    assert client.put(url, headers=admin, json=_body("b")).json()["version"] == 3


def test_a_future_or_bad_base_version_is_refused(client: TestClient,
                                                 admin: dict[str, str]) -> None:
    url = _create(client, admin)
    assert client.put(url, headers=admin, json=_body("x", base_version=7)).status_code == 409
    bad = client.put(url, headers=admin, json=_body("x", base_version=0))
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "base_version"
    assert client.post(URL, headers=admin,
                       json={**_body("y"), "base_version": 1}).status_code == 422
    assert _versions(client) == 1


def test_two_saves_from_one_base_one_wins(client: TestClient, admin: dict[str, str]) -> None:
    url = _create(client, admin)

    def save(name: str) -> int:
        return int(client.put(url, headers=admin, json=_body(name, base_version=1)).status_code)

    with ThreadPoolExecutor(max_workers=4) as pool:
        codes = sorted(pool.map(save, ["a", "b", "c", "d"]))
    assert codes == [200, 409, 409, 409]
    assert client.get(url, headers=admin).json()["version"] == 2
    assert _versions(client) == 2
