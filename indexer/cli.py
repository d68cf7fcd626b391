"""The `indexer` command: crawl, demo-server and crawl-demo."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from finder.settings import get_settings
from indexer.config import ConfigError, load_sources
from indexer.pipeline import run_crawl
from indexer.progress import make_progress
from indexer.summary import render

log = logging.getLogger("indexer")

EXIT_OK = 0
EXIT_NOTHING_INDEXED = 1
EXIT_BAD_CONFIG = 2
DEMO_SOURCES = Path(__file__).parent / "demo" / "sources.toml"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    code: int = args.handler(args)
    return code


def crawl(sources_file: Path, base_url: str | None, accept_drop: bool = False) -> int:
    settings = get_settings()
    try:
        sources = load_sources(sources_file, settings, base_url)
    except ConfigError as exc:
        log.error("invalid sources file: %s", exc)
        return EXIT_BAD_CONFIG
    result = run_crawl(
        sources, settings, make_progress(), label=str(sources_file), accept_drop=accept_drop
    )
    console = Console(highlight=False)
    render(result.reports, console)
    for line in result.search.lines() if result.search else []:
        console.out(line, highlight=False)
    if not result.indexed:
        log.error("nothing at all could be indexed")
        return EXIT_NOTHING_INDEXED
    if result.search and result.search.failed:
        log.error("nothing could be indexed for search")
        return EXIT_NOTHING_INDEXED
    log.info(
        "indexed %d offers (crawl %.1f s, index %.1f s)",
        result.indexed,
        result.crawl_seconds,
        result.index_seconds,
    )
    return EXIT_OK


def _crawl(args: argparse.Namespace) -> int:
    return crawl(args.sources, args.base_url, args.accept_drop)


def _demo_server(args: argparse.Namespace) -> int:
    from indexer.demo_server import serve_forever

    serve_forever(args.host, args.port)
    return EXIT_OK


def _crawl_demo(args: argparse.Namespace) -> int:
    from indexer.demo_server import running_demo_server

    with running_demo_server() as base_url:
        log.info("demo server at %s", base_url)
        return crawl(args.sources, base_url)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="indexer", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    crawl_cmd = commands.add_parser("crawl", help="crawl the sources into catalogue and index")
    crawl_cmd.add_argument("--sources", type=Path, required=True, help="the sources TOML file")
    crawl_cmd.add_argument(
        "--base-url", help="resolve relative source URLs against this URL instead of the file"
    )
    crawl_cmd.add_argument(
        "--accept-drop",
        action="store_true",
        help="let a source remove more of its offers than FINDER_CRAWL_MAX_DROP allows",
    )
    crawl_cmd.set_defaults(handler=_crawl)

    server = commands.add_parser("demo-server", help="serve the bundled demo sources over HTTP")
    server.add_argument("--host", default="127.0.0.1")
    server.add_argument("--port", type=int, default=8001)
    server.set_defaults(handler=_demo_server)

    demo = commands.add_parser("crawl-demo", help="crawl the demo sources through a demo server")
    demo.add_argument("--sources", type=Path, default=DEMO_SOURCES, help=argparse.SUPPRESS)
    demo.set_defaults(handler=_crawl_demo)
    return parser


if __name__ == "__main__":
    sys.exit(main())
