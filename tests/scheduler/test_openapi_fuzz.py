"""schemathesis over the scheduler's whole OpenAPI (SQLite and PostgreSQL), between a fake
backend and a fake node, so nothing generated can reach a real host: no 5xx, and every
answer matches the schema its route declares (aware times included)."""

from __future__ import annotations

from tests.scheduler.conftest import API_TOKEN, NODE_TOKEN, Stack
from tests.support.fuzz import fuzz_layer

NODE_ROUTES = ("/internal/v1/results", "/internal/v1/nodes/heartbeat")


def headers_for(method: str, path: str) -> dict[str, str]:
    token = NODE_TOKEN if path in NODE_ROUTES else API_TOKEN
    return {"Authorization": f"Bearer {token}"}


def test_no_input_makes_the_scheduler_fail_or_break_its_schema(stack: Stack) -> None:
    failures = fuzz_layer(stack.url, headers_for, max_examples=25)
    assert not failures, "\n\n".join(failures)
