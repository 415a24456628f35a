"""Every error code the scheduler answers is in ``noc_contracts.ErrorCode``: its handlers' map,
every code its source writes, and what its handlers really answer."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

import noc_scheduler
from noc_scheduler.api import errors
from noc_scheduler.app import create_app
from tests.contracts.error_vocabulary import check_answers, check_http_code_map, check_source
from tests.scheduler.conftest import API_TOKEN, make_settings

SOURCE = Path(noc_scheduler.__file__).parent


def test_the_http_code_map_is_in_the_vocabulary() -> None:
    check_http_code_map(errors.HTTP_CODES)


def test_every_code_in_the_source_is_in_the_vocabulary() -> None:
    check_source(SOURCE, {"validation_error", "no_node", "backend_refused", "internal_error"})


def test_answers_of_every_handler_carry_a_known_code(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 's.db'}", max_body_bytes=1_024)
    client = TestClient(create_app(settings))  # no lifespan: only the handlers answer
    auth = {"Authorization": f"Bearer {API_TOKEN}"}
    answers = [
        client.get("/internal/v1/schedules"),  # no token: 401
        client.get("/internal/v1/nope", headers=auth),  # 404
        client.put("/internal/v1/schedules", headers=auth, json={}),  # 405
        client.post("/internal/v1/schedules", headers=auth, json={"target": 1}),  # 422
        client.post("/internal/v1/schedules", headers=auth, content=b"x" * 2_000),  # 413
    ]
    check_answers(answers, [401, 404, 405, 422, 413])
