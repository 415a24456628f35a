"""Every error code the node answers is in ``noc_contracts.ErrorCode``: its handlers' map,
every code its source writes, and what its handlers really answer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

import noc_node
from noc_node.app import create_app
from noc_node.core import errors
from noc_node.core.config import Settings
from tests.contracts.error_vocabulary import check_answers, check_http_code_map, check_source
from tests.node.conftest import TOKEN

SOURCE = Path(noc_node.__file__).parent


def test_the_http_code_map_is_in_the_vocabulary() -> None:
    check_http_code_map(errors.HTTP_CODES)


def test_every_code_in_the_source_is_in_the_vocabulary() -> None:
    check_source(SOURCE, {"invalid_task", "validation_error", "http_error", "internal_error"})


def test_answers_of_every_handler_carry_a_known_code(
        make_settings: Callable[..., Settings]) -> None:
    client = TestClient(create_app(make_settings()))  # no lifespan: only the handlers answer
    auth = {"Authorization": f"Bearer {TOKEN}"}
    answers = [
        client.post("/tasks", json={}),  # no token: 401
        client.get("/nope", headers=auth),  # 404
        client.post("/tasks", headers=auth, json={"task_id": 1}),  # 422
    ]
    check_answers(answers, [401, 404, 422])
