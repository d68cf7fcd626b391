"""The sources file: shared keys, each kind's own options, and clear errors for bad entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from finder.models import SourceKind
from finder.settings import Settings
from indexer.config import ConfigError, load_sources
from indexer.sources.base import SourceConfig
from indexer.sources.open_referral import HsdsOptions
from indexer.sources.samenwerkende_catalogi import ScOptions
from indexer.sources.wijkteam_checker import CheckerOptions


def _load(tmp_path: Path, settings: Settings, toml: str) -> list[SourceConfig]:
    path = tmp_path / "sources.toml"
    path.write_text(toml, encoding="utf-8")
    return load_sources(path, settings, base_url="http://127.0.0.1:9/")


def test_each_kind_reads_its_own_options(tmp_path: Path, settings: Settings) -> None:
    sources = _load(
        tmp_path,
        settings,
        """
[[sources]]
kind = "samenwerkende-catalogi"
url = "sc/sru"
page_size = 20
delay = 1.5
[sources.municipality]
name = "Gemeente Voorbeeld"
[[sources.municipality.locations]]
name = "Stadhuis"
hours = ["Mo-Fr 09:00-17:00"]

[[sources]]
name = "kaart"
kind = "open-referral"
url = "https://example.org/hsds"

[[sources]]
kind = "wijkteam-checker"
url = "check?pc={postcode}"
postcodes = ["8011-8013", 8019]
""",
    )
    sc, hsds, checker = sources
    assert (sc.name, sc.kind, sc.url) == (
        "samenwerkende-catalogi-1",
        SourceKind.samenwerkende_catalogi,
        "http://127.0.0.1:9/sc/sru",
    )
    assert isinstance(sc.options, ScOptions) and sc.options.page_size == 20
    assert sc.options.municipality is not None
    assert sc.options.municipality.locations[0].hours == ("Mo-Fr 09:00-17:00",)
    assert sc.limits.delay == 1.5 and hsds.limits.delay == settings.crawl_delay_seconds
    assert isinstance(hsds.options, HsdsOptions) and hsds.options.page_size == 100
    assert isinstance(checker.options, CheckerOptions)
    assert checker.options.postcodes == ("8011", "8012", "8013", "8019")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('kind = "rss"\nurl = "x"', "kind"),
        ('kind = "open-referral"', "url"),
        ('kind = "open-referral"\nurl = "x"\npostcodes = ["8011"]', "postcodes: unknown key"),
        ('kind = "open-referral"\nurl = "x"\npage_size = 0', "page_size"),
        ('kind = "webpages"\nurl = "x"\nmunicipality = {name = "G"}', "municipality: unknown key"),
        ('kind = "samenwerkende-catalogi"\nurl = "x"\nmunicipality = {phone = "1"}', "name"),
        ('kind = "wijkteam-checker"\nurl = "x"\npostcodes = ["8011"]', "{postcode}"),
        ('kind = "wijkteam-checker"\nurl = "x{postcode}"\npostcodes = ["80"]', "not a PC4"),
        ('kind = "wijkteam-checker"\nurl = "x{postcode}"', "postcodes"),
        ('kind = "open-referral"\nurl = "x"\nconcurrency = 0', "concurrency"),
        ('kind = "open-referral"\nurl = "x"\nretries = "many"', "retries"),
    ],
)
def test_bad_entries_are_refused_with_the_key_named(
    tmp_path: Path, settings: Settings, entry: str, message: str
) -> None:
    with pytest.raises(ConfigError, match="source #1") as raised:
        _load(tmp_path, settings, f"[[sources]]\n{entry}\n")
    assert message in str(raised.value)


def test_names_must_be_unique(tmp_path: Path, settings: Settings) -> None:
    entry = '[[sources]]\nname = "a"\nkind = "webpages"\nurl = "x"\n'
    with pytest.raises(ConfigError, match="unique"):
        _load(tmp_path, settings, entry * 2)
