"""The `finder` command."""

from __future__ import annotations

import argparse
import logging
import os

import uvicorn

from finder.staff.cli import register as register_staff_commands


def _serve(args: argparse.Namespace) -> int:
    uvicorn.run(
        "finder.asgi:app",
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="info",
        proxy_headers=True,
        server_header=False,
        # Access logs would keep residents' questions, postcodes and IP addresses: we keep none.
        access_log=False,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="finder", description="Stad in verbinding: the web app")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the web app and JSON API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.add_argument("--workers", type=int, default=1, help="worker processes")
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
