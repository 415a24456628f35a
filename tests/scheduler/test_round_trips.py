"""Row updates reach PostgreSQL as one ``UPDATE ... FROM (VALUES ...)`` per page, not one
statement and round trip per row (psycopg2's ``executemany`` sends each row alone), and SQLite connections are reused, not reopened (with
their pragmas) per operation: the two costs that dominated the control plane at 1,000 hosts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from noc_scheduler.store.db import open_database
from noc_scheduler.store.models import MODELS, Node, database
from noc_scheduler.store.row_updates import RowUpdates
from tests.support.services import postgres_database
from tests.support.statements import RoundTrips, Statements

ROWS = 200


@pytest.fixture
def pg() -> Iterator[Any]:
    with postgres_database() as url:
        db = open_database(url)
        database.initialize(db)
        with db.connection_context():
            db.create_tables(MODELS)
        yield db
        db.close_all()


def test_200_row_updates_take_one_statement_on_postgresql(pg: Any) -> None:
    db = pg
    with db.connection_context(), db.atomic():
        Node.insert_many([{"name": f"n{i}", "url": "http://127.0.0.1:9", "token_enc": "x",
                           "token_sha256": f"h{i}"} for i in range(ROWS)]).execute()
        updates = RowUpdates()
        for node in Node.select():
            updates.add(Node, node.id, {"url": f"http://127.0.0.1:{node.id}"}, bump=None)
        with RoundTrips(db) as trips, Statements(db) as statements:
            updates.run(db)
    assert statements.count == 1, statements.count  # was 200
    assert trips.count == 1, trips.count
    with db.connection_context():
        assert {n.url for n in Node.select()} == {f"http://127.0.0.1:{n.id}"
                                                   for n in Node.select()}


def test_sqlite_connections_are_reused_not_reopened(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'scheduler.db'}")
    try:
        with db.connection_context():
            first = db.connection()
        with db.connection_context():
            assert db.connection() is first
            assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close_all()  # type: ignore[attr-defined]
