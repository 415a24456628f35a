"""What an install chose, kept in ``<prefix>/noc-install.json`` so that ``--upgrade`` and
``--uninstall`` need no option repeated (a given option still wins)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

FILE_NAME = "noc-install.json"


@dataclass
class State:
    layer: str
    config: str
    data_dir: str
    user: str
    user_created: bool
    host: str
    port: int
    systemd: bool
    unit: str
    installed_at: str
    upgraded_at: str = ""


def path(prefix: Path) -> Path:
    return prefix / FILE_NAME


def load(prefix: Path) -> State | None:
    try:
        data = json.loads(path(prefix).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return State(**data)


def save(prefix: Path, state: State) -> None:
    path(prefix).write_text(json.dumps(asdict(state), indent=2) + "\n", encoding="utf-8")
