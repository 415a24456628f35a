"""The layer's config file, planned: every setting with its comment and value, from the
options, the file already there (kept), the peer layer's tokens, and secrets generated once.
Pure but for the random secrets (``make_secret`` is given)."""

from __future__ import annotations

import base64
import os
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from noc_install import envfile
from noc_install.envfile import Entry
from noc_install.errors import usage
from noc_install.layers import Layer, Setting
from noc_install.options import Options

#: which of the peer's tokens each layer takes (its key -> the peer's key)
PEER_TOKENS = {
    "backend": {"NOC_BACKEND_SCHEDULER_TOKEN": "NOC_SCHEDULER_API_TOKEN",
                "NOC_BACKEND_INTERNAL_TOKEN": "NOC_SCHEDULER_BACKEND_TOKEN"},
    "scheduler": {"NOC_SCHEDULER_API_TOKEN": "NOC_BACKEND_SCHEDULER_TOKEN",
                  "NOC_SCHEDULER_BACKEND_TOKEN": "NOC_BACKEND_INTERNAL_TOKEN"},
}
ADMIN_PASSWORD_ENV = "NOC_INSTALL_ADMIN_PASSWORD"  # noqa: S105 - a variable's name


def fernet_key() -> str:
    """A key in ``Fernet.generate_key()``'s format (32 random bytes, url-safe base64)."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def make_secret(key: str) -> str:
    """A new value for the secret setting ``key``."""
    if key.endswith("SECRETS_KEY"):
        return fernet_key()
    if key.endswith("BOOTSTRAP_ADMIN_PASSWORD"):
        return secrets.token_urlsafe(18)
    return secrets.token_urlsafe(32)


@dataclass
class Plan:
    """The file's text, and what the admin is told about it (never a secret's value)."""

    text: str
    generated: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Where:
    """The resolved places and addresses of this install."""

    data_dir: str
    host: str
    port: int


def _default(setting: Setting, where: Where) -> str:
    return setting.default.replace("{data}", where.data_dir)


def peer_tokens(layer: Layer, peer_text: str, source: str) -> dict[str, str]:
    """The tokens ``layer`` takes from the peer's config file; InstallError naming one that is
    missing."""
    peer = envfile.parse(peer_text)
    taken: dict[str, str] = {}
    for own, theirs in PEER_TOKENS.get(layer.name, {}).items():
        if not peer.get(theirs):
            raise usage(f"--peer-config: {source} does not set {theirs}")
        taken[own] = peer[theirs]
    return taken


def node_url(host: str, port: int) -> str:
    """The URL a node announces when none is given: its listen address, or this machine's
    name when it listens on every address."""
    shown = socket.getfqdn() if host in ("0.0.0.0", "::") else host
    return f"http://[{shown}]:{port}" if ":" in shown else f"http://{shown}:{port}"


def overrides(opts: Options, peer: dict[str, str]) -> dict[str, str]:
    """The settings the command line fixes (they win over the file already there)."""
    layer = opts.layer
    given: dict[str, str | None] = {
        "DATABASE_URL": opts.database_url, "QUEUE_URL": opts.queue_url,
        "SCHEDULER_URL": opts.scheduler_url,
        "BACKEND_URL": opts.backend_url if layer.name == "scheduler" else None,
        "NAME": opts.name, "URL": opts.url,
    }
    names = {s.name for s in layer.settings}
    fixed = {layer.key(k): v for k, v in given.items() if v is not None and k in names}
    fixed.update(peer)
    return fixed


def plan(opts: Options, where: Where, existing: str | None, peer: dict[str, str],
         secret: Callable[[str], str] = make_secret,
         environ: dict[str, str] | None = None) -> Plan:
    """The config file to write. ``existing`` (the file there, or None) keeps its values,
    secrets included; only the command line's settings replace them."""
    layer = opts.layer
    environ = dict(os.environ) if environ is None else environ
    old = envfile.parse(existing) if existing is not None else {}
    fixed = overrides(opts, peer)
    generated: list[str] = []
    entries: list[Entry] = []
    for setting in layer.settings:
        key = layer.key(setting.name)
        value = _default(setting, where)
        if setting.name == "NAME" and layer.name == "node":
            value = socket.gethostname().split(".")[0] or "node"
        if setting.name == "URL" and layer.name == "node":
            value = node_url(where.host, where.port)
        if setting.name == "BOOTSTRAP_ADMIN_PASSWORD":
            if existing is not None:
                continue  # the first start only: never added to a file already there
            value = environ.get(ADMIN_PASSWORD_ENV, "")
            if not value:
                value = secret(key)
                generated.append(key)
        elif setting.name in layer.secrets and not old.get(key) and key not in fixed:
            value = secret(key)
            generated.append(key)
        entries.append(Entry(key, fixed.get(key, value), setting.comment, setting.active))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    if existing is None:
        header = (f"noc-orchestrator {layer.name}: its settings (read by `{layer.command} "
                  f"serve|migrate|check --config <this file>`).\n"
                  f"Written by installers/{layer.name}/install on {stamp}; an upgrade keeps "
                  "every value here\nand only adds settings a newer release needs. Private "
                  "(it holds secrets): 0640 root:<the service's\ngroup> (the service reads "
                  "it, cannot change it), or 0600 when not installed by root.\n"
                  "Every key: installers/README.md.")
        text = envfile.render(header, entries)
        changed: list[str] = []
    else:
        text = envfile.merge(existing, entries, fixed,
                             f"added by installers/{layer.name}/install on {stamp}")
        changed = sorted(k for k, v in fixed.items() if old.get(k) != v)
    return Plan(text=text, generated=[k for k in generated if k not in old],
                changed=changed, values=envfile.parse(text))
