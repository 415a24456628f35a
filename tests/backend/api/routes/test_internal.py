"""Internal API: token-guarded resolve (the only place secrets leave) and idempotent events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.backend.utils import INTERNAL, ed25519_key, graph, host_body, login

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("path", ["/internal/v1/resolve", "/internal/v1/events"])
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, "user-token"])
def test_internal_needs_the_internal_token(client: TestClient, path: str,
                                           headers: dict[str, str] | str) -> None:
    if headers == "user-token":
        headers = login(client)
    response = client.post(path, headers=headers, json={})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def _inventory(client: TestClient) -> int:
    headers = login(client)
    client.post("/api/v1/credentials", headers=headers, json={
        "name": "deploy", "kind": "ssh_key", "private_key": ed25519_key(b"kp"),
        "passphrase": "kp", "become_password": "become-secret"})
    client.post("/api/v1/hosts", headers=headers,
                json=host_body("web1", credential="deploy", user="ops", groups=["web"]))
    client.post("/api/v1/hosts", headers=headers, json=host_body("web2", groups=["web"]))
    client.post("/api/v1/hosts", headers=headers,
                json=host_body("web3", groups=["web"], enabled=False))
    proc = client.post("/api/v1/procedures", headers=headers,
                       json={"name": "p", "graph": graph()}).json()
    client.put(f"/api/v1/procedures/{proc['id']}", headers=headers,
               json={"name": "p", "graph": graph(task="command", params={"cmd": "id"})})
    return int(proc["id"])


def test_resolve_reveals_secrets_only_there(client: TestClient) -> None:
    proc_id = _inventory(client)
    response = client.post("/internal/v1/resolve", headers=INTERNAL,
                           json={"procedure_id": proc_id, "target": {"group": "web"}})
    assert response.status_code == 200, response.text
    run = response.json()
    assert (run["procedure_version"], run["procedure_name"]) == (2, "p")
    assert run["graph"]["edges"] == [{"from": "check", "to": "ok", "on": "success"}]
    assert [h["name"] for h in run["hosts"]] == ["web1", "web2"]
    web1 = run["hosts"][0]
    assert (web1["user"], web1["groups"], web1["vars"]) == ("ops", ["web"], {"tier": "front"})
    cred = web1["credential"]
    assert cred["private_key"].startswith("-----BEGIN OPENSSH PRIVATE KEY-----")
    assert (cred["passphrase"], cred["become_password"]) == ("kp", "become-secret")
    assert run["hosts"][1]["credential"] is None
    public = client.get("/api/v1/hosts", headers=login(client)).text
    assert "become-secret" not in public and "PRIVATE KEY" not in public


@pytest.mark.parametrize(("body", "status", "field"), [
    ({"procedure_id": 999, "target": {"group": "web"}}, 404, None),
    ({"procedure_id": 1, "target": {"hosts": ["nope"]}}, 422, "target.hosts"),
    ({"procedure_id": 1, "target": {"group": "empty"}}, 422, "target.group"),
    ({"procedure_id": 1, "target": {"group": "bad\u0000name"}}, 422, "target.group"),
])
def test_resolve_refusals(client: TestClient, body: dict[str, Any], status: int,
                          field: str | None) -> None:
    _inventory(client)
    response = client.post("/internal/v1/resolve", headers=INTERNAL, json=body)
    assert response.status_code == status
    if field:
        assert response.json()["error"]["details"][0]["field"] == field


def _event(n: int, type_: str, **fields: Any) -> dict[str, Any]:
    return {"event_id": f"ev-{n}", "execution_id": "ex-1", "type": type_,
            "at": (T0 + timedelta(seconds=n)).isoformat(), **fields}


def _batch(proc_id: int) -> list[dict[str, Any]]:
    ok = {"host": "web1", "status": "ok", "rc": 0, "changed": True, "stdout": "up\u0000",
          "facts": {"state": "running"}, "started_at": T0.isoformat(),
          "finished_at": (T0 + timedelta(seconds=3)).isoformat()}
    return [
        _event(1, "execution_started", data={"procedure_id": proc_id, "procedure_version": 2,
                                             "hosts": ["web1", "web2"]}),
        _event(2, "step_started", host="web1", step_id="check", attempt=1),
        _event(3, "step_started", host="web2", step_id="check", attempt=1),
        _event(4, "step_finished", host="web1", step_id="check", attempt=1, status="ok",
               result=ok),
        _event(5, "step_started", host="web1", step_id="ok", attempt=1),
        _event(6, "host_finished", host="web1", status="success"),
    ]


def test_events_are_idempotent_and_build_the_detail(client: TestClient) -> None:
    proc_id = _inventory(client)
    batch = {"events": _batch(proc_id)}
    first = client.post("/internal/v1/events", headers=INTERNAL, json=batch)
    assert first.json() == {"accepted": 6}
    again = client.post("/internal/v1/events", headers=INTERNAL, json=batch)
    assert again.json() == {"accepted": 0}

    headers = login(client)
    detail = client.get("/api/v1/executions/ex-1", headers=headers).json()
    assert (detail["procedure_id"], detail["procedure_name"], detail["procedure_version"],
            detail["status"], detail["hosts_total"]) == (proc_id, "p", 2, "running", 2)
    web1, web2 = detail["hosts"]
    assert (web1["host"], web1["status"], web1["current_node"], web1["path"]) == (
        "web1", "success", None, ["check", "ok"])
    [step] = web1["steps"]
    assert (step["step_id"], step["status"], step["rc"], step["changed"]) == (
        "check", "ok", 0, True)
    assert step["stdout"] == "up\ufffd" and step["facts"] == {"state": "running"}
    assert (web2["status"], web2["current_node"], web2["path"], web2["steps"]) == (
        "running", "check", ["check"], [])

    finish = [_event(7, "host_finished", host="web2", status="failed"),
              _event(8, "execution_finished", status="partial")]
    mixed = client.post("/internal/v1/events", headers=INTERNAL,
                        json={"events": [*batch["events"][:2], *finish]})
    assert mixed.json() == {"accepted": 2}
    done = client.get("/api/v1/executions/ex-1", headers=headers).json()
    assert done["status"] == "partial" and done["finished_at"].startswith("2026-01-01T12:00:08")
    assert [h["path"] for h in done["hosts"]] == [["check", "ok"], ["check"]]

    listed = client.get("/api/v1/executions", headers=headers,
                        params={"procedure": proc_id, "status": "partial"}).json()
    assert [e["id"] for e in listed["data"]] == ["ex-1"]
    assert client.get("/api/v1/executions", headers=headers,
                      params={"status": "success"}).json()["count"] == 0
    assert client.get("/api/v1/executions", headers=headers,
                      params={"status": "bogus"}).status_code == 422


def test_events_for_an_unknown_execution_create_it(client: TestClient) -> None:
    response = client.post("/internal/v1/events", headers=INTERNAL, json={"events": [
        _event(1, "step_finished", host="h", step_id="s", attempt=2, status="failed")]})
    assert response.json() == {"accepted": 1}
    detail = client.get("/api/v1/executions/ex-1", headers=login(client)).json()
    assert detail["hosts"][0]["steps"][0]["attempt"] == 2
    assert client.get("/api/v1/executions/nope", headers=login(client)).status_code == 404


def test_a_bad_batch_writes_nothing(client: TestClient) -> None:
    events = [_event(1, "step_started", host="h", step_id="s"),
              _event(2, "step_started", host="h\u0000", step_id="s")]
    response = client.post("/internal/v1/events", headers=INTERNAL, json={"events": events})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "events.1.host"
    assert client.get("/api/v1/executions", headers=login(client)).json()["count"] == 0


def test_newest_executions_first(client: TestClient) -> None:
    events = [{**_event(i, "execution_started"), "execution_id": f"ex-{i}",
               "event_id": f"e{i}"} for i in (1, 3, 2)]
    client.post("/internal/v1/events", headers=INTERNAL, json={"events": events})
    listed = client.get("/api/v1/executions", headers=login(client), params={"limit": 2}).json()
    assert listed["count"] == 3 and [e["id"] for e in listed["data"]] == ["ex-3", "ex-2"]


def test_out_of_range_numbers_are_4xx(client: TestClient) -> None:
    huge = 10**20
    events = [_event(1, "step_started", host="h", step_id="s", attempt=huge)]
    response = client.post("/internal/v1/events", headers=INTERNAL, json={"events": events})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "events.0.attempt"
    resolve = client.post("/internal/v1/resolve", headers=INTERNAL,
                          json={"procedure_id": huge, "target": {"group": "web"}})
    assert resolve.status_code == 404
