from __future__ import annotations

from cryptography.fernet import Fernet

from finder.crypto import decrypt, encrypt, resident_key
from finder.settings import Settings


def test_encryption_round_trips_and_the_resident_key_ignores_formatting(settings: Settings) -> None:
    token = encrypt(settings, "Fatima")
    assert token != "Fatima" and decrypt(settings, token) == "Fatima"
    assert resident_key(settings, "06-12345678") == resident_key(settings, "+31 6 12345678")
    other = Settings(
        data_dir=settings.data_dir,
        environment="test",
        encryption_key=Fernet.generate_key().decode(),
    )
    assert resident_key(other, "06-12345678") != resident_key(settings, "06-12345678")
