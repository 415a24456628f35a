"""Factories for backend tests: settings, users, tokens, hosts, credentials, graphs, keys."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from fastapi.testclient import TestClient

from noc_backend.core.config import Settings
from noc_backend.core.security import Passwords
from noc_backend.services.users import create_user
from tests.support.services import free_port

ADMIN_PASSWORD = "admin-test-password"
INTERNAL_TOKEN = "internal-test-token"
SCHEDULER_TOKEN = "scheduler-test-token"


def make_settings(db_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": db_url,
        "secrets_key": Fernet.generate_key().decode(),
        "scheduler_url": f"http://127.0.0.1:{free_port()}",  # nothing listens: unreachable
        "scheduler_token": SCHEDULER_TOKEN,
        "scheduler_timeout_s": 2.0,
        "internal_token": INTERNAL_TOKEN,
        "bootstrap_admin_password": ADMIN_PASSWORD,
        "argon2_time_cost": 1,
        "argon2_memory_kib": 8,
        "argon2_parallelism": 1,
    }
    values.update(overrides)
    return Settings(**values)


def login(client: TestClient, username: str = "admin",
          password: str = ADMIN_PASSWORD) -> dict[str, str]:
    response = client.post("/api/v1/auth/login", json={"username": username,
                                                      "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def add_user(client: TestClient, username: str, role: str, password: str) -> dict[str, str]:
    """Create a user directly (the users API is not there yet) and log in as them."""
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        create_user(username=username, password=password, role=role,
                    passwords=Passwords.from_settings(services.settings))
    return login(client, username, password)


INTERNAL = {"Authorization": f"Bearer {INTERNAL_TOKEN}"}


def host_body(name: str = "web1", **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"name": name, "address": "10.0.0.1", "groups": ["web"],
                            "vars": {"tier": "front"}}
    body.update(overrides)
    return body


def ed25519_key(passphrase: bytes | None = None) -> str:
    key = ed25519.Ed25519PrivateKey.generate()
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase) if passphrase
        else serialization.NoEncryption())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                             encryption).decode()


def graph(*, task: str = "ping", params: dict[str, Any] | None = None) -> dict[str, Any]:
    """A valid two-node graph: a task and its end."""
    return {"nodes": [{"id": "check", "type": "task", "task": task, "params": params or {}},
                      {"id": "ok", "type": "end", "result": "success"}],
            "edges": [{"from": "check", "to": "ok", "on": "success"}],
            "start": "check",
            # arbitrary commands need the procedure's opt-in (issue 6)
            "allow_command": task in {"command", "command_check"}}


def loop_graph() -> dict[str, Any]:
    """A valid graph with a decision, a bounded loop and a templated param."""
    return {
        "nodes": [
            {"id": "check", "type": "task", "task": "service",
             "params": {"name": "nginx", "state": "{{ vars.state }}"}},
            {"id": "up?", "type": "decision", "condition": "steps.check.status == 'ok'"},
            {"id": "tries", "type": "loop", "max_iterations": 3},
            {"id": "pause", "type": "wait", "seconds": 1},
            {"id": "ok", "type": "end", "result": "success"},
            {"id": "bad", "type": "end", "result": "failure"}],
        "edges": [
            {"from": "check", "to": "up?", "on": "success"},
            {"from": "check", "to": "bad", "on": "failure"},
            {"from": "up?", "to": "ok", "on": "true"},
            {"from": "up?", "to": "tries", "on": "false"},
            {"from": "tries", "to": "pause", "on": "body"},
            {"from": "tries", "to": "bad", "on": "done"},
            {"from": "pause", "to": "check", "on": "next"}],
        "start": "check"}


def fake_scheduler(handler: Callable[[dict[str, Any]], httpx.Response],
                   calls: list[httpx.Request]) -> httpx.MockTransport:
    """A scheduler stand-in at the transport seam: records requests, answers with ``handler``."""
    def handle(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return handler(json.loads(request.content))
    return httpx.MockTransport(handle)
