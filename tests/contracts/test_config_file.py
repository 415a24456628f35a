"""``--config FILE``: an environment file the settings read, the environment winning, and a
file that cannot be read named instead of silently ignored."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from noc_backend.core.config import Settings as BackendSettings
from noc_contracts.config_file import ConfigFileError, settings_sources
from noc_node.core.config import Settings as NodeSettings
from noc_scheduler.core.config import Settings as SchedulerSettings


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(0o600)
    return path


def test_the_file_is_read_as_the_settings_env_file(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NOC_BACKEND_DATABASE_URL", "NOC_BACKEND_SECRETS_KEY"):
        monkeypatch.delenv(name, raising=False)
    key = Fernet.generate_key().decode()
    config = _write(tmp_path / "backend.env", "# the backend\n"
                    f"NOC_BACKEND_DATABASE_URL=sqlite:///{tmp_path}/b.db\n\n"
                    f"NOC_BACKEND_SECRETS_KEY={key}\n"
                    "NOC_SCHEDULER_WORKERS=9  # another layer's name: ignored here\n")
    settings = BackendSettings(**settings_sources(config))
    assert settings.database_url == f"sqlite:///{tmp_path}/b.db"
    assert settings.secrets_key is not None and settings.secrets_key.get_secret_value() == key


def test_the_environment_wins_over_the_file(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    config = _write(tmp_path / "scheduler.env",
                    "NOC_SCHEDULER_WORKERS=3\nNOC_SCHEDULER_API_TOKEN=from-the-file-123\n"
                    f"NOC_SCHEDULER_SECRETS_KEY={Fernet.generate_key().decode()}\n")
    monkeypatch.setenv("NOC_SCHEDULER_WORKERS", "7")
    settings = SchedulerSettings(**settings_sources(config))  # type: ignore[call-arg]
    assert settings.workers == 7
    assert settings.api_token.get_secret_value() == "from-the-file-123"


def test_no_config_reads_the_environment_only(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOC_NODE_TOKEN", "node-token-from-env")
    monkeypatch.setenv("NOC_NODE_NAME", "n1")
    monkeypatch.setenv("NOC_NODE_DATA_DIR", str(tmp_path / "node"))
    assert settings_sources(None) == {}
    assert NodeSettings(**settings_sources(None)).name == "n1"


@pytest.mark.parametrize(("make", "problem"), [
    (lambda p: p / "missing.env", "no such file"),
    (lambda p: p, "is a directory"),
])
def test_a_file_that_cannot_be_read_is_named(tmp_path: Path, make, problem: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    with pytest.raises(ConfigFileError, match=problem) as caught:
        settings_sources(path)
    assert str(path) in str(caught.value)
