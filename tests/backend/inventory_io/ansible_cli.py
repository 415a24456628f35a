"""Run the real ``ansible-inventory`` and put our model into the JSON shape it prints."""

from __future__ import annotations

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from noc_backend.inventory_io import Inventory, flatten_all

ANSIBLE_INVENTORY = Path(__file__).resolve().parents[3] / ".venv" / "bin" / "ansible-inventory"


def run_many(jobs: dict[str, tuple[Path, bool]], home: Path) -> dict[str, dict[str, Any]]:
    """``ansible-inventory -i <path> --list [--export]`` for every job, in parallel."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANSIBLE_")}
    env.update(HOME=str(home), ANSIBLE_INVENTORY_UNPARSED_FAILED="true",
               ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED="true",
               ANSIBLE_LOCAL_TEMP=str(home / "tmp"), ANSIBLE_DEPRECATION_WARNINGS="false")

    def run(job: tuple[Path, bool]) -> dict[str, Any]:
        path, export = job
        args = [str(ANSIBLE_INVENTORY), "-i", str(path), "--list", *(["--export"] if export else [])]
        proc = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60, check=False)
        assert proc.returncode == 0, f"ansible-inventory failed on {path}:\n{proc.stderr}"
        data: dict[str, Any] = json.loads(proc.stdout)
        data["_meta"].pop("profile", None)
        return data

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(jobs, pool.map(run, jobs.values()), strict=True))
    return results


def export_json(inv: Inventory) -> dict[str, Any]:
    """What ``ansible-inventory --list --export`` prints for ``inv``."""
    out: dict[str, Any] = {"_meta": {"hostvars": {h.name: h.vars for h in inv.hosts.values() if h.vars}}}
    for group in inv.groups.values():
        entry = {key: value for key, value in (("children", group.children), ("hosts", group.hosts),
                                               ("vars", group.vars)) if value}
        if entry or group.name == "all":
            out[group.name] = entry
    return json.loads(json.dumps(out))


def merged_hostvars(inv: Inventory) -> dict[str, Any]:
    """What ``ansible-inventory --list`` prints as ``_meta.hostvars``: vars merged per host."""
    return json.loads(json.dumps({n: h.vars for n, h in flatten_all(inv).items() if h.vars}))
