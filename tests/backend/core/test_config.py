"""Settings refuse a missing, placeholder or malformed secrets key, naming the variable."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from noc_backend.core.config import Settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOC_BACKEND_SECRETS_KEY", raising=False)


@pytest.mark.parametrize("key", [None, "", "changethis", "not-a-fernet-key"])
def test_bad_secrets_key_is_refused_by_name(key: str | None) -> None:
    kwargs = {} if key is None else {"secrets_key": key}
    with pytest.raises(ValidationError, match="NOC_BACKEND_SECRETS_KEY"):
        Settings(**kwargs)


def test_settings_read_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    key = Fernet.generate_key().decode()
    monkeypatch.setenv("NOC_BACKEND_SECRETS_KEY", key)
    monkeypatch.setenv("NOC_BACKEND_TOKEN_TTL_S", "600")
    settings = Settings()
    assert settings.token_ttl_s == 600
    assert settings.secrets_key is not None
    assert settings.secrets_key.get_secret_value() == key
    assert key not in repr(settings)
    assert settings.database_url == "sqlite:///./var/backend.db"
    assert settings.scheduler_url == "http://127.0.0.1:8701"


def test_placeholder_internal_token_is_refused() -> None:
    with pytest.raises(ValidationError, match="NOC_BACKEND_INTERNAL_TOKEN"):
        Settings(secrets_key=Fernet.generate_key().decode(), internal_token="changethis")
