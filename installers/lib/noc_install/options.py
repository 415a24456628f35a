"""The installers' command line: one parser per layer, checked into ``Options`` before anything
on the machine changes. Every refusal names the option."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from noc_install.errors import usage
from noc_install.layers import Layer

USER_NAME = re.compile(r"[a-z_][a-z0-9_-]{0,31}")
NODE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
HOST = re.compile(r"[A-Za-z0-9.:-]{1,253}")  # a name, IPv4 or IPv6
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
LABEL_PART = re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?")
MAX_LABELS = 32  # noc_contracts.nodes.MAX_LABELS: the backend refuses more at the registration

EPILOG = ("The admin password the node is registered with (and the backend's first admin\n"
          "password) comes from NOC_INSTALL_ADMIN_PASSWORD, or a prompt; never the command line.\n"
          "See installers/README.md.")


@dataclass
class Options:
    """What the admin asked for. ``None``: not given (an upgrade keeps what was installed)."""

    layer: Layer
    mode: str  # install | upgrade | uninstall
    purge: bool = False
    prefix: Path | None = None
    config: Path | None = None
    data_dir: Path | None = None
    user: str | None = None
    systemd: bool | None = None  # None: a unit (install), as installed (upgrade)
    host: str | None = None
    port: int | None = None
    wheels: Path | None = None
    python: str | None = None
    peer_config: Path | None = None
    database_url: str | None = None
    queue_url: str | None = None
    scheduler_url: str | None = None
    backend_url: str | None = None
    # the node only
    name: str | None = None
    url: str | None = None
    capacity: int | None = None
    labels: dict[str, str] = field(default_factory=dict)
    admin_user: str = "admin"
    register: bool = True
    ca_file: Path | None = None


def parser(layer: Layer) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"installers/{layer.name}/install", formatter_class=argparse.RawTextHelpFormatter,
        description=f"Install noc-orchestrator's {layer.name} ({layer.description}) on this "
                    "server:\na venv under --prefix, a config file, a systemd unit, the "
                    "database migrated.", epilog=EPILOG)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--upgrade", action="store_true",
                      help="reinstall the code and run migrations; keep data and config")
    mode.add_argument("--uninstall", action="store_true",
                      help="remove the code and the unit; keep data and config")
    p.add_argument("--purge", action="store_true",
                   help="with --uninstall: remove the config and what the installer made\n"
                        "(the data folder, or its contents when it was given an empty one;\n"
                        "the user when it created it)")
    p.add_argument("--prefix", type=Path, help=f"where the venv goes (/opt/noc/{layer.name})")
    p.add_argument("--config", type=Path,
                   help=f"the config file (/etc/noc/{layer.name}.env)")
    p.add_argument("--data-dir", type=Path,
                   help=f"databases, queues and files (/var/lib/noc/{layer.name})")
    p.add_argument("--user", help=f"the system user the service runs as ({layer.user}; "
                                  "created when missing)")
    p.add_argument("--no-systemd", dest="systemd", action="store_const", const=False,
                   default=None, help="no unit (containers, tests): start it yourself "
                                      "(an upgrade keeps what the install chose)")
    p.add_argument("--host", help="the address it listens on (127.0.0.1; 0.0.0.0: all)")
    p.add_argument("--port", type=int, help=f"the port it listens on ({layer.port})")
    p.add_argument("--wheels", type=Path,
                   help="install offline from this folder of wheels (installers/build-wheels)")
    p.add_argument("--python", help="the Python the venv is made with (this one)")
    if layer.name in ("backend", "scheduler"):
        peer = "scheduler" if layer.name == "backend" else "backend"
        p.add_argument("--peer-config", type=Path, help=(
            f"the {peer}'s config file (or a copy of its token lines): the two tokens the "
            f"layers share are taken from it"))
        p.add_argument("--database-url", help="the database (default: SQLite in --data-dir)")
    if layer.name in ("scheduler", "node"):
        p.add_argument("--queue-url", help="the queue (default: SQLite in --data-dir)")
    if layer.name in ("backend", "node"):
        p.add_argument("--scheduler-url", help="the scheduler's URL (http://127.0.0.1:8701)")
    if layer.name == "scheduler":
        p.add_argument("--backend-url", help="the backend's URL (http://127.0.0.1:8700)")
    if layer.name == "node":
        p.add_argument("--name", help="the node's name (this machine's short host name)")
        p.add_argument("--url", help="where the scheduler reaches this node "
                                     "(http://<host>:<port>)")
        p.add_argument("--backend-url",
                       help="register the node through this backend (an admin's login)")
        p.add_argument("--admin-user", default="admin", help="the admin who registers it")
        p.add_argument("--capacity", type=int, help="tasks it is given at once (scheduler: 4)")
        p.add_argument("--label", action="append", default=[], metavar="KEY=VALUE",
                       help="a label placement matches (site=rio); repeat for more")
        p.add_argument("--no-register", dest="register", action="store_false", default=True,
                       help="do not register the node (do it later: see installers/README.md)")
        p.add_argument("--ca-file", type=Path,
                       help="the CA bundle to verify an https --backend-url with")
    return p


def _url(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    urls = [u.strip().rstrip("/") for u in value.split(",") if u.strip()]
    if not urls:
        raise usage(f"{option}: give an http(s) URL")
    for url in urls:
        try:
            parts = urlsplit(url)
            ok = parts.scheme in ("http", "https") and bool(parts.hostname) and (
                parts.port is None or parts.port > 0)
        except ValueError:
            ok = False
        if not ok:
            raise usage(f"{option}: {url!r} is not an http(s) URL with a host")
    return ",".join(urls)


def _absolute(path: Path | None, option: str) -> Path | None:
    """An absolute path with no control character (it goes into the systemd unit, where a line
    break would start another directive)."""
    if path is not None and CONTROL.search(str(path)):
        raise usage(f"{option}: a path with a control character (a line break, a tab...) "
                    f"is refused: {str(path)!r}")
    if path is not None and not path.is_absolute():
        raise usage(f"{option}: give an absolute path (got {path})")
    return path


def _prefix(path: Path | None) -> Path | None:
    if path is not None and any(c in str(path) for c in "\"'\\"):
        raise usage(f"--prefix: {str(path)!r}: a quote or a backslash in the path (systemd "
                    "cannot start a program whose path holds one)")
    return _absolute(path, "--prefix")


def _labels(words: list[str]) -> dict[str, str]:
    if len(words) > MAX_LABELS:
        raise usage(f"--label: at most {MAX_LABELS} labels")
    labels: dict[str, str] = {}
    for word in words:
        key, sep, value = word.partition("=")
        if not sep or not LABEL_PART.fullmatch(key) or not (
                value == "" or LABEL_PART.fullmatch(value)):
            raise usage(f"--label {word!r}: write key=value (letters, digits, '.', '_', '-')")
        if key in labels:
            raise usage(f"--label: {key} given twice")
        labels[key] = value
    return labels


def _store_url(value: str | None, option: str, schemes: tuple[str, ...]) -> str | None:
    if value is not None and urlsplit(value).scheme not in schemes:
        raise usage(f"{option}: expected a URL starting with "
                    + " or ".join(f"{s}://" for s in schemes))
    return value


def check(layer: Layer, args: argparse.Namespace) -> Options:
    """``args`` as ``Options``; InstallError (status 2) naming the first bad option."""
    mode = "upgrade" if args.upgrade else "uninstall" if args.uninstall else "install"
    if args.purge and mode != "uninstall":
        raise usage("--purge goes with --uninstall")
    if args.user is not None and not USER_NAME.fullmatch(args.user):
        raise usage(f"--user: {args.user!r} is not a user name (lower case, digits, '_', '-')")
    if args.port is not None and not 1 <= args.port <= 65535:
        raise usage(f"--port: {args.port} is not a port (1-65535)")
    if args.host is not None and not HOST.fullmatch(args.host):
        raise usage(f"--host: {args.host!r} is not an address or host name")
    if args.wheels is not None and not args.wheels.is_dir():
        raise usage(f"--wheels: {args.wheels} is not a folder")
    opts = Options(
        layer=layer, mode=mode, purge=args.purge,
        prefix=_prefix(args.prefix), config=_absolute(args.config, "--config"),
        data_dir=_absolute(args.data_dir, "--data-dir"), user=args.user,
        systemd=args.systemd, host=args.host, port=args.port,
        wheels=args.wheels.resolve() if args.wheels else None, python=args.python)
    peer = getattr(args, "peer_config", None)
    if peer is not None and not peer.is_file():
        raise usage(f"--peer-config: {peer} is not a file")
    opts.peer_config = peer
    opts.database_url = _store_url(getattr(args, "database_url", None), "--database-url",
                                   ("sqlite", "postgresql", "postgres"))
    opts.queue_url = _store_url(getattr(args, "queue_url", None), "--queue-url",
                                ("sqlite", "redis", "rediss"))
    opts.scheduler_url = _url(getattr(args, "scheduler_url", None), "--scheduler-url")
    opts.backend_url = _url(getattr(args, "backend_url", None), "--backend-url")
    if layer.name == "node":
        _node(opts, args)
    return opts


def _node(opts: Options, args: argparse.Namespace) -> None:
    if args.name is not None and not NODE_NAME.fullmatch(args.name):
        raise usage(f"--name: {args.name!r}: letters, digits, '.', '_' or '-' (at most 100)")
    if args.capacity is not None and not 1 <= args.capacity <= 10_000:
        raise usage(f"--capacity: {args.capacity} must be between 1 and 10000")
    if args.backend_url is not None and "," in args.backend_url:
        raise usage("--backend-url: one URL")
    if args.ca_file is not None and not args.ca_file.is_file():
        raise usage(f"--ca-file: {args.ca_file} is not a file")
    opts.name, opts.capacity, opts.ca_file = args.name, args.capacity, args.ca_file
    opts.url = _url(args.url, "--url")
    if opts.url is not None and "," in opts.url:
        raise usage("--url: one URL")
    opts.labels = _labels(args.label)
    opts.admin_user, opts.register = args.admin_user, args.register
    if opts.mode == "install" and opts.register and opts.backend_url is None:
        raise usage("--backend-url is needed to register the node (or --no-register)")


def parse(layer: Layer, argv: list[str]) -> Options:
    return check(layer, parser(layer).parse_args(argv))
