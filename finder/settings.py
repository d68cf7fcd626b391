"""The one settings object. Every field is read from a FINDER_* environment variable."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


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
    search_backend: Literal["embedded", "meilisearch"] = Field(
        "embedded", description="embedded (tantivy on disk) or meilisearch"
    )
    meili_url: str = Field("", description="Meilisearch URL, e.g. http://127.0.0.1:7700")
    meili_key: str = Field("", description="Meilisearch API key")
    meili_index: str = Field("offers", description="Name of the live Meilisearch index")
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
    secret_key: str = Field(
        "dev-only-secret-change-me",
        description="Key for CSRF tokens and for the keyed hashes that find one resident's "
        "referrals and count failed logins; required in production",
    )
    encryption_key: str = Field(
        "", description="Fernet key for personal data in referrals; required in production"
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
    login_max_failures: int = Field(5, description="Failed logins before an account is locked")
    login_lockout_seconds: int = Field(900, description="How long a locked account stays locked")
    base_url: str = Field(
        "http://127.0.0.1:8000", description="Public URL used in e-mails and QR codes"
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
    page_cache_seconds: float = Field(
        60.0, description="How long anonymous search answers are cached; 0 turns the cache off"
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
        if self.environment == "production":
            if self.secret_key.startswith("dev-only"):
                raise ValueError("FINDER_SECRET_KEY must be set in production")
            if not self.encryption_key:
                raise ValueError("FINDER_ENCRYPTION_KEY must be set in production")
        if self.search_backend == "meilisearch" and not self.meili_url:
            raise ValueError("FINDER_MEILI_URL is required when FINDER_SEARCH_BACKEND=meilisearch")
        return self

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'catalogue.sqlite3'}"

    @property
    def user_agent(self) -> str:
        """Names the project and where site owners can reach the people running this crawler."""
        contact = f"{self.base_url.rstrip('/')}/over"
        return self.crawl_user_agent or f"StadInVerbinding-indexer/0.1 (+{contact})"

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
