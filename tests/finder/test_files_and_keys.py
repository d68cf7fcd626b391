"""Development makes its own random keys; the data folder is private (#9)."""

from __future__ import annotations

import base64
import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken

from finder.app import create_app
from finder.crypto import encrypt
from finder.settings import DEV_KEYS, Settings

ROOT = Path(__file__).resolve().parents[2]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_development_makes_random_keys_and_keeps_them_private(tmp_path: Path) -> None:
    first = Settings(data_dir=tmp_path / "a", environment="development")
    assert len(first.secret_key) >= 32 and "dev-only" not in first.secret_key
    Fernet(first.encryption_key)
    assert _mode(tmp_path / "a" / DEV_KEYS) == 0o600
    again = Settings(data_dir=tmp_path / "a", environment="development")
    assert (again.secret_key, again.encryption_key) == (first.secret_key, first.encryption_key)
    other = Settings(data_dir=tmp_path / "b", environment="development")
    assert other.secret_key != first.secret_key and other.encryption_key != first.encryption_key


def test_referrals_made_in_development_cannot_be_read_with_the_public_default(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path / "var", environment="development")
    token = encrypt(settings, "Fatima Jansen")
    public = base64.urlsafe_b64encode(
        hashlib.sha256(b"finder-fernet:dev-only-secret-change-me").digest()
    )
    with pytest.raises(InvalidToken):
        Fernet(public).decrypt(token.encode())


def test_the_data_folder_is_private_after_a_crawl_and_a_start(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    env = {**os.environ, "FINDER_DATA_DIR": str(data_dir), "FINDER_ENVIRONMENT": "development"}
    subprocess.run(
        [sys.executable, "-m", "indexer.cli", "crawl-demo"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        # The usual umask, under which the files used to come out world-readable.
        preexec_fn=lambda: os.umask(0o022),
    )
    create_app(Settings(data_dir=data_dir, environment="development"))
    paths = [data_dir, *data_dir.rglob("*")]
    assert any(p.name == "catalogue.sqlite3" for p in paths)
    assert any(p.parent.name.startswith("gen-") for p in paths)
    for path in paths:
        assert _mode(path) & 0o027 == 0, f"{path.relative_to(tmp_path)} is {oct(_mode(path))}"
    assert _mode(data_dir / DEV_KEYS) == 0o600


def test_an_old_world_readable_database_is_tightened(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", environment="test")
    database = settings.data_dir / "catalogue.sqlite3"
    database.touch()
    database.chmod(0o644)
    create_app(settings)
    assert _mode(database) & 0o027 == 0
