"""Fire-to-dispatch latency with 1,000 active cron schedules, against a raw Huey baseline.

Run: ``.venv/bin/python bench/bench_fire_latency.py [--schedules N] [--rounds R]
[--database-url URL --queue-url URL]``. Default: a temporary SQLite database and SqliteHuey
queue (the embedded setup). Everything runs in this process: the scheduler's fire loop and
Huey consumer threads, a stand-in backend (resolve) and a stand-in node that stamps each
TaskRequest as it arrives. The clock runs in real time with an offset that the benchmark
jumps to half a second before each next fire minute, so R rounds take about R seconds.

Latency = the node receiving the TaskRequest - the fire time. Baseline = Huey enqueue ->
execute latency of a no-op task on the same queue and consumer. Prints p50/p99 of each.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import uvicorn
from cryptography.fernet import Fernet
from fastapi import FastAPI, Request

from noc_contracts import ScheduleCreate
from noc_scheduler.core.config import Settings
from noc_scheduler.dispatch.queue import build_consumer
from noc_scheduler.nodes import registry
from noc_scheduler.runtime import Runtime
from noc_scheduler.schedules import records
from noc_scheduler.schedules.fire_loop import FireLoop
from noc_scheduler.schedules.firing import next_due
from noc_scheduler.store.models import Node, ScheduleFire, utcnow

TOKEN = "bench-token-123456"
RESOLVED = {"procedure_id": 1, "procedure_name": "bench", "procedure_version": 1,
            "graph": {"nodes": [{"id": "a", "type": "task", "task": "ping"},
                                {"id": "e", "type": "end"}],
                      "edges": [{"from": "a", "to": "e", "on": "success"}], "start": "a"},
            "hosts": [{"name": "h1", "address": "127.0.0.1", "connection": "local"}]}


class ServerThread:
    """An ASGI app served by uvicorn on a free loopback port, in a daemon thread."""

    def __init__(self, app: FastAPI) -> None:
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = ""

    def __enter__(self) -> ServerThread:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


class OffsetClock:
    """Real time plus an offset the benchmark moves forward between rounds."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


def stand_ins(clock: OffsetClock, received: dict[str, datetime]) -> tuple[FastAPI, FastAPI]:
    backend, node = FastAPI(), FastAPI()

    @backend.post("/internal/v1/resolve")
    def resolve() -> dict[str, Any]:
        return RESOLVED

    @backend.post("/internal/v1/events")
    async def events(request: Request) -> dict[str, int]:
        return {"accepted": len((await request.json())["events"])}

    @node.post("/tasks", status_code=202)
    async def task(request: Request) -> dict[str, Any]:
        stamp = clock.now()
        body = await request.json()
        received.setdefault(body["execution_id"], stamp)
        return {"task_id": body["task_id"], "node": "bench", "queue_depth": 0}

    return backend, node


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    pick = [ordered[min(len(ordered) - 1, round(f * (len(ordered) - 1)))] for f in (.5, .99)]
    return (f"p50 {pick[0] * 1000:.1f} ms, p99 {pick[1] * 1000:.1f} ms, "
            f"max {ordered[-1] * 1000:.1f} ms, mean {statistics.fmean(ordered) * 1000:.1f} ms "
            f"(n={len(ordered)})")


def huey_baseline(rt: Runtime, count: int) -> list[float]:
    """Enqueue -> execute latency of a no-op task on the scheduler's own queue."""
    done: list[float] = []
    finished = threading.Event()

    @rt.huey.task(name="bench_noop")  # type: ignore[untyped-decorator]
    def noop(sent: float) -> None:
        done.append(time.time() - sent)
        if len(done) >= count:
            finished.set()

    for _ in range(count):
        noop(time.time())
        time.sleep(0.01)
    finished.wait(60)
    return done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schedules", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database-url")
    parser.add_argument("--queue-url")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng, tmp = random.Random(args.seed), Path(tempfile.mkdtemp(prefix="noc-bench-"))
    clock, received = OffsetClock(), {}
    backend_app, node_app = stand_ins(clock, received)
    with ServerThread(backend_app) as backend, ServerThread(node_app) as node:
        settings = Settings(
            database_url=args.database_url or f"sqlite:///{tmp / 'scheduler.db'}",
            queue_url=args.queue_url or f"sqlite:///{tmp / 'queue.db'}",
            queue_name=f"bench-{uuid.uuid4().hex[:8]}", secrets_key=Fernet.generate_key().decode(),
            api_token=TOKEN, backend_url=backend.url, backend_token=TOKEN,
            workers=args.workers, node_stale_s=3600)  # type: ignore[arg-type]
        rt = Runtime(settings, clock=clock)
        rt.create_tables()
        with rt.db.connection_context(), rt.db.atomic():
            registered = registry.register(rt.box, "bench", node.url, TOKEN)
            Node.update(last_seen_at=utcnow(), capacity=10_000).where(
                Node.id == registered.id).execute()
        for _ in range(args.schedules):  # spread over the hour: ~17 fire at each minute
            records.create(rt, ScheduleCreate(
                procedure_id=1, target={"group": "all"}, cron=f"{rng.randrange(60)} * * * *",
                timezone=rng.choice(["UTC", "Europe/Berlin", "America/New_York"]),
                overlap_policy="allow"))
        baseline: list[float] = []
        consumer = build_consumer(rt.huey, args.workers)
        loop = FireLoop(rt)
        consumer.start()
        try:
            baseline = huey_baseline(rt, 200)
            loop.start()
            for _ in range(args.rounds):
                due = next_due(rt)
                assert due is not None
                clock.offset += due - clock.now() - timedelta(seconds=0.5)
                time.sleep(1.5)
        finally:
            loop.stop()
            consumer.stop(graceful=True)
        with rt.db.connection_context():
            fired = {f.execution_id: f.fire_time.replace(tzinfo=UTC)
                     for f in ScheduleFire.select().where(ScheduleFire.status == "started")}
        rt.close()
    latencies = [(received[e] - t).total_seconds() for e, t in fired.items() if e in received]
    print(f"{args.schedules} active cron schedules, {len(fired)} fires over {args.rounds} "
          f"fire minutes, {len(latencies)} reached the node")
    print(f"fire -> node receives TaskRequest: {percentiles(latencies)}")
    print(f"raw Huey enqueue -> execute:       {percentiles(baseline)}")
    if latencies and baseline:
        ratio = statistics.median(latencies) / statistics.median(baseline)
        print(f"ratio of medians (fire-to-dispatch / raw Huey): {ratio:.1f}x")


if __name__ == "__main__":
    main()
