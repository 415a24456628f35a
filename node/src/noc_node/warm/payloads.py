"""Module payloads built once per warm worker instead of once per run.

Ansible builds a module's AnsiballZ payload (the module and every ``module_utils`` file it
imports, found by parsing them) the first time a run uses the module, and caches it in the
run's own local temp dir: with one run per step, every step paid for it again (about a fifth
of a small run's CPU). The warm worker keeps one cache for its whole life, in its own 0700
work dir, emptied when it starts (so an upgraded Ansible or module never meets an old
payload); every run it forks links its local temp dir's cache entry to it, and right after
``ready`` a forked helper builds the payloads of the catalogue's modules, so even a first step
finds its payload built, with the node's bytecode beside its sources unless the node's
``module_bytecode`` setting is off (``noc_node.warm.bytecode``). A payload holds module code
only: a run's arguments and variables are added outside the cache, per task, as before.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path

#: the name Ansible gives the cache inside its local temp dir
CACHE_NAME = "ansiballz_cache"
#: where the warm worker keeps it, under its own work dir
ROOM = "payloads"
#: where the helper has Ansible build payloads before they enter the cache, under the room
SCRATCH = "building"
#: how much lower than the warm worker's the helper's CPU priority is: building ahead must never
#: slow the live runs of a node just started (on a busy node it finishes once they leave it
#: the CPU; a run needing a payload not yet built builds it itself, as before)
HELPER_NICENESS = 10
#: modules the catalogue's action plugins run besides their own: ``copy`` checks with ``stat``,
#: ``package`` and ``service`` gather the host's manager with ``setup`` and then run its module
HELPERS = ("ansible.builtin.stat", "ansible.builtin.setup", "ansible.builtin.apt",
           "ansible.builtin.dnf", "ansible.builtin.systemd_service")


def fresh_cache(work_dir: Path) -> Path:
    """The warm worker's empty cache dir (0700), whatever a previous worker left there."""
    room = work_dir / ROOM
    shutil.rmtree(room, ignore_errors=True)
    room.mkdir(mode=0o700)
    cache = room / CACHE_NAME
    cache.mkdir(mode=0o700)
    return cache


def link_run(cache: Path) -> None:
    """Point this run's payload cache at the warm worker's (after the run's settings are
    resolved: Ansible made the run's local temp dir then)."""
    from ansible import constants

    entry = Path(constants.DEFAULT_LOCAL_TMP) / CACHE_NAME
    with contextlib.suppress(FileExistsError):
        entry.symlink_to(cache, target_is_directory=True)


def catalogue_modules() -> list[str]:
    """The Ansible modules the node's task types run (action-only ones included: a name
    that is no module is skipped when building)."""
    from noc_contracts import CATALOGUE

    return sorted({spec.module for spec in CATALOGUE.values()} | set(HELPERS))


def build(cache: Path, modules: Iterable[str], bytecode: bool = True) -> list[str]:
    """Build the payloads of ``modules`` into ``cache`` (in a process of its own: this points
    Ansible's local temp dir elsewhere); the modules built or found built. With ``bytecode``
    each carries the node's bytecode beside its sources (``noc_node.warm.bytecode``).

    Ansible builds each in a scratch dir, and it enters the cache whole, once: a run never
    meets a payload without its bytecode once the helper has passed it."""
    from ansible import constants
    from ansible.executor.module_common import modify_module
    from ansible.parsing.dataloader import DataLoader
    from ansible.plugins.loader import module_loader
    from ansible.template import Templar

    scratch = cache.parent / SCRATCH
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(mode=0o700)
    constants.DEFAULT_LOCAL_TMP = str(scratch)
    templar = Templar(loader=DataLoader())
    compression = constants.config.get_config_value("DEFAULT_MODULE_COMPRESSION")
    compiled: dict[tuple[str, bytes], bytes | None] | None = {} if bytecode else None
    built = []
    for name in modules:
        found = module_loader.find_plugin_with_context(name, mod_type=".py")
        if not found.resolved or not found.plugin_resolved_path:
            continue
        # a payload not built here is built by the first run that needs it, as before
        with contextlib.suppress(Exception):
            modify_module(module_name=name, module_path=found.plugin_resolved_path,
                          module_args={}, templar=templar,
                          task_vars={"ansible_python_interpreter": "/usr/bin/python3"},
                          module_compression=compression)
            built.append(name)
        for entry in sorted((scratch / CACHE_NAME).glob("*")):
            if not entry.name.endswith((".lock", "-part", ".bytecode")):
                publish(entry, cache, compiled)
    shutil.rmtree(scratch, ignore_errors=True)
    return built


def publish(entry: Path, cache: Path, compiled: dict[tuple[str, bytes], bytes | None] | None
            ) -> None:
    """Move a payload built in the scratch dir into ``cache``, renamed in whole; with
    ``compiled`` (bytecode on), add the bytecode first, replacing one a run built meanwhile.

    Written in the scratch dir and renamed: never through the cache's ``-part`` file, which a
    run building the same payload may be writing."""
    from ansible._internal import _locking

    target = cache / entry.name
    if compiled is not None and (done := _with_bytecode(entry, compiled)) is not None:
        # under the lock a run takes to build this payload: one building it now finishes first
        # (and is replaced), one coming after finds it built
        with _locking.named_mutex(f"{target}.lock"):
            done.replace(target)
        entry.unlink(missing_ok=True)
        return
    if target.exists():
        entry.unlink()  # a run built it meanwhile: the same payload, and runs may be reading it
    else:
        entry.replace(target)


def _with_bytecode(entry: Path, compiled: dict[tuple[str, bytes], bytes | None]
                   ) -> Path | None:
    """The payload of ``entry`` with bytecode, written beside it; None when it has bytecode
    already or this Ansible's cache is not the one we know (its payload is used as it is)."""
    from ansible.executor.module_common import _CachedModule

    from noc_node.warm.bytecode import with_bytecode

    try:
        cached = _CachedModule.load(str(entry))
        zip_data = with_bytecode(cached.zip_data, compiled)
        if zip_data is None:
            return None
        done = entry.with_name(f"{entry.name}.bytecode")
        dataclasses.replace(cached, zip_data=zip_data).dump(str(done))
    except (AttributeError, TypeError, ValueError, EOFError, OSError, pickle.UnpicklingError,
            zipfile.BadZipFile):
        return None
    return done


def build_in_child(cache: Path, close: list[int], bytecode: bool = True) -> int:
    """Fork a process that builds the catalogue's payloads and exits, at a lower CPU priority
    than the runs (``HELPER_NICENESS``); its pid (the warm worker reaps it like a run). It dies
    with the worker."""
    parent = os.getpid()
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        from noc_node.warm.child import die_with_parent
        from noc_node.warm.title import set_title

        die_with_parent(parent)
        with contextlib.suppress(OSError):
            os.nice(HELPER_NICENESS)
        # our own name: the worker's would make two "warm workers" for whoever looks
        with contextlib.suppress(OSError):
            set_title(["noc-node-warm-payloads", str(cache)])
        for fd in close:
            with contextlib.suppress(OSError):
                os.close(fd)
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
            os.dup2(null.fileno(), 2)
        build(cache, catalogue_modules(), bytecode)
        code = 0
    finally:
        os._exit(code)
