"""``noc-scheduler``: serve the API (with its workers), or manage the node registry."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from noc_scheduler import nodes
from noc_scheduler.core.config import load_settings
from noc_scheduler.core.errors import ConfigError
from noc_scheduler.models import Node, utcnow

logger = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="noc-scheduler", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the REST API, the queue workers and maintenance")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8701)
    serve.add_argument("--log-level", default="info")
    node = sub.add_parser("nodes", help="the node registry").add_subparsers(
        dest="nodes_command", required=True)
    add = node.add_parser("add", help="register or update a node")
    add.add_argument("--name", required=True)
    add.add_argument("--url", required=True)
    add.add_argument("--token-file", required=True, type=Path)
    node.add_parser("list", help="list registered nodes")
    return parser


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from noc_scheduler.app import create_app

    logging.basicConfig(level=args.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(load_settings())
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def _nodes(args: argparse.Namespace) -> int:
    from noc_scheduler.runtime import Runtime

    rt = Runtime(load_settings())
    rt.create_tables()
    try:
        with rt.db.connection_context():
            if args.nodes_command == "add":
                token = args.token_file.read_text(encoding="utf-8")
                with rt.db.atomic():
                    node = nodes.register(rt.box, args.name, args.url, token)
                print(f"node {node.name} registered at {node.url}")
            else:
                now = utcnow()
                for row in Node.select().order_by(Node.name):
                    i = nodes.info(row, now, rt.settings.node_stale_s)
                    print(f"{i.name}\t{i.url}\t{'healthy' if i.healthy else 'unhealthy'}\t"
                          f"capacity={i.capacity}\tqueue={i.queue_depth}\trunning={i.running}")
    finally:
        rt.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "serve":
            return _serve(args)
        return _nodes(args)
    except ConfigError as exc:
        print(f"noc-scheduler: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"noc-scheduler: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
