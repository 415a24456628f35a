"""``POST /internal/v1/nodes`` (backend token; SQLite and PostgreSQL): the backend registers a
node as ``noc-scheduler nodes add`` does: 201 for a new one, whose token then works; 200 for a
name already registered (new URL and token, its labels and capacity kept when left out); a
token another node holds is a 409 naming ``token``; a bad body a 422 naming each field; the
token never comes back."""

from __future__ import annotations

import httpx

from noc_scheduler.nodes import registry
from noc_scheduler.store.models import Node
from tests.scheduler.conftest import NODE_TOKEN, Stack

NEW_TOKEN = "a-new-node-token-0123456789"


def beat(stack: Stack, token: str) -> httpx.Response:
    return httpx.post(stack.url + "/internal/v1/nodes/heartbeat", timeout=10,
                      headers={"Authorization": f"Bearer {token}"},
                      json={"name": "rio-1", "url": "http://127.0.0.1:9", "capacity": 4,
                            "queue_depth": 0, "running": 0})


def test_a_new_node_is_registered_and_its_token_works(stack: Stack) -> None:
    assert beat(stack, NEW_TOKEN).status_code == 401
    answer = stack.api("POST", "/internal/v1/nodes", json={
        "name": "rio-1", "url": "http://127.0.0.1:9/", "token": NEW_TOKEN, "capacity": 6,
        "labels": {"site": "rio"}})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert (body["name"], body["url"], body["capacity"], body["labels"]) == (
        "rio-1", "http://127.0.0.1:9", 6, {"site": "rio"})
    assert NEW_TOKEN not in answer.text
    assert beat(stack, NEW_TOKEN).status_code == 200
    with stack.rt.db.connection_context():
        node = registry.named("rio-1")
    assert NEW_TOKEN not in node.token_enc  # kept encrypted


def test_registering_a_name_again_changes_url_and_token_and_keeps_the_rest(
        stack: Stack) -> None:
    first = stack.api("POST", "/internal/v1/nodes", json={
        "name": "rio-1", "url": "http://127.0.0.1:9", "token": NEW_TOKEN, "capacity": 6,
        "labels": {"site": "rio"}})
    assert first.status_code == 201, first.text
    again = stack.api("POST", "/internal/v1/nodes", json={
        "name": "rio-1", "url": "https://rio-1.example:8702", "token": NEW_TOKEN + "-2"})
    assert again.status_code == 200, again.text
    body = again.json()
    assert (body["url"], body["capacity"], body["labels"]) == (
        "https://rio-1.example:8702", 6, {"site": "rio"})
    assert beat(stack, NEW_TOKEN).status_code == 401
    assert beat(stack, NEW_TOKEN + "-2").status_code == 200


def test_a_token_another_node_holds_is_refused_naming_it(stack: Stack) -> None:
    answer = stack.api("POST", "/internal/v1/nodes", json={
        "name": "rio-1", "url": "http://127.0.0.1:9", "token": NODE_TOKEN + "-long"})
    assert answer.status_code == 201  # a token of its own: fine
    taken = stack.api("POST", "/internal/v1/nodes", json={
        "name": "sp-1", "url": "http://127.0.0.1:9", "token": NODE_TOKEN + "-long"})
    assert taken.status_code == 409, taken.text
    error = taken.json()["error"]
    assert error["details"][0]["field"] == "token" and "rio-1" in error["message"]
    assert NODE_TOKEN not in taken.text
    with stack.rt.db.connection_context():
        assert Node.get_or_none(Node.name == "sp-1") is None


def test_a_bad_registration_names_every_field(stack: Stack) -> None:
    answer = stack.api("POST", "/internal/v1/nodes", json={
        "name": "bad name", "url": "ftp://x", "token": "short", "capacity": 0,
        "labels": {"si te": "x"}})
    assert answer.status_code == 422, answer.text
    fields = {d["field"] for d in answer.json()["error"]["details"]}
    assert {"name", "url", "token", "capacity"} <= fields
    assert any(f.startswith("labels") for f in fields)
    assert "short" not in answer.text  # a refused token is not echoed either
    listed = stack.api("GET", "/internal/v1/nodes").json()
    assert [n["name"] for n in listed] == ["node-1"]


def test_a_blank_token_is_a_bad_body_not_a_conflict(stack: Stack) -> None:
    answer = stack.api("POST", "/internal/v1/nodes", json={
        "name": "rio-1", "url": "http://127.0.0.1:9", "token": " " * 20})
    assert answer.status_code == 422, answer.text
    assert [d["field"] for d in answer.json()["error"]["details"]] == ["token"]
    with stack.rt.db.connection_context():
        assert Node.get_or_none(Node.name == "rio-1") is None
