"""Sample data for demos and screenshots: a NOC's inventory of `local` hosts (they run on this
machine, no SSH), groups by site and tier, a credential, procedures and schedules, loaded
through the public API v1 as a script would."""

from __future__ import annotations

from typing import Any

import httpx

SITES = {"rio": ("rio-web", "rio-db"), "sao-paulo": ("sp-web", "sp-db")}
WEB_HOSTS = 6
DB_HOSTS = 3


def inventory_ini() -> str:
    """The demo inventory as an Ansible INI file (what an operator would import)."""
    lines: list[str] = []
    for site, tiers in SITES.items():
        for tier in tiers:
            count = WEB_HOSTS if tier.endswith("web") else DB_HOSTS
            lines.append(f"[{tier}]")
            for n in range(1, count + 1):
                role = "web" if tier.endswith("web") else "db"
                disk_limit = 95 if n % 3 else 1  # every third host "runs out" of disk
                lines.append(f"{tier}-{n:02d} ansible_host=127.0.0.1 ansible_connection=local "
                             f"role={role} disk_limit={disk_limit}")
            lines.append("")
        lines.append(f"[{site}:children]")
        lines.extend(tiers)
        lines.append("")
    lines += ["[web:children]", "rio-web", "sp-web", "", "[db:children]", "rio-db", "sp-db", ""]
    return "\n".join(lines)


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


def watchdog_graph() -> dict[str, Any]:
    """ARCHITECTURE.md's example: check nginx, retry starting it three times, alert."""
    return {
        "schema_version": 1, "start": "check",
        "nodes": [
            {"id": "check", "type": "task", "task": "service_status",
             "params": {"name": "nginx"}, "timeout_s": 60},
            {"id": "up?", "type": "decision",
             "condition": "steps.check.facts.state == 'running'"},
            {"id": "tries", "type": "loop", "max_iterations": 3},
            {"id": "start", "type": "task", "task": "service",
             "params": {"name": "nginx", "state": "started"}},
            {"id": "pause", "type": "wait", "seconds": 10},
            {"id": "alert", "type": "task", "task": "telegram",
             "params": {"text": "nginx down on {{ host.name }}"}},
            {"id": "ok", "type": "end", "result": "success"},
            {"id": "bad", "type": "end", "result": "failure"},
        ],
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
            {"from": "alert", "to": "bad", "on": "success"},
        ],
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
    """Import the inventory, add a credential, two procedures and two schedules; returns the
    procedures' ids by name."""
    r = api.post("/inventory/import", json={"format": "ini", "content": inventory_ini(),
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
