"""One database URL rule for every layer: the backend and the scheduler open the same URL the
same way (percent-encoded user and password decoded, query options passed on, PostgreSQL
through a connection pool), and refuse the same bad URLs naming the problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from playhouse.pool import PooledPostgresqlDatabase

from noc_backend.core.db import make_database
from noc_contracts.database_url import DatabaseUrlError, parse_database_url
from noc_scheduler.core.errors import ConfigError
from noc_scheduler.store.db import open_database

URL = "postgresql://noc%40ops:p%40ss%3Aw%2Frd%25@db.example:6543/noc?sslmode=require"
EXPECTED = {"database": "noc", "host": "db.example", "port": 6543, "user": "noc@ops",
            "password": "p@ss:w/rd%", "sslmode": "require"}


def test_percent_encoded_credentials_are_decoded() -> None:
    parsed = parse_database_url(URL)
    assert (parsed.kind, parsed.connect) == ("postgresql", EXPECTED)


def test_both_layers_open_the_same_pooled_database() -> None:
    for db in (make_database(URL), open_database(URL)):
        assert isinstance(db, PooledPostgresqlDatabase)
        assert db.database == "noc"
        assert {k: v for k, v in db.connect_params.items() if k in EXPECTED} == {
            k: v for k, v in EXPECTED.items() if k != "database"}


def test_sqlite_paths_are_files(tmp_path: Path) -> None:
    assert parse_database_url(f"sqlite:///{tmp_path}/s.db").path == f"{tmp_path}/s.db"


@pytest.mark.parametrize("url", ["sqlite:///:memory:", "sqlite://", "mysql://x/y",
                                 "postgresql://host:notaport/db", "postgresql://host/"])
def test_bad_urls_are_refused_by_both_layers(url: str) -> None:
    with pytest.raises(DatabaseUrlError):
        parse_database_url(url)
    with pytest.raises(DatabaseUrlError):
        make_database(url)
    with pytest.raises(ConfigError):
        open_database(url)
