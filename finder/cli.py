"""The `finder` command."""

from __future__ import annotations

import argparse
import logging
import os

from finder import server
from finder.settings import get_settings
from finder.staff.cli import register as register_staff_commands


def _serve(args: argparse.Namespace) -> int:
    # Unsafe production settings stop the server here, once, before any worker starts.
    get_settings()
    server.serve(args.host, args.port, args.workers)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="finder", description="Stad in verbinding: the web app")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the web app and JSON API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.add_argument(
        "--workers",
        type=int,
        default=server.default_workers(),
        help="worker processes (default: one per core, %(default)s here)",
    )
    serve.set_defaults(func=_serve)
    register_staff_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
