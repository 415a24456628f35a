"""Helpers the end-to-end tests share: create things through the public API and wait for runs."""

from __future__ import annotations

import time
from typing import Any

import httpx

FINAL = {"success", "failed", "partial", "cancelled"}


def created(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def wait_finished(api: httpx.Client, execution_id: str, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    body: dict[str, Any] = {}
    while time.monotonic() < deadline:
        r = api.get(f"/executions/{execution_id}")
        if r.status_code == 200:
            body = r.json()
            if body["status"] in FINAL:
                return body
        time.sleep(0.25)
    raise AssertionError(f"execution {execution_id} not finished after {timeout}s: {body}")


def hosts_by_name(execution: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {h["host"]: h for h in execution["hosts"]}
