"""PdokGeocoder against a real HTTP server on 127.0.0.1 serving recorded PDOK answers."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from finder.geo import OfflineGeocoder, PdokGeocoder, Point, get_geocoder
from finder.settings import Settings

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pdok"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@contextmanager
def pdok_server(
    body: bytes = b"", status: int = 200, stall: bool = False
) -> Iterator[tuple[str, list[dict[str, list[str]]]]]:
    """A local stand-in for the Locatieserver; yields its base URL and the queries it got."""
    queries: list[dict[str, list[str]]] = []
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            queries.append({"path": [url.path], **parse_qs(url.query)})
            if stall:
                release.wait(10)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                return

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/bzk/locatieserver/search/v3_1", queries
    finally:
        release.set()
        server.shutdown()
        server.server_close()


@contextmanager
def geocoder(base_url: str, timeout: float = 3.0) -> Iterator[PdokGeocoder]:
    with PdokGeocoder(base_url, timeout=timeout) as pdok:
        yield pdok


def offline(postcode: str) -> Point | None:
    return OfflineGeocoder().locate(postcode)


def test_postcode_answer_is_read_lon_first() -> None:
    with pdok_server(fixture("free-postcode-1118CP.json")) as (url, queries), geocoder(url) as g:
        point = g.locate("1118 cp")
    assert point is not None
    assert point.lat == pytest.approx(52.3031994)
    assert point.lon == pytest.approx(4.74654356)
    (query,) = queries
    assert query["path"] == ["/bzk/locatieserver/search/v3_1/free"]
    assert query["q"] == ["postcode:1118CP"]
    assert query["fq"] == ["type:postcode"]
    assert query["rows"] == ["1"]


def test_repeated_lookup_does_not_ask_again() -> None:
    with pdok_server(fixture("free-postcode-1118CP.json")) as (url, queries), geocoder(url) as g:
        assert g.locate("1118CP") == g.locate("1118CP")
    assert len(queries) == 1


def test_pc4_uses_the_offline_table_without_asking() -> None:
    with pdok_server(fixture("free-postcode-1118CP.json")) as (url, queries), geocoder(url) as g:
        assert g.locate("8017") == offline("8017")
        assert g.locate("nonsense") is None
    assert queries == []


def test_no_result_falls_back_to_pc4_centroid() -> None:
    with pdok_server(fixture("free-no-result.json")) as (url, _queries), geocoder(url) as g:
        assert g.locate("8017AB") == offline("8017")
        assert g.locate("1118CP") is None


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (500, b"Internal Server Error"),
        (400, fixture("v3_1-error-400.json")),
        (200, b'{"response": {"docs": [{"centroide_ll": '),
        (200, b'{"response": {"docs": [{"centroide_ll": "POINT(nonsense)"}]}}'),
        (200, b"[]"),
    ],
)
def test_failures_fall_back_with_a_warning(
    status: int, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="finder.geo.pdok")
    with pdok_server(body, status=status) as (url, _queries), geocoder(url) as g:
        assert g.locate("8017 AB") == offline("8017")
    assert any(record.levelno == logging.WARNING for record in caplog.records)


def test_server_that_does_not_answer_in_time() -> None:
    stalled = pdok_server(fixture("free-postcode-1118CP.json"), stall=True)
    with stalled as (url, queries), geocoder(url, timeout=0.3) as g:
        assert g.locate("8017AB") == offline("8017")
    assert len(queries) == 1


def test_unreachable_server_falls_back() -> None:
    with pdok_server() as (url, _queries):
        pass  # the server is closed again, so its port refuses connections
    with geocoder(url) as g:
        assert g.locate("8043AA") == offline("8043")


def test_address_lookup() -> None:
    with pdok_server(fixture("free-adres-1118CP-202.json")) as (url, queries), geocoder(url) as g:
        point = g.geocode_address("Evert van de Beekstraat", 202, "1118CP")
    assert point == Point(lat=52.30389723, lon=4.74790756)
    assert queries[0]["fq"] == ["type:adres"]
    assert "202" in queries[0]["q"][0]


def test_address_lookup_falls_back_to_the_postcode() -> None:
    with pdok_server(b"oops", status=500) as (url, _queries), geocoder(url) as g:
        assert g.geocode_address("Grote Markt", "1", "8011 AB") == offline("8011")
        assert g.geocode_address("Grote Markt", "1", "not a postcode") is None


def test_get_geocoder_follows_settings() -> None:
    offline_settings = Settings.model_validate({"geocoder": "offline"})
    assert isinstance(get_geocoder(offline_settings), OfflineGeocoder)
    pdok_settings = Settings.model_validate(
        {"geocoder": "pdok", "pdok_url": "http://127.0.0.1:9/v3"}
    )
    pdok = get_geocoder(pdok_settings)
    assert isinstance(pdok, PdokGeocoder)
    # Shared, so its HTTP client and answer cache serve every search.
    assert get_geocoder(pdok_settings) is pdok
