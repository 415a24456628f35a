"""``noc-node serve``: API, Huey workers, result sender and heartbeat in one process."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Any

import uvicorn
from peewee import DatabaseError
from pydantic import ValidationError

from noc_contracts import collector
from noc_contracts.config_file import ConfigFileError, settings_sources
from noc_contracts.operability import configure_logging
from noc_node.app import create_app
from noc_node.core.config import Settings
from noc_node.core.db import NODE_DB
from noc_node.migrate_cli import migration_failed
from noc_node.migrations import MigrationError

logger = logging.getLogger(__name__)

CONFIG_HELP = ("an environment file of NOC_NODE_* settings (KEY=value lines); the environment "
               "wins over it")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="noc-node", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the node (configured by NOC_NODE_* env vars)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8702)
    serve.add_argument("--config", metavar="FILE", help=CONFIG_HELP)
    migrate = commands.add_parser("migrate", help="apply the pending schema steps of the "
                                  "node's database")
    migrate.add_argument("--config", metavar="FILE", help=CONFIG_HELP)
    check = commands.add_parser("check", help="check the settings, the data folder, the queue, "
                                "the schedulers and Ansible (one line each; exit 0 when all "
                                "pass)")
    check.add_argument("--config", metavar="FILE", help=CONFIG_HELP)
    return parser


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """TLS for the listener when NOC_NODE_TLS_CERT_FILE and NOC_NODE_TLS_KEY_FILE are set."""
    if settings.tls_cert_file is None or settings.tls_key_file is None:
        return {}
    return {"ssl_certfile": str(settings.tls_cert_file),
            "ssl_keyfile": str(settings.tls_key_file)}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        from noc_node.checks.run import check

        return check(args.config)
    try:
        settings = Settings(**settings_sources(args.config))
    except ConfigFileError as exc:
        print(f"noc-node: {exc}", file=sys.stderr)
        return 2
    except ValidationError as exc:
        names = ", ".join("NOC_NODE_" + str(e["loc"][0]).upper() for e in exc.errors() if e["loc"])
        print(f"noc-node: invalid or missing configuration: {names}", file=sys.stderr)
        return 2
    if args.command == "migrate":
        from noc_node.migrate_cli import migrate

        return migrate(settings)
    # ansible-runner hands a copy of this process's environment to every run (and writes it
    # into the run's artifacts): the node's token and notification secrets must not be in it.
    for name in [n for n in os.environ if n.startswith("NOC_NODE_")]:
        del os.environ[name]
    configure_logging(settings, settings.log_level)
    try:
        app = create_app(settings)
    except (MigrationError, DatabaseError) as exc:
        return migration_failed("serve", exc, settings.data_dir / NODE_DB)
    # uvicorn handles SIGINT/SIGTERM; the app lifespan then stops workers and threads
    collector.tune()
    uvicorn.run(app, host=args.host, port=args.port, log_level=settings.log_level.lower(),
                log_config=None, **uvicorn_options(settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
