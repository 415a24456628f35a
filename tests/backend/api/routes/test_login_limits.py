"""Login throttling (429 + Retry-After) and bounded password hashing under a real burst."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient

from noc_backend.core.config import Settings
from noc_backend.main import create_app
from noc_backend.models import AuditEntry
from tests.backend.conftest import AppFactory
from tests.backend.live_server import LiveServer
from tests.backend.utils import ADMIN_PASSWORD

LOGIN = "/api/v1/auth/login"


def _login(client: TestClient, password: str) -> httpx.Response:
    return client.post(LOGIN, json={"username": "admin", "password": password})


def test_five_failures_then_429_even_with_the_right_password(client: TestClient) -> None:
    codes = [_login(client, f"wrong-{i}").status_code for i in range(5)]
    assert codes == [401] * 5
    refused = _login(client, ADMIN_PASSWORD)
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_requests"
    assert 1 <= int(refused.headers["retry-after"]) <= 300
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        failed = AuditEntry.select().where(AuditEntry.action == "login.failed").count()
    assert failed == 5  # throttled attempts are logged, not audited


def test_a_success_elsewhere_does_not_reset_an_attackers_count(
        make_client: AppFactory) -> None:
    attacker = make_client()
    for i in range(4):
        assert _login(attacker, f"wrong-{i}").status_code == 401
    office = TestClient(attacker.app, client=("10.1.1.1", 40000))
    assert _login(office, ADMIN_PASSWORD).status_code == 200
    assert _login(attacker, "wrong-4").status_code == 401
    assert _login(attacker, "wrong-5").status_code == 429


@pytest.mark.parametrize(("wait_s", "per_address", "expected"), [
    (10.0, 20, {401: 20, 429: 20}),  # throttling answers half, hashing keeps up
    (0.001, 1_000, None),  # hashing saturated: some answer 503 busy
])
def test_forty_concurrent_logins_never_hash_more_than_n_at_once(
        settings: Settings, wait_s: float, per_address: int,
        expected: dict[int, int] | None) -> None:
    app_settings = Settings(**{
        **settings.model_dump(), "argon2_time_cost": 2, "argon2_memory_kib": 16_384,
        "password_hash_concurrency": 2, "password_hash_wait_s": wait_s,
        "login_max_failures_per_address": per_address})
    app = create_app(app_settings)
    gate = app.state.services.passwords.gate
    with LiveServer(app) as server, httpx.Client(base_url=server.url, timeout=60) as http:
        def attempt(i: int) -> int:
            return http.post(LOGIN, json={"username": f"user{i}",
                                          "password": "wrong-password"}).status_code

        with ThreadPoolExecutor(max_workers=40) as pool:
            codes = Counter(pool.map(attempt, range(40)))
        healthy = http.get("/healthz").status_code
    assert set(codes) <= {401, 429, 503}, codes
    assert gate.peak == 2, gate.peak  # reached (the burst was concurrent), never exceeded
    assert healthy == 200
    if expected is not None:
        assert dict(codes) == expected
    else:
        assert codes[503] > 0, codes
