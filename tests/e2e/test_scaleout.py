"""Issue 13: the scale-out deployment under kills. A backend on PostgreSQL, two schedulers on one
PostgreSQL database and one Redis queue, three nodes labelled site=rio / sp / lab; 200 local
hosts in three groups selecting one site each. Mid-run one node and one scheduler are SIGKILLed
(their whole process groups); the node is started again once the surviving scheduler called it
down. Everything is checked through the public API: final states, placement, retries, history.

Why restart the killed node rather than let its site's steps time out: its hosts' retried steps
then run to the end on a node of the right site, proving that a lost step is retried (once),
that a lost step without retries is never run again (not even from the node's own queue, which
survives on Redis), and that the history stays whole across the two kills.
"""

from __future__ import annotations

import json
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from noc_devstack.scaleout import ScaleOut, ScaleOutConfig, start_scaleout
from tests.e2e.conftest import api_client
from tests.e2e.flows import TEST_HOST_VARS, created, procedure, run_now, wait_finished, wait_for
from tests.support.services import flush_redis, postgres_database, redis_url

pytestmark = pytest.mark.e2e

ADMIN_PASSWORD = "scaleout-admin-pw-123"
SITES = ("rio", "sp", "lab")
NODE_OF_SITE = {"rio": "n-rio", "sp": "n-sp", "lab": "n-lab"}
HOSTS = 200
#: step id -> retries (``append`` writes a line: not idempotent, never retried)
RETRIES = {"ping": 1, "append": 0, "final": 1}
#: a 2-core machine runs 600 Ansible host executions here, often beside other test runs: few
#: runs at once, and patient health and template deadlines, so that a busy node is not called
#: down (only the killed one may be) and a slow template is not called a failure
LOAD = {
    "NOC_NODE_WORKERS": "2",
    "NOC_NODE_FORKS": "10",
    "NOC_SCHEDULER_NODE_LATE_S": "10",
    "NOC_SCHEDULER_NODE_STALE_S": "30",
    "NOC_SCHEDULER_HTTP_TIMEOUT_S": "30",
    "NOC_SCHEDULER_TEMPLATE_TIMEOUT_S": "10",
    "NOC_SCHEDULER_LEASE_GRACE_S": "2",
    "NOC_SCHEDULER_KILL_GRACE_S": "2",
    "NOC_SCHEDULER_TICK_S": "0.2",
    # a site without a healthy node fails its steps after this (the node is back long before)
    "NOC_SCHEDULER_PLACEMENT_WAIT_S": "300",
    # four batches per site (two run at once), each moving on without waiting for the others,
    # so the kills find a site's hosts on different steps
    "NOC_SCHEDULER_BATCH_MAX_HOSTS": "17",
    "NOC_SCHEDULER_BATCH_WAIT_RUNNING_S": "0",
}


@pytest.fixture
def scaleout(tmp_path: Path) -> Iterator[ScaleOut]:
    with ExitStack() as resources:
        cfg = ScaleOutConfig(
            var_dir=tmp_path / "var",
            backend_database_url=resources.enter_context(postgres_database()),
            scheduler_database_url=resources.enter_context(postgres_database()),
            redis_url=resources.enter_context(redis_url()),
            admin_password=ADMIN_PASSWORD,
            queue_prefix=f"noc-scaleout-{uuid.uuid4().hex[:8]}",
            node_capacity=2, extra_env=dict(LOAD))
        resources.callback(flush_redis, cfg.redis_url, cfg.queue_prefix)
        deployment = start_scaleout(cfg)
        try:
            yield deployment
        finally:
            deployment.stop()
            print(deployment.log_tails())


def _site(host: str) -> str:
    return host.split("-")[0]


def _inventory(api: httpx.Client, wrappers: Path) -> list[str]:
    """Three groups selecting one site each, 200 local hosts spread over them, one parent.

    Each host's Python is a wrapper exporting ``NOC_LEDGER_HOST`` (its name): the ledger
    command then names its host with the same params for every host (steps with per-host
    params are never batched, and 400 one-host Ansible runs would take minutes).
    """
    names = [f"{SITES[i % 3]}-{i:03d}" for i in range(HOSTS)]
    wrappers.mkdir()
    for site in SITES:
        created(api.post("/groups", json={"name": f"site-{site}",
                                          "node_selector": {"site": site}}))
    for name in names:
        wrapper = wrappers / name
        wrapper.write_text(f"#!/bin/sh\nNOC_LEDGER_HOST={name} exec "
                           f"{TEST_HOST_VARS['ansible_python_interpreter']} \"$@\"\n")
        wrapper.chmod(0o755)
        created(api.post("/hosts", json={
            "name": name, "address": "127.0.0.1", "connection": "local",
            "groups": [f"site-{_site(name)}"],
            "vars": {"ansible_python_interpreter": str(wrapper)}}))
    created(api.post("/groups", json={"name": "fleet",
                                      "children": [f"site-{s}" for s in SITES]}))
    return names


def _procedure(ledger: Path) -> dict[str, Any]:
    def append(step: str, pause: str) -> str:
        return f"sh -c 'echo $NOC_LEDGER_HOST {step} >> {ledger}{pause}'"

    nodes = [
        {"id": "ping", "type": "task", "task": "ping", "params": {},
         "retries": RETRIES["ping"]},
        {"id": "append", "type": "task", "task": "command",
         "params": {"cmd": append("append", "; sleep 1")}, "retries": RETRIES["append"]},
        {"id": "final", "type": "task", "task": "command",
         "params": {"cmd": append("final", "")}, "retries": RETRIES["final"]},
        {"id": "done", "type": "end", "result": "success"},
    ]
    edges = [("ping", "append", "success"), ("append", "final", "success"),
             ("final", "done", "success")]
    return procedure(f"scaleout-{uuid.uuid4().hex[:6]}", nodes, edges, "ping")


def _summary(host: dict[str, Any]) -> str:
    steps = [(s["step_id"], s["attempt"], s["status"], s["rc"], s["msg"][:200], s["stderr"][:200])
             for s in host["steps"]]
    return f"{host['host']} {host['status']} path={host['path']} steps={steps}"


def _ledger(ledger: Path) -> Counter[tuple[str, str]]:
    """(host, step) -> how many times the step ran on the host, by the hosts' own record."""
    if not ledger.exists():
        return Counter()
    lines = (tuple(line.split()) for line in ledger.read_text().splitlines())
    return Counter((p[0], p[1]) for p in lines if len(p) == 2)


def _events(api: httpx.Client, execution_id: str) -> list[dict[str, Any]]:
    """Every stored event of a finished execution, replayed from the start."""
    r = api.get(f"/executions/{execution_id}/events", headers={"Last-Event-ID": "0"},
                timeout=60)
    assert r.status_code == 200, r.text
    events, kind = [], ""
    for line in r.text.splitlines():
        if line.startswith("event: "):
            kind = line[len("event: "):]
        elif line.startswith("data: ") and kind != "end":
            events.append(json.loads(line[len("data: "):]) | {"type": kind})
    return events


def _node_health(deployment: ScaleOut, name: str) -> str:
    return next(str(n["health"]) for n in deployment.nodes() if n["name"] == name)


def test_a_run_over_three_sites_survives_a_killed_node_and_a_killed_scheduler(
        scaleout: ScaleOut, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger"
    started = time.monotonic()
    with api_client(scaleout, ADMIN_PASSWORD) as api:
        names = _inventory(api, tmp_path / "python")
        proc = created(api.post("/procedures", json=_procedure(ledger)))
        print(f"inventory in {time.monotonic() - started:.1f}s")
        execution_id = run_now(api, proc["id"], group="fleet")

        # mid-way: the first rio hosts reached their last step, others are still on theirs
        wait_for(lambda: any(s == "final" and _site(h) == "rio" for h, s in _ledger(ledger)),
                 300, "rio hosts to reach their last step")
        killed_at = time.monotonic()
        scaleout.kill("n-rio")
        scaleout.kill("scheduler-1")
        print(f"killed n-rio and scheduler-1 {killed_at - started:.1f}s in")
        # the surviving scheduler calls the node down (its steps end lost), then it comes back
        wait_for(lambda: _node_health(scaleout, "n-rio") == "down", 60, "n-rio to be down")
        # the backend's scheduler client moved to the surviving scheduler too
        r = api.get("/nodes")
        assert r.status_code == 200, r.text
        assert {n["name"]: n["health"] for n in r.json()}["n-rio"] == "down"
        scaleout.restart("n-rio")
        scaleout.wait_nodes_up(["n-rio"])
        detail = wait_finished(api, execution_id, timeout=480)
        print(f"finished {time.monotonic() - started:.1f}s in: {detail['status']}")
        events = _events(api, execution_id)
        execution = api.get(f"/executions/{execution_id}").json()

    hosts = {h["host"]: h for h in detail["hosts"]}
    assert sorted(hosts) == sorted(names) and detail["hosts_total"] == HOSTS
    ledger_lines = _ledger(ledger)

    # every host run ended as its policy implies
    lost = Counter()
    for name, host in hosts.items():
        attempts: dict[str, list[dict[str, Any]]] = {}
        for step in host["steps"]:
            attempts.setdefault(step["step_id"], []).append(step)
        for step_id, runs in attempts.items():
            statuses = [r["status"] for r in runs]
            assert [r["attempt"] for r in runs] == list(range(1, len(runs) + 1)), (name, runs)
            assert len(runs) <= 1 + RETRIES[step_id], (name, step_id, statuses)
            assert all(s == "lost" for s in statuses[:-1]), (name, step_id, statuses)
            lost[_site(name)] += statuses.count("lost")
        last = {step_id: runs[-1]["status"] for step_id, runs in attempts.items()}
        if last.get("append") == "lost":  # no retry allowed: the host run fails there
            assert host["status"] == "failed" and host["path"] == ["ping", "append"], host
            assert _site(name) == "rio", host
        else:
            assert host["status"] == "success", host
            assert host["path"] == ["ping", "append", "final", "done"], host
            assert last == {"ping": "ok", "append": "ok", "final": "ok"}, host
        # a step run only once by its policy ran at most once on a node (the ledger is the
        # hosts' own record of it); one that ended ok ran exactly once more than never
        assert ledger_lines[(name, "append")] <= 1, name
        if last.get("append") == "ok":
            assert ledger_lines[(name, "append")] == 1, name
        assert ledger_lines[(name, "final")] <= 1 + RETRIES["final"]
        if last.get("final") == "ok":
            assert ledger_lines[(name, "final")] >= 1
    assert lost["sp"] == lost["lab"] == 0, lost  # only the killed node's steps were lost
    assert lost["rio"] > 0, "the node kill hit no running step: the test proved nothing"
    assert detail["status"] in {"success", "partial", "failed"}

    # each step ran on the node of its host's site
    started_events = [e for e in events if e["type"] == "step_started"]
    wrong = [(e["host"], e["step_id"], e["data"].get("node")) for e in started_events
             if e["data"].get("node") != NODE_OF_SITE[_site(e["host"])]]
    assert not wrong, wrong[:10]

    # the history is complete: every step run has its events, every host its end
    kinds = Counter(e["type"] for e in events)
    assert kinds["execution_started"] == 1 and kinds["execution_finished"] == 1, kinds
    assert next(e for e in events if e["type"] == "execution_finished")["status"] == \
        detail["status"]
    host_ends = {e["host"]: e["status"] for e in events if e["type"] == "host_finished"}
    assert host_ends == {n: h["status"] for n, h in hosts.items()}
    assert kinds["host_finished"] == HOSTS
    finished = Counter((e["host"], e["step_id"], e["attempt"], e["status"])
                       for e in events if e["type"] == "step_finished")
    recorded = Counter((n, s["step_id"], s["attempt"], s["status"])
                       for n, h in hosts.items() for s in h["steps"])
    assert finished == recorded
    # every step run was started (dispatched to a node); only the killed site's may have been
    # dispatched more than once for one attempt (a dispatch that found its node gone)
    starts = Counter((e["host"], e["step_id"], e["attempt"]) for e in started_events)
    runs = {(n, s, a) for n, s, a, _ in recorded}
    assert set(starts) == runs, (sorted(set(starts) - runs)[:10], sorted(runs - set(starts))[:10])
    redispatched = {k: n for k, n in starts.items() if n > 1}
    assert all(_site(host) == "rio" for host, _, _ in redispatched), redispatched
    assert execution["status"] == detail["status"]
    retried = Counter(s["step_id"] for h in hosts.values() for s in h["steps"]
                      if s["attempt"] > 1)
    print(f"lost steps per site: {dict(lost)}; retried: {dict(retried)}; "
          f"dispatched again: {len(redispatched)}; host runs: "
          f"{Counter(h['status'] for h in hosts.values())}; "
          f"total {time.monotonic() - started:.1f}s")
