"""``noc-scheduler``: serve the API (with its workers), or manage the node registry."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any

from peewee import DatabaseError

from noc_contracts import collector, format_labels, parse_labels
from noc_contracts.config_file import ConfigFileError, settings_sources
from noc_contracts.operability import configure_logging
from noc_scheduler.core.config import Settings, load_settings
from noc_scheduler.core.errors import ConfigError
from noc_scheduler.migrate_cli import migration_failed
from noc_scheduler.migrations import MigrationError
from noc_scheduler.nodes import registry, removal
from noc_scheduler.store.models import Node, utcnow

logger = logging.getLogger(__name__)

CONFIG_HELP = ("an environment file of NOC_SCHEDULER_* settings (KEY=value lines); the "
               "environment wins over it")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="noc-scheduler", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    # on an installed server the settings are in its config file: every command reads it
    config = argparse.ArgumentParser(add_help=False)
    config.add_argument("--config", metavar="FILE", help=CONFIG_HELP)
    serve = sub.add_parser("serve", help="run the REST API, the queue workers and maintenance",
                           parents=[config])
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8701)
    serve.add_argument("--log-level", default="info")
    sub.add_parser("migrate", help="apply the pending database schema steps", parents=[config])
    sub.add_parser("check", help="check the settings, the database and its schema, the queue "
                   "and the backend (one line each; exit 0 when all pass)", parents=[config])
    node = sub.add_parser("nodes", help="the node registry").add_subparsers(
        dest="nodes_command", required=True)
    add = node.add_parser("add", help="register or update a node", parents=[config])
    add.add_argument("--name", required=True)
    add.add_argument("--url", required=True)
    add.add_argument("--token-file", required=True, type=Path)
    add.add_argument("--capacity", type=int, default=None,
                     help="tasks it is given at once (new node: 4; update: unchanged)")
    add.add_argument("--label", action="append", default=None, metavar="KEY=VALUE",
                     help="a label placement matches (site=rio); repeat for more; "
                          "given: replaces the node's labels, not given: keeps them")
    node.add_parser("list", help="list registered nodes", parents=[config])
    for name, what in (("drain", "take no new work, finish what it runs"),
                       ("resume", "take work again after a drain"),
                       ("remove", "forget the node: its token stops working, its steps end "
                                  "lost")):
        node.add_parser(name, help=what, parents=[config]).add_argument("--name", required=True)
    return parser


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """TLS for the listener when both files are set (CONVENTIONS 3)."""
    if settings.tls_cert_file is None or settings.tls_key_file is None:
        return {}
    return {"ssl_certfile": str(settings.tls_cert_file),
            "ssl_keyfile": str(settings.tls_key_file)}


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from noc_scheduler.app import create_app

    settings = load_settings(**settings_sources(args.config))
    configure_logging(settings, args.log_level)
    try:
        app = create_app(settings)
    except (MigrationError, DatabaseError) as exc:
        return migration_failed("serve", exc, settings.database_url)
    collector.tune()
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level,
                log_config=None, **uvicorn_options(settings))
    return 0


def _list(rt: Any) -> None:
    now = utcnow()
    for row in Node.select().order_by(Node.name):
        i = registry.info(row, now, rt.settings.node_late_s, rt.settings.node_stale_s)
        print(f"{i.name}\t{i.url}\t{i.health.value}\t"
              f"capacity={i.capacity}\tregistered={row.capacity}\tqueue={i.queue_depth}\t"
              f"running={i.running}\t{'draining' if i.draining else 'active'}\t"
              f"labels={format_labels(i.labels) or '-'}")


def _nodes(args: argparse.Namespace) -> int:
    from noc_scheduler.runtime import Runtime

    rt = Runtime(load_settings(**settings_sources(args.config)))
    try:
        rt.create_tables()
        with rt.db.connection_context():
            command = args.nodes_command
            if command == "list":
                _list(rt)
                return 0
            with rt.db.atomic():
                if command == "add":
                    token = args.token_file.read_text(encoding="utf-8")
                    labels = None if args.label is None else parse_labels(args.label)
                    node = registry.register(rt.box, args.name, args.url, token, args.capacity,
                                             labels)
                    print(f"node {node.name} registered at {node.url}, "
                          f"capacity {node.capacity}, "
                          f"labels {format_labels(node.labels) or 'none'}")
                elif command in {"drain", "resume"}:
                    registry.set_draining(args.name, command == "drain")
                    print(f"node {args.name} {'draining' if command == 'drain' else 'active'}")
                else:
                    settled = removal.remove(args.name, utcnow(), rt.settings.kill_grace_s)
                    print(f"node {args.name} removed; {settled} dispatched step(s) ended lost")
    except (MigrationError, DatabaseError) as exc:
        return migration_failed(f"nodes {args.nodes_command}", exc, rt.settings.database_url)
    finally:
        rt.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    os.umask(0o077)  # first: every database, queue and log file we create is ours alone
    args = _parser().parse_args(argv)
    try:
        if args.command == "serve":
            return _serve(args)
        if args.command == "check":
            from noc_scheduler.checks.run import check

            return check(args.config)
        if args.command == "migrate":
            from noc_scheduler.migrate_cli import migrate

            return migrate(args.config)
        return _nodes(args)
    except (ConfigError, ConfigFileError) as exc:
        print(f"noc-scheduler: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"noc-scheduler: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
