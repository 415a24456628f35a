"""``noc-backend``: serve the API, or generate a secrets key."""

from __future__ import annotations

import argparse
import logging
import sys

from cryptography.fernet import Fernet
from pydantic import ValidationError

from noc_backend.core.config import Settings
from noc_backend.core.db import DatabaseUrlError

logger = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="noc-backend", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP API (settings from NOC_BACKEND_* env)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    sub.add_parser("generate-key", help="print a new key for NOC_BACKEND_SECRETS_KEY")
    rotate = sub.add_parser(
        "rotate-secrets-key", help="re-encrypt every credential with a new key (one "
        "transaction); then restart with it as NOC_BACKEND_SECRETS_KEY")
    source = rotate.add_mutually_exclusive_group(required=True)
    source.add_argument("--new-key", help="the new Fernet key")
    source.add_argument("--new-key-file", help="a file holding the new Fernet key")
    return parser


def _serve(host: str, port: int) -> int:
    import uvicorn

    from noc_backend.main import create_app

    try:
        settings = Settings()
    except ValidationError as exc:
        for err in exc.errors():
            print(f"noc-backend: configuration error: {err['msg']}", file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        app = create_app(settings)
    except DatabaseUrlError as exc:
        print(f"noc-backend: NOC_BACKEND_DATABASE_URL: {exc}", file=sys.stderr)
        return 2
    uvicorn.run(app, host=host, port=port, log_level=settings.log_level.lower())
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "generate-key":
        print(Fernet.generate_key().decode())
        return 0
    if args.command == "rotate-secrets-key":
        from noc_backend.rotate_cli import rotate

        return rotate(args.new_key, args.new_key_file)
    return _serve(args.host, args.port)


if __name__ == "__main__":
    sys.exit(main())
