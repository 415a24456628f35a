"""Sample data for ``make run``, demos and screenshots: two procedures, the lab inventory of
``local`` hosts (docs/examples/lab-inventory.ini), a credential and schedules, loaded through
the public API v1 as a script would. The tests draw the same watchdog procedure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

#: the inventory an operator imports to try the samples: hosts by site and tier, all running
#: on this machine (no SSH); every third host has a disk_limit of 1% so it "runs out" of disk
LAB_INVENTORY = Path(__file__).resolve().parents[1] / "docs" / "examples" / "lab-inventory.ini"


def health_check_graph() -> dict[str, Any]:
    """Ping, measure the disk, decide on the host's own limit, write a marker, wait, end."""
    return {
        "schema_version": 1, "start": "ping",
        "nodes": [
            {"id": "ping", "type": "task", "task": "ping"},
            {"id": "disk", "type": "task", "task": "disk_usage", "params": {"path": "/"}},
            {"id": "disk ok?", "type": "decision",
             "condition": "steps.disk.facts.percent | int"
                          " < host.vars.disk_limit | default(90) | int"},
            {"id": "mark", "type": "task", "task": "file",
             "params": {"path": "/tmp/noc-demo-{{ host.name }}", "state": "touch"}},
            {"id": "settle", "type": "wait", "seconds": 3},
            {"id": "healthy", "type": "end", "result": "success"},
            {"id": "alert", "type": "task", "task": "file",
             "params": {"path": "/tmp/noc-demo-alert-{{ host.name }}", "state": "touch"}},
            {"id": "needs attention", "type": "end", "result": "failure"},
            {"id": "down", "type": "end", "result": "failure"},
        ],
        "edges": [
            {"from": "ping", "to": "disk", "on": "success"},
            {"from": "ping", "to": "down", "on": "failure"},
            {"from": "disk", "to": "disk ok?", "on": "success"},
            {"from": "disk", "to": "alert", "on": "failure"},
            {"from": "disk ok?", "to": "mark", "on": "true"},
            {"from": "disk ok?", "to": "alert", "on": "false"},
            {"from": "mark", "to": "settle", "on": "success"},
            {"from": "settle", "to": "healthy", "on": "next"},
            {"from": "alert", "to": "needs attention", "on": "success"},
        ],
    }


def watchdog_graph(service: str = "nginx") -> dict[str, Any]:
    """ARCHITECTURE.md's example about ``service`` (a name, or a template such as
    ``{{ host.vars.service }}``): check it, retry starting it three times with a pause, alert,
    end in success or failure. No layout: the editor places the blocks.

    It differs from ARCHITECTURE.md in ``alert -> bad``: a task's edges are ``success`` /
    ``failure`` since validation got stricter (the page still says ``next``)."""
    return {
        "schema_version": 1,
        "nodes": [
            {"id": "check", "type": "task", "task": "service_status",
             "params": {"name": service}, "timeout_s": 60, "retries": 0},
            {"id": "up?", "type": "decision",
             "condition": "steps.check.facts.state == 'running'"},
            {"id": "tries", "type": "loop", "max_iterations": 3},
            {"id": "start", "type": "task", "task": "service",
             "params": {"name": service, "state": "started"}},
            {"id": "pause", "type": "wait", "seconds": 10},
            {"id": "alert", "type": "task", "task": "telegram",
             "params": {"text": f"{service} down on {{{{ host.name }}}}"}},
            {"id": "ok", "type": "end", "result": "success"},
            {"id": "bad", "type": "end", "result": "failure"}],
        "edges": [
            {"from": "check", "to": "up?", "on": "success"},
            {"from": "check", "to": "alert", "on": "failure"},
            {"from": "up?", "to": "ok", "on": "true"},
            {"from": "up?", "to": "tries", "on": "false"},
            {"from": "tries", "to": "start", "on": "body"},
            {"from": "tries", "to": "alert", "on": "done"},
            {"from": "start", "to": "pause", "on": "success"},
            {"from": "start", "to": "alert", "on": "failure"},
            {"from": "pause", "to": "check", "on": "next"},
            {"from": "alert", "to": "bad", "on": "success"}],
        "start": "check",
        "layout": {},
    }


SAMPLE_PROCEDURES = (
    ("Web tier health check", "Ping, check the root disk against each host's disk_limit var "
     "(90% when unset), mark healthy hosts and flag the others.", health_check_graph),
    ("nginx watchdog", "Start nginx when it is down (three tries), else alert the on-call "
     "channel.", watchdog_graph),
)


def add_sample_procedures(api: httpx.Client) -> dict[str, int]:
    """Save the sample procedures; returns their ids by name."""
    ids: dict[str, int] = {}
    for name, description, graph in SAMPLE_PROCEDURES:
        r = api.post("/procedures", json={"name": name, "description": description,
                                          "graph": graph()})
        r.raise_for_status()
        ids[name] = r.json()["id"]
    return ids


def load(api: httpx.Client) -> dict[str, int]:
    """Import the lab inventory, add a credential, the sample procedures and two schedules;
    returns the procedures' ids by name."""
    r = api.post("/inventory/import", json={"format": "ini", "content": LAB_INVENTORY.read_text(),
                                            "dry_run": False})
    r.raise_for_status()
    api.post("/credentials", json={"name": "lab-ops", "kind": "password",
                                   "password": "demo-password-not-real"}).raise_for_status()
    ids = add_sample_procedures(api)
    check = ids["Web tier health check"]
    api.post(f"/procedures/{check}/runs", json={
        "target": {"group": "rio"}, "cron": "0 3 * * *", "timezone": "America/Sao_Paulo",
        "missed_policy": "run_once"}).raise_for_status()
    api.post(f"/procedures/{check}/runs", json={
        "target": {"group": "db"}, "cron": "*/30 8-18 * * 1-5",
        "timezone": "America/Sao_Paulo", "overlap_policy": "queue"}).raise_for_status()
    return ids
