"""Install, upgrade and uninstall one layer: the steps in order, each said as it is done."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from noc_install import (
    accounts,
    checks,
    configfile,
    datadir,
    envfile,
    registration,
    state,
    units,
    venvs,
)
from noc_install.accounts import Account
from noc_install.configfile import Where
from noc_install.errors import InstallError, usage
from noc_install.layers import Layer
from noc_install.options import Options


def say(message: str) -> None:
    print(f"  - {message}", flush=True)


@dataclass(frozen=True)
class Target:
    """Where this install lives, from the options, else what was installed, else defaults."""

    layer: Layer
    prefix: Path
    config: Path
    data_dir: Path
    user: str
    host: str
    port: int
    systemd: bool

    def service(self, account: Account) -> units.Service:
        group = accounts.group_name(account.gid)
        return units.Service(self.layer, self.prefix, self.config, self.data_dir,
                             account.name, group, self.host, self.port)


def prefix_of(opts: Options) -> Path:
    """``--prefix``, else ``/opt/noc/<layer>`` (where the install record is looked for)."""
    return opts.prefix or Path(f"/opt/noc/{opts.layer.name}")


def target(opts: Options, installed: state.State | None) -> Target:
    layer = opts.layer

    def pick(given: object, kept: object, default: object) -> object:
        return given if given is not None else kept if installed is not None else default

    return Target(
        layer=layer, prefix=prefix_of(opts),
        config=Path(str(pick(opts.config, installed and installed.config,
                             f"/etc/noc/{layer.name}.env"))),
        data_dir=Path(str(pick(opts.data_dir, installed and installed.data_dir,
                               f"/var/lib/noc/{layer.name}"))),
        user=str(pick(opts.user, installed and installed.user, layer.user)),
        host=str(pick(opts.host, installed and installed.host, "127.0.0.1")),
        port=int(str(pick(opts.port, installed and installed.port, layer.port))),
        systemd=bool(pick(opts.systemd, installed and installed.systemd, True)))


def _clean_env() -> dict[str, str]:
    """This environment without the layers' settings: the config file is what counts."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("NOC_BACKEND_", "NOC_SCHEDULER_", "NOC_NODE_", "NOC_INSTALL_"))}


def migrate(t: Target, account: Account) -> None:
    """``noc-<layer> migrate --config FILE`` as the service's user, in its data directory."""
    command = [str(t.prefix / "bin" / t.layer.command), "migrate", "--config", str(t.config)]
    done = subprocess.run(command, cwd=t.data_dir, env=_clean_env(), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, umask=0o077,
                          **accounts.as_user(account))  # type: ignore[call-overload]
    output = done.stdout.strip()
    if done.returncode != 0:
        raise InstallError(f"{' '.join(command)} failed (exit {done.returncode}):\n{output}")
    say("database: " + (output.replace("\n", "\n      ") or "migrated"))


def _write_config(t: Target, opts: Options, account: Account, fresh: bool,
                  peer: dict[str, str]) -> configfile.Plan:
    existing = t.config.read_text(encoding="utf-8") if t.config.exists() else None
    if existing is None and not fresh:
        raise InstallError(f"the config file {t.config} is missing: restore it (it holds the "
                           "secrets key) or pass --config with where it is")
    plan = configfile.plan(opts, Where(str(t.data_dir), t.host, t.port), existing, peer)
    if not t.config.parent.exists():
        t.config.parent.mkdir(parents=True, mode=0o755)
    owner = accounts.config_owner(account, os.geteuid())
    envfile.write_private(t.config, plan.text, owner.uid, owner.gid, owner.mode)
    what = "kept (values unchanged)" if existing is not None else "written"
    if existing is not None and plan.changed:
        what = "kept; set from the command line: " + ", ".join(plan.changed)
    say(f"config {t.config} ({owner.describe(account)}): {what}")
    if plan.generated:
        say("generated once (kept on upgrades): " + ", ".join(plan.generated))
    if f"{t.layer.prefix}BOOTSTRAP_ADMIN_PASSWORD" in plan.generated:
        say(f"the first admin password was generated: user admin, password in {t.config} "
            "(NOC_BACKEND_BOOTSTRAP_ADMIN_PASSWORD)")
    return plan


def _registers(t: Target, opts: Options) -> bool:
    return t.layer.name == "node" and opts.register and opts.backend_url is not None


def _register(t: Target, opts: Options, values: dict[str, str], password: str | None) -> None:
    if password is None or opts.backend_url is None:
        if opts.mode == "install":
            say("node not registered (--no-register): see installers/README.md")
        return
    key = t.layer.key
    node = registration.Registration(name=values[key("NAME")], url=values[key("URL")],
                                     token=values[key("TOKEN")], capacity=opts.capacity,
                                     labels=opts.labels)
    try:
        info = registration.register(opts.backend_url, opts.ca_file, opts.admin_user, password,
                                     node)
    except InstallError as exc:
        raise InstallError(f"{exc.message}\nthe node is installed but not registered: run "
                           f"installers/node/install --upgrade --prefix {t.prefix} "
                           f"--backend-url URL once the backend and scheduler answer") from exc
    labels = ",".join(f"{k}={v}" for k, v in sorted(info.get("labels", {}).items())) or "none"
    say(f"registered node {info.get('name')} at {info.get('url')} with the scheduler through "
        f"{opts.backend_url} (capacity {info.get('capacity')}, labels {labels})")


def _code(t: Target, opts: Options, upgrade: bool) -> None:
    """The layer into the venv (made when missing), said with its version."""
    if not (t.prefix / "bin" / "python").exists():
        venvs.create(t.prefix, opts.python)
    venvs.install(t.prefix, t.layer, opts.wheels, upgrade=upgrade)
    done = f"reinstalled in {t.prefix}" if upgrade else f"installed in the venv {t.prefix}"
    say(f"{t.layer.distributions[-1]} {venvs.version(t.prefix, t.layer)} {done}"
        + (f" (offline, from {opts.wheels})" if opts.wheels else ""))


def _start(t: Target, opts: Options, account: Account, plan: configfile.Plan,
           ready: Ready) -> None:
    """The last steps of an install or upgrade: migrate, register the node, the service."""
    migrate(t, account)
    if t.layer.name == "node":
        _register(t, opts, plan.values, ready.password)
    service = t.service(account)
    if t.systemd:
        path = units.install(service)
        say(f"systemd unit {path} enabled and started ({t.host}:{t.port})")
    else:
        say(f"no systemd unit (--no-systemd); start it as {account.name} in {t.data_dir} with:\n"
            f"      {' '.join(service.command)}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Ready:
    """What the checks before any change found or read: the peer's tokens, the admin's
    password (when the node is registered), how the data folder is used."""

    peer: dict[str, str]
    password: str | None
    data: datadir.Use


def _ready(t: Target, opts: Options, installed: state.State | None, new_venv: bool) -> Ready:
    """Everything a later step needs, checked before anything on the machine changes (so a
    refusal leaves the machine as it was): places, the config's folder, the data folder, the
    Python, the peer's tokens, the admin's password."""
    checks.places(t.prefix, t.config, t.data_dir)
    checks.config_folder(t.config, os.geteuid())
    here = installed is not None and Path(installed.data_dir) == t.data_dir
    data = datadir.judge(t.data_dir, t.layer.name, installed_here=here,
                         created_before=bool(installed and installed.data_dir_created))
    if new_venv:
        checks.python(opts.python or sys.executable)
    peer = checks.peer_tokens(t.layer, opts.peer_config)
    password = registration.admin_password(dict(os.environ)) if _registers(t, opts) else None
    return Ready(peer, password, data)


def _data_dir(t: Target, account: Account, data: datadir.Use) -> None:
    accounts.private_dir(t.data_dir, account)
    datadir.mark(t.data_dir, t.layer.name, data)
    how = "made by the installer" if data.created else "there before the install, used"
    say(f"data directory {t.data_dir} (0700, owner {account.name}): {how}")


def install(opts: Options) -> None:
    installed = state.load(prefix_of(opts))
    t = target(opts, None)
    if installed is not None:
        raise usage(f"{t.layer.name} is already installed in {t.prefix}: use --upgrade (or "
                    "--uninstall first)")
    if t.prefix.exists() and any(t.prefix.iterdir()):
        raise usage(f"--prefix: {t.prefix} exists and is not empty")
    ready = _ready(t, opts, None, new_venv=True)
    print(f"installing the noc-orchestrator {t.layer.name} into {t.prefix}", flush=True)
    account, created = accounts.ensure(t.user, t.data_dir)
    say(f"system user {account.name} " + ("created" if created else "exists, used"))
    _data_dir(t, account, ready.data)
    _code(t, opts, upgrade=False)
    plan = _write_config(t, opts, account, fresh=True, peer=ready.peer)
    state.save(t.prefix, state.State(
        layer=t.layer.name, config=str(t.config), data_dir=str(t.data_dir), user=account.name,
        user_created=created, host=t.host, port=t.port, systemd=t.systemd,
        unit=t.service(account).name, installed_at=_now(), data_dir_created=ready.data.created))
    _start(t, opts, account, plan, ready)
    print(f"done: the {t.layer.name} is installed", flush=True)


def upgrade(opts: Options) -> None:
    prefix = prefix_of(opts)
    installed = state.load(prefix)
    if installed is None:
        raise usage(f"nothing installed in {prefix} (no {state.FILE_NAME}): install first, or "
                    "pass the --prefix it was installed with")
    t = target(opts, installed)
    new_venv = not (t.prefix / "bin" / "python").exists()
    ready = _ready(t, opts, installed, new_venv)
    account = accounts.lookup(t.user)
    if account is None:
        raise InstallError(f"the user {t.user} is gone: reinstall, or pass --user")
    print(f"upgrading the noc-orchestrator {t.layer.name} in {t.prefix}", flush=True)
    if installed.systemd:
        units.stop(installed.unit)
        say(f"stopped {installed.unit}")
    _code(t, opts, upgrade=True)
    _data_dir(t, account, ready.data)
    plan = _write_config(t, opts, account, fresh=False, peer=ready.peer)
    installed.upgraded_at = _now()
    installed.config, installed.data_dir, installed.user = str(t.config), str(t.data_dir), t.user
    installed.host, installed.port, installed.systemd = t.host, t.port, t.systemd
    installed.data_dir_created = ready.data.created
    state.save(t.prefix, installed)
    _start(t, opts, account, plan, ready)
    print(f"done: the {t.layer.name} is upgraded; data and config kept", flush=True)


def uninstall(opts: Options) -> None:
    prefix = prefix_of(opts)
    installed = state.load(prefix)
    if installed is None:
        raise usage(f"nothing installed in {prefix} (no {state.FILE_NAME}); pass the --prefix "
                    "it was installed with")
    t = target(opts, installed)
    if not opts.purge:
        checks.places(t.prefix, t.config, t.data_dir)  # removing the prefix must keep them
    print(f"uninstalling the noc-orchestrator {t.layer.name} from {t.prefix}", flush=True)
    if installed.systemd and units.remove(installed.unit):
        say(f"systemd unit {installed.unit} stopped, disabled and removed")
    shutil.rmtree(t.prefix)
    say(f"code removed ({t.prefix})")
    if opts.purge:
        t.config.unlink(missing_ok=True)
        say(f"purged: config {t.config} removed; "
            + datadir.purge(t.data_dir, datadir.Use(installed.data_dir_created)))
        if installed.user_created:
            accounts.remove(installed.user)
            say(f"system user {installed.user} removed")
        if t.layer.name == "node":
            say("the scheduler still lists this node: remove it with DELETE /api/v1/nodes/"
                "<name> or the desktop's Nodes page")
    else:
        say(f"kept: config {t.config} and data {t.data_dir} (--purge removes them)")
    print(f"done: the {t.layer.name} is uninstalled", flush=True)
