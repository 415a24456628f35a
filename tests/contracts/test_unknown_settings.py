"""A ``NOC_<LAYER>_*`` name that is no setting (the settings ignore it, so a misspelled key
leaves its default in silence) is named by ``check``, with the closest setting when one is
close; the config file's names are read as the settings read them."""

from __future__ import annotations

from pathlib import Path

from noc_contracts.checks import unknown_settings
from noc_contracts.config_file import config_keys

FIELDS = ["database_url", "secrets_key", "scheduler_url", "log_file"]


def test_the_config_files_names_are_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "backend.env"
    path.write_text("# NOC_BACKEND_COMMENTED=1\n\n  NOC_BACKEND_DATABASE_URL = sqlite:///x\n"
                    "export NOC_BACKEND_LOG_FILE=\nnot a setting line\n"
                    "NOC_BACKEND_SECRETS_KEY='a=b'\n")
    assert config_keys(path) == ["NOC_BACKEND_DATABASE_URL", "NOC_BACKEND_LOG_FILE",
                                 "NOC_BACKEND_SECRETS_KEY"]


def test_unknown_names_in_the_file_and_the_environment_are_named(tmp_path: Path) -> None:
    path = tmp_path / "backend.env"
    path.write_text("NOC_BACKEND_DATABSE_URL=sqlite:///x\nNOC_BACKEND_SECRETS_KEY=k\n"
                    "NOC_BACKEND_COMPLETELY_ELSE=1\nNOC_SCHEDULER_DATABSE_URL=other layer's\n")
    environ = {"NOC_BACKEND_SCHEDULER_ULR": "http://x", "noc_backend_log_file": "",
               "PATH": "/bin", "NOC_BACKENDS": "no prefix"}
    assert unknown_settings("NOC_BACKEND_", FIELDS, str(path), environ) == [
        f"NOC_BACKEND_COMPLETELY_ELSE (in {path}) is not a setting and is ignored",
        f"NOC_BACKEND_DATABSE_URL (in {path}) is not a setting and is ignored; did you mean "
        "NOC_BACKEND_DATABASE_URL?",
        "NOC_BACKEND_SCHEDULER_ULR (in the environment) is not a setting and is ignored; did "
        "you mean NOC_BACKEND_SCHEDULER_URL?"]


def test_known_names_only_or_no_file_say_nothing(tmp_path: Path) -> None:
    assert unknown_settings("NOC_BACKEND_", FIELDS, None,
                            {"NOC_BACKEND_DATABASE_URL": "x"}) == []
    assert unknown_settings("NOC_BACKEND_", FIELDS, str(tmp_path / "missing.env"), {}) == []
