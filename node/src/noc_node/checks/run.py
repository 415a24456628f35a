"""``noc-node check [--config FILE]``: the settings are valid, the data folder is writable (and
its database answers once made), the queue is usable (a SQLite queue's file writable, Redis
answering PING), every scheduler of ``NOC_NODE_SCHEDULER_URL`` answers, and the Ansible
executables the runs start (``ansible``, ``ansible-playbook``) and ansible-runner are found
as a run finds them. One line per check; exit 0 when all pass, 1 when one fails, 2 when the
settings (or the config file) are wrong.
A ``NOC_NODE_*`` name in the config file or the environment that is no setting (the settings
ignore it) fails as ``unknown setting``, naming the closest setting."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from functools import partial
from pathlib import Path

from peewee import PeeweeException, SqliteDatabase

from noc_contracts.checks import CheckFailed, Checklist, checked_settings
from noc_node.checks.peer import check_peer
from noc_node.checks.queue import check_queue
from noc_node.core.config import Settings, tls_verify
from noc_node.core.db import NODE_DB

PREFIX = "NOC_NODE_"
#: what a task run starts (``noc_node.ansible.executor`` puts this interpreter's folder first)
EXECUTABLES = ("ansible", "ansible-playbook")


def _data_dir(settings: Settings) -> str:
    path = settings.data_dir
    existing = path if path.exists() else next((p for p in path.parents if p.exists()),
                                               Path("/"))
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise CheckFailed(f"{PREFIX}DATA_DIR: {existing} is not a folder this user can write")
    database = path / NODE_DB
    if not database.is_file():
        return f"{path} writable (its database is made at the first start)"
    db = SqliteDatabase(str(database), timeout=5)
    try:
        db.connect()
        db.execute_sql("SELECT 1")  # type: ignore[no-untyped-call]
    except PeeweeException as exc:
        raise CheckFailed(f"{PREFIX}DATA_DIR: {database} cannot be read: {exc}") from None
    finally:
        db.close()
    return f"{path} writable, {database.name} answers"


def _ansible() -> str:
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    found = {name: shutil.which(name, path=search) for name in EXECUTABLES}
    missing = [name for name, where in found.items() if where is None]
    if missing:
        raise CheckFailed(f"{', '.join(missing)} not found beside {sys.executable} or on PATH "
                          "(ansible-core must be installed in the node's environment)")
    if importlib.util.find_spec("ansible_runner") is None:
        raise CheckFailed(f"ansible-runner is not installed for {sys.executable}")
    return ", ".join(f"{where}" for where in found.values()) + " and ansible-runner found"


def check(config: str | None, checks: Checklist | None = None) -> int:
    checks = checks or Checklist()
    settings = checked_settings(checks, Settings, PREFIX, Settings.model_fields, config)
    if settings is None:
        return 2
    checks.run("data", partial(_data_dir, settings))
    checks.run("queue", partial(check_queue, settings.queue_url, f"{PREFIX}QUEUE_URL"))
    verify = tls_verify(settings)
    for url in settings.scheduler_urls:
        checks.run("scheduler", partial(check_peer, url, "scheduler", f"{PREFIX}SCHEDULER_URL",
                                        verify))
    checks.run("ansible", _ansible)
    return checks.exit_code()
