"""Database URLs: a WAL SQLite file or PostgreSQL; anything else is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from noc_backend.core.db import DatabaseUrlError, make_database


def test_sqlite_file_uses_wal_and_immediate_transactions(tmp_path: Path) -> None:
    db = make_database(f"sqlite:///{tmp_path / 'sub' / 'b.db'}")
    with db.connection_context():
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert (tmp_path / "sub").is_dir()


@pytest.mark.parametrize("url", ["sqlite:///:memory:", "sqlite://", "mysql://x/y", "nonsense"])
def test_unsupported_urls_are_refused(url: str) -> None:
    with pytest.raises(DatabaseUrlError):
        make_database(url)
