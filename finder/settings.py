"""The one settings object. Every field is read from a FINDER_* environment variable."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from cryptography.fernet import Fernet
from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from finder.files import kept_secrets

# Where `scripts/run` serves; the crawler's contact address when FINDER_BASE_URL is empty.
DEVELOPMENT_URL = "http://127.0.0.1:8000"

# Where development and test keep the keys they make for themselves, inside FINDER_DATA_DIR.
DEV_KEYS = "dev-keys.json"
MIN_SECRET = 32


def _fresh_keys() -> dict[str, str]:
    return {
        "secret_key": secrets.token_urlsafe(48),
        "encryption_key": Fernet.generate_key().decode(),
    }


def _valid_fernet(key: str) -> bool:
    try:
        Fernet(key)
    except ValueError:
        return False
    return True


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FINDER_", extra="ignore")

    environment: Literal["development", "test", "production"] = Field(
        "development",
        description="development, test or production; production refuses unsafe defaults",
    )
    data_dir: Path = Field(
        Path("var"), description="Where the SQLite catalogue and the embedded index live"
    )
    database_url: str = Field(
        "",
        description="SQLAlchemy URL; empty means SQLite in FINDER_DATA_DIR (PostgreSQL in production)",
    )

    @field_validator("data_dir", mode="before")
    @classmethod
    def _empty_data_dir_is_the_default(cls, value: object) -> object:
        # FINDER_DATA_DIR= (set but empty) would be the current folder: keys and the catalogue
        # would land wherever a command happens to run.
        return Path("var") if isinstance(value, str) and not value.strip() else value

    search_backend: Literal["embedded", "meilisearch"] = Field(
        "embedded", description="embedded (tantivy on disk) or meilisearch"
    )
    meili_url: str = Field("", description="Meilisearch URL, e.g. http://127.0.0.1:7700")
    meili_key: str = Field(
        "",
        description="Meilisearch admin API key, used by the indexer to build and swap index "
        "generations (see Production for the rights it needs)",
    )
    meili_search_key: str = Field(
        "",
        description="Meilisearch search-only API key, used by the web app; empty means "
        "FINDER_MEILI_KEY",
    )
    meili_index: str = Field(
        "offers",
        description="Name of the live Meilisearch index; each crawl builds a new generation beside it "
        "(NAME__gen_TIME_RANDOM) and swaps it in",
    )
    meili_timeout: float = Field(
        2.0,
        gt=0,
        description="Seconds the web app waits for Meilisearch before it shows the "
        "'search is unavailable' page",
    )
    geocoder: Literal["offline", "pdok"] = Field(
        "offline",
        description="offline (bundled PC4 centroids) or pdok (PDOK Locatieserver, with PC4 fallback)",
    )
    pdok_url: str = Field(
        "https://api.pdok.nl/bzk/locatieserver/search/v3_1",
        description="Base URL of the PDOK Locatieserver",
    )
    municipality_name: str = Field(
        "Gemeente Zwolle", description="Name shown in the general contacts"
    )
    municipality_phone: str = Field("14038", description="General phone number of the municipality")
    library_name: str = Field(
        "Stadkamer",
        description="Name of the library organisation in the catalogue whose helpers search with "
        "residents; shown with its nearest branch among the general contacts; empty hides it",
    )
    secret_key: str = Field(
        "",
        description="Key for CSRF tokens and the keyed hashes that count failed logins; required "
        f"in production (at least {MIN_SECRET} characters); development and test make a random "
        f"one and keep it in FINDER_DATA_DIR/{DEV_KEYS} (mode 0600)",
    )
    encryption_key: str = Field(
        "",
        description="Fernet key for personal data in referrals and the keyed hash that finds one "
        "resident's referrals; required in production; development and test make a random one "
        f"beside the secret key in FINDER_DATA_DIR/{DEV_KEYS}",
    )
    referral_retention_days: int = Field(
        90, description="Days after closing before a referral is purged"
    )
    referral_open_max_days: int = Field(
        365, description="Days after creation before a referral that was never closed is purged"
    )
    public_pc_idle_seconds: int = Field(
        300, description="Idle time after which public-PC mode resets"
    )
    staff_referral_limit: int = Field(
        10, ge=1, description="Referrals one staff session may make in 10 minutes"
    )
    staff_mail_limit: int = Field(
        10,
        ge=1,
        description="E-mails (slips, visitor overviews) one staff session may send in 10 minutes",
    )
    login_max_failures: int = Field(
        5,
        description="Failed logins for one account before each next try waits: 1 second after "
        "the latest failure, doubling per failure, at most a minute",
    )
    login_lockout_seconds: int = Field(
        900,
        description="How long failed logins count; a client address with four times "
        "FINDER_LOGIN_MAX_FAILURES failures in that time is locked out for it",
    )
    base_url: str = Field(
        "",
        description="Public URL used in e-mails and QR codes; empty means the address of the "
        "request itself",
    )
    trusted_proxies: str = Field(
        "",
        description="Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: "
        "comma-separated IP addresses or networks such as 10.0.0.0/8; empty believes none",
    )
    smtp_host: str = Field("", description="SMTP server; empty disables e-mail")
    smtp_port: int = Field(25, description="SMTP port")
    smtp_user: str = Field("", description="SMTP user name")
    smtp_password: str = Field("", description="SMTP password")
    smtp_from: str = Field(
        "noreply@example.invalid", description="Sender address of outgoing e-mail"
    )
    smtp_starttls: bool = Field(False, description="Use STARTTLS for SMTP")
    crawl_user_agent: str = Field(
        "",
        description="User-Agent the crawler sends; empty means StadInVerbinding-indexer/0.1 "
        "with FINDER_BASE_URL/over as the contact address",
    )
    crawl_concurrency_per_host: int = Field(4, description="Concurrent requests per host")
    crawl_delay_seconds: float = Field(0.0, description="Delay between requests to one host")
    crawl_connect_timeout: float = Field(5.0, description="Connect timeout in seconds")
    crawl_read_timeout: float = Field(15.0, description="Read timeout in seconds")
    crawl_max_bytes: int = Field(2_000_000, description="Largest response body the crawler reads")
    crawl_retries: int = Field(3, description="Retries on timeouts and 5xx responses")
    crawl_max_drop: float = Field(
        0.5,
        ge=0.0,
        le=1.0,
        description="Largest share of a source's offers one crawl may remove (0.5 is 50%); "
        "a source that loses more keeps them unless the crawl runs with --accept-drop",
    )
    requests_at_once: int = Field(
        4,
        ge=1,
        le=256,
        description="Requests each worker process works on at once; the others wait their turn "
        "in arrival order",
    )
    page_cache_seconds: float = Field(
        60.0,
        description="How long anonymous search answers and offer pages are cached; 0 turns the "
        "cache off",
    )
    page_cache_max_bytes: int = Field(
        16_000_000,
        ge=0,
        description="Most bytes of answers each worker process keeps in its answer cache",
    )
    stale_after_days: int = Field(
        14,
        ge=1,
        description="Days a source may fail before its offers are flagged to editors and marked "
        "on their pages as not recently checked",
    )
    insights: Literal["on", "off"] = Field(
        "on",
        description="on: count searches per day, need and wijk (never a question, address or "
        "postcode) for the Inzichten page; off: count nothing and hide the page",
    )
    insights_k: int = Field(
        5,
        ge=2,
        description="Words of unanswered questions are kept only when at least this many "
        "searches in one week used them (k-anonymity)",
    )
    bench_page: bool = Field(
        False,
        description="Also serve /bench/bare, a bare Jinja page that scripts/bench compares against",
    )

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.encryption_key and not _valid_fernet(self.encryption_key):
            raise ValueError(
                "FINDER_ENCRYPTION_KEY is not a Fernet key (32 bytes in url-safe base64); make one "
                'with python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())"'
            )
        if self.environment == "production":
            if len(self.secret_key) < MIN_SECRET or self.secret_key.startswith("dev-only"):
                raise ValueError(
                    f"FINDER_SECRET_KEY must be set in production, at least {MIN_SECRET} characters"
                )
            if not self.encryption_key:
                raise ValueError("FINDER_ENCRYPTION_KEY must be set in production")
        elif not (self.secret_key and self.encryption_key):
            # Never a key derived from a public default: anyone could decrypt with it.
            kept = kept_secrets(self.data_dir / DEV_KEYS, _fresh_keys)
            self.secret_key = self.secret_key or kept["secret_key"]
            self.encryption_key = self.encryption_key or kept["encryption_key"]
        if self.search_backend == "meilisearch" and not self.meili_url:
            raise ValueError("FINDER_MEILI_URL is required when FINDER_SEARCH_BACKEND=meilisearch")
        if (
            self.environment == "production"
            and self.search_backend == "meilisearch"
            and not (self.meili_key or self.meili_search_key)
        ):
            raise ValueError(
                "FINDER_MEILI_SEARCH_KEY (web app) or FINDER_MEILI_KEY (indexer) must be set "
                "in production"
            )
        return self

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'catalogue.sqlite3'}"

    @property
    def user_agent(self) -> str:
        """Names the project and where site owners can reach the people running this crawler."""
        contact = f"{(self.base_url or DEVELOPMENT_URL).rstrip('/')}/over"
        return self.crawl_user_agent or f"StadInVerbinding-indexer/0.1 (+{contact})"

    @property
    def secure_cookies(self) -> bool:
        """Cookies are Secure in production or behind an https address, whatever the proxy says."""
        return self.environment == "production" or self.base_url.startswith("https://")

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"


@lru_cache
def get_settings() -> Settings:
    return Settings()


def settings_table() -> str:
    """Every setting as a Markdown table row, for the README (scripts/readme-settings)."""
    rows = ["| Variable | Default | Meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = field.get_default(call_default_factory=True)
        shown = f"`{default}`" if default not in ("", None) else "(empty)"
        rows.append(f"| `FINDER_{name.upper()}` | {shown} | {field.description} |")
    return "\n".join(rows)
