"""GET /hosts over 10,000 hosts through the real app: p50/p99 of a page, with and without filters.

Run: ``.venv/bin/python bench/bench_hosts_list.py`` (SQLite temp file; PostgreSQL too when it
listens on 127.0.0.1:5432). Hosts are written in bulk, then every request goes through FastAPI.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cryptography.fernet import Fernet
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from noc_backend.core.config import Settings  # noqa: E402
from noc_backend.main import create_app  # noqa: E402
from noc_backend.models import Group, GroupChild, Host, HostGroup  # noqa: E402
from tests.support.services import PG_HOST, PG_PORT, port_open, scratch_database  # noqa: E402

HOSTS = 10_000
ROUNDS = 60
QUERIES = {
    "page 1 (name)": {"limit": 100},
    "page 50 (name)": {"limit": 100, "offset": 5_000},
    "sort -created_at": {"limit": 100, "sort": "-created_at"},
    "name glob web-01*": {"limit": 100, "name": "web-01*"},
    "group (nested)": {"limit": 100, "group": "site"},
    "var role=db": {"limit": 100, "var": "role=db"},
    "enabled=false": {"limit": 100, "enabled": "false"},
    "all filters": {"limit": 100, "name": "web-*", "group": "site", "var": "role=web",
                    "enabled": "true"},
}


def populate(client: TestClient) -> None:
    services = client.app.state.services  # type: ignore[attr-defined]
    db = services.db
    with db.connection_context(), db.atomic():
        site = Group.create(name="site")
        for name in ("web", "db"):
            child = Group.create(name=name)
            GroupChild.create(parent=site, child=child)
        rows = [{"name": f"{'web' if i % 2 else 'db'}-{i:05d}", "address": f"10.{i // 256 % 256}"
                 f".{i % 256}.{i % 200 + 1}", "vars": {"role": "web" if i % 2 else "db",
                                                       "rack": i % 40},
                 "enabled": i % 10 != 0} for i in range(HOSTS)]
        for start in range(0, HOSTS, 500):
            Host.insert_many(rows[start:start + 500]).execute()
        ids = [(h.id, h.name) for h in Host.select(Host.id, Host.name)]
        members = [{"host": i, "name": "web" if n.startswith("web") else "db"} for i, n in ids]
        for start in range(0, len(members), 500):
            HostGroup.insert_many(members[start:start + 500]).execute()


def measure(client: TestClient, headers: dict[str, str]) -> None:
    for label, params in QUERIES.items():
        times = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            response = client.get("/api/v1/hosts", headers=headers, params=params)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.text
        count = response.json()["count"]
        times.sort()
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"  {label:<20} count={count:>6}  p50={statistics.median(times):6.1f} ms"
              f"  p99={p99:6.1f} ms")


def run(url: str, label: str) -> None:
    settings = Settings(database_url=url, secrets_key=Fernet.generate_key().decode(),
                        bootstrap_admin_password="bench-admin-pw", argon2_time_cost=1,
                        argon2_memory_kib=8, argon2_parallelism=1, log_level="WARNING")
    with TestClient(create_app(settings)) as client:
        populate(client)
        token = client.post("/api/v1/auth/login", json={
            "username": "admin", "password": "bench-admin-pw"}).json()["access_token"]
        print(f"{label}: {HOSTS} hosts, {ROUNDS} requests per query, page of 100")
        measure(client, {"Authorization": f"Bearer {token}"})


@contextmanager
def postgres() -> Iterator[str | None]:
    """A scratch PostgreSQL database, or None when the server is not running."""
    if not port_open(PG_HOST, PG_PORT):
        yield None
        return
    with scratch_database("noc_bench") as url:
        yield url


def main() -> None:
    os.environ.setdefault("NOC_BACKEND_LOG_LEVEL", "WARNING")
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{tmp}/bench.db", "SQLite")
    with postgres() as url:
        if url is None:
            print("PostgreSQL: not listening on 127.0.0.1:5432, skipped")
        else:
            run(url, "PostgreSQL")


if __name__ == "__main__":
    main()
