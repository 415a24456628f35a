"""``noc-backend``: serve the API, generate or rotate the secrets key, reset a password."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Any

from cryptography.fernet import Fernet

from noc_backend.core.config import Settings
from noc_backend.core.db import DatabaseUrlError
from noc_backend.core.private_files import PRIVATE_UMASK
from noc_contracts import collector
from noc_contracts.operability import configure_logging

logger = logging.getLogger(__name__)

CONFIG_HELP = ("an environment file of NOC_BACKEND_* settings (KEY=value lines); the "
               "environment wins over it")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="noc-backend", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP API (settings from NOC_BACKEND_* env)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    serve.add_argument("--config", metavar="FILE", help=CONFIG_HELP)
    migrate = sub.add_parser("migrate", help="apply the pending database schema steps")
    migrate.add_argument("--config", metavar="FILE", help=CONFIG_HELP)
    check = sub.add_parser("check", help="check the settings, the database and its schema, "
                           "and the schedulers (one line each; exit 0 when all pass)")
    check.add_argument("--config", metavar="FILE", help=CONFIG_HELP)
    sub.add_parser("generate-key", help="print a new key for NOC_BACKEND_SECRETS_KEY")
    rotate = sub.add_parser(
        "rotate-secrets-key", help="re-encrypt every credential with a new key (one "
        "transaction); then restart with it as NOC_BACKEND_SECRETS_KEY")
    source = rotate.add_mutually_exclusive_group(required=True)
    source.add_argument("--new-key", help="the new Fernet key")
    source.add_argument("--new-key-file", help="a file holding the new Fernet key")
    rotate.add_argument("--config", metavar="FILE", help=CONFIG_HELP)
    reset = sub.add_parser(
        "reset-password", help="set a user's password (read from stdin, or --generate) and "
        "revoke their tokens")
    reset.add_argument("--username", required=True)
    reset.add_argument("--generate", action="store_true",
                       help="generate a password and print it on stdout")
    reset.add_argument("--config", metavar="FILE", help=CONFIG_HELP)
    return parser


def _serve(host: str, port: int, config: str | None) -> int:
    import uvicorn
    from peewee import DatabaseError

    from noc_backend.cli_support import CommandRefused, load_settings, refuse
    from noc_backend.main import create_app
    from noc_backend.migrate_cli import migration_failed
    from noc_backend.migrations import MigrationError

    try:
        settings = load_settings(config)
    except CommandRefused:
        return 2
    configure_logging(settings, settings.log_level)
    try:
        app = create_app(settings)
    except DatabaseUrlError as exc:
        refuse(f"NOC_BACKEND_DATABASE_URL: {exc}")
        return 2
    except (MigrationError, DatabaseError) as exc:
        return migration_failed("serve", exc, settings.database_url)
    collector.tune()
    uvicorn.run(app, host=host, port=port, log_level=settings.log_level.lower(),
                log_config=None, **uvicorn_options(settings))
    return 0


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """HTTPS when ``TLS_CERT_FILE`` and ``TLS_KEY_FILE`` are set (the settings want both)."""
    if settings.tls_cert_file is None or settings.tls_key_file is None:
        return {}
    return {"ssl_certfile": str(settings.tls_cert_file),
            "ssl_keyfile": str(settings.tls_key_file)}


def _key_values_joined(argv: list[str]) -> list[str]:
    """``--new-key KEY`` as ``--new-key=KEY``: a Fernet key may start with ``-`` (1 in 64),
    which argparse would take for an option and refuse the key."""
    joined: list[str] = []
    words = iter(argv)
    for word in words:
        value = next(words, None) if word == "--new-key" else None
        joined.append(word if value is None else f"{word}={value}")
    return joined


def main(argv: list[str] | None = None) -> int:
    os.umask(PRIVATE_UMASK)  # first: the database, its side files, anything we write: ours alone
    args = _parser().parse_args(_key_values_joined(sys.argv[1:] if argv is None else argv))
    if args.command == "generate-key":
        print(Fernet.generate_key().decode())
        return 0
    if args.command == "rotate-secrets-key":
        from noc_backend.rotate_cli import rotate

        return rotate(args.new_key, args.new_key_file, args.config)
    if args.command == "reset-password":
        from noc_backend.password_cli import reset

        return reset(args.username, args.generate, args.config)
    if args.command == "check":
        from noc_backend.checks.run import check

        return check(args.config)
    if args.command == "migrate":
        from noc_backend.migrate_cli import migrate

        return migrate(args.config)
    return _serve(args.host, args.port, args.config)


if __name__ == "__main__":
    sys.exit(main())
