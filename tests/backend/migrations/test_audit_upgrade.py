"""An unversioned database whose audit table lacks a column: the first step fills the new
column's default on the old entries (an UPDATE the append-only triggers refuse, so it takes
them off for the step) and the table is append-only again afterwards."""

from __future__ import annotations

import pytest
from peewee import DatabaseError

from noc_backend.core.config import Settings
from noc_backend.core.db import close_database, make_database
from noc_backend.migrations import migrate_database


def test_an_old_audit_table_gains_its_column_and_stays_append_only(settings: Settings) -> None:
    db = make_database(settings.database_url)
    try:
        migrate_database(db)
        with db.connection_context():
            db.execute_sql("INSERT INTO audit_entry (at, actor_username, actor_kind, action, "
                           "target_type, details) VALUES ('2025-01-01 00:00:00', 'old', 'cli', "
                           "'host.create', 'host', '{}')")
            db.execute_sql('ALTER TABLE "audit_entry" DROP COLUMN "details"')
            db.execute_sql('DROP TABLE "schema_version"')
        assert [s.label for s in migrate_database(db)] == ["0001_initial"]
        with db.connection_context():
            assert db.execute_sql("SELECT actor_username, action, details FROM audit_entry"
                                  ).fetchall() == [("old", "host.create", "{}")]
            for change in ("UPDATE audit_entry SET action = 'x'", "DELETE FROM audit_entry"):
                with pytest.raises(DatabaseError, match="append-only"), db.atomic():
                    db.execute_sql(change)
    finally:
        close_database(db)
