"""Every error code the backend answers is in ``noc_contracts.ErrorCode``: its error classes,
every code its source writes, and what its handlers really answer (the HTTP status map is
the contracts', checked there)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

import noc_backend
from noc_backend.core.errors import BackendError, UpstreamError
from noc_backend.main import create_app
from noc_contracts import ErrorCode
from tests.backend.utils import login, make_settings
from tests.contracts.error_vocabulary import check_answers, check_source

SOURCE = Path(noc_backend.__file__).parent


def _subclasses(cls: type[BackendError]) -> list[type[BackendError]]:
    found = [cls]
    for sub in cls.__subclasses__():
        found.extend(_subclasses(sub))
    return found


def test_every_error_class_takes_its_code_from_the_vocabulary() -> None:
    classes = _subclasses(BackendError)
    assert len(classes) >= 9
    for cls in classes:
        assert isinstance(cls.code, ErrorCode), f"{cls.__name__}.code = {cls.code!r}"
    assert isinstance(UpstreamError(409, "refused").code, ErrorCode)


def test_every_code_in_the_source_is_in_the_vocabulary() -> None:
    check_source(SOURCE, {"in_use", "last_admin", "scheduler_rejected", "internal"})


def test_answers_of_every_handler_carry_a_known_code(tmp_path: Path) -> None:
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'b.db'}", max_body_bytes=1_024))
    with TestClient(app) as client:
        headers = login(client)
        answers = [
            client.get("/api/v1/hosts"),  # no token: 401
            client.get("/api/v1/nope", headers=headers),  # 404
            client.put("/api/v1/hosts", headers=headers, json={}),  # 405
            client.post("/api/v1/hosts", headers=headers, json={"name": 1}),  # 422
            client.post("/api/v1/hosts", headers=headers, content=b"x" * 2_000),  # 413
            client.get("/api/v1/hosts/99", headers=headers),  # 404 from the service
        ]
    check_answers(answers, [401, 404, 405, 422, 413, 404])
