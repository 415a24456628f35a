"""What an install chose, kept in ``<prefix>/noc-install.json`` so that ``--upgrade`` and
``--uninstall`` need no option repeated (a given option still wins)."""

from __future__ import annotations

import json
from dataclasses import MISSING, asdict, dataclass, fields
from pathlib import Path

from noc_install.errors import InstallError

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
    #: the installer made the data folder (--purge removes it; else it only empties it)
    data_dir_created: bool = False


def path(prefix: Path) -> Path:
    return prefix / FILE_NAME


def load(prefix: Path) -> State | None:
    """What was installed in ``prefix`` (None: nothing); InstallError naming the file when it
    cannot be read (keys a newer installer added are ignored)."""
    where = path(prefix)
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _unreadable(where, str(exc)) from exc
    if not isinstance(data, dict):
        raise _unreadable(where, "not a JSON object")
    known = {f.name: f for f in fields(State)}
    missing = [n for n, f in known.items() if n not in data and f.default is MISSING]
    if missing:
        raise _unreadable(where, "missing " + ", ".join(missing))
    kinds = {"str": str, "int": int, "bool": bool}
    for name, value in data.items():
        kind = kinds[str(known[name].type)] if name in known else object
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise _unreadable(where, f"{name}: {value!r} is not a {known[name].type}")
    return State(**{k: v for k, v in data.items() if k in known})


def _unreadable(where: Path, why: str) -> InstallError:
    return InstallError(f"the install record {where} cannot be read ({why}): restore it from a "
                        f"backup, or remove that install by hand (its unit, {where.parent})")


def save(prefix: Path, state: State) -> None:
    path(prefix).write_text(json.dumps(asdict(state), indent=2) + "\n", encoding="utf-8")
