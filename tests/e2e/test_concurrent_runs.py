"""100 run-now requests at once through the real stack (SQLite and PostgreSQL + Redis): every
one answers 201 with its execution. The backend calls the scheduler from its request threads
while the scheduler calls the backend back to resolve the run: neither may starve the other."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from noc_devstack import Stack
from tests.e2e.flows import created, local_host, procedure

pytestmark = pytest.mark.e2e

RUNS = 100


def test_a_hundred_concurrent_run_now_requests_all_start(stack: Stack,
                                                        api: httpx.Client) -> None:
    local_host(api, "burst-1", "burst")
    # a long wait: every run starts and then sleeps, so nothing but the launch is measured
    proc = created(api.post("/procedures", json=procedure(
        "burst", [{"id": "nap", "type": "wait", "seconds": 3600}, {"id": "ok", "type": "end"}],
        [("nap", "ok", "next")], "nap")))

    def launch(_: int) -> httpx.Response:
        with httpx.Client(base_url=str(api.base_url), headers=api.headers,
                          timeout=60) as client:
            return client.post(f"/procedures/{proc['id']}/runs",
                               json={"target": {"group": "burst"}})

    with ThreadPoolExecutor(max_workers=RUNS) as pool:
        answers = list(pool.map(launch, range(RUNS)))
    codes = sorted({a.status_code for a in answers})
    assert codes == [201], [a.text for a in answers if a.status_code != 201][:3]
    assert len({a.json()["execution_id"] for a in answers}) == RUNS
