"""A database made before users/tokens/audit gained columns (and before schema versions were
recorded) is upgraded at start by the first schema step, and works."""

from __future__ import annotations

import peewee
import pytest
from fastapi.testclient import TestClient

from noc_backend.core.config import Settings
from noc_backend.core.db import close_database, open_database
from noc_backend.main import create_app
from noc_backend.models import AuditEntry, AuthToken, Execution, User
from tests.backend.utils import login

NEW_COLUMNS = {"user": ["can_run_commands"], "auth_token": ["kind", "name", "last_used_at"],
               "execution": ["launched_by", "target", "vars", "dry_run", "schedule_id"]}


def _make_old_database(url: str) -> None:
    """The current schema minus what this change added, with an old execution row and no
    schema version."""
    db = open_database(url)
    with db.connection_context():
        db.execute_sql('DROP TABLE "schema_version"')
        db.execute_sql('DROP TABLE "audit_entry"')
        for table, columns in NEW_COLUMNS.items():
            for column in columns:
                db.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
        db.execute_sql("INSERT INTO \"execution\" (id, procedure_name, status, started_at, "
                       "hosts_total) VALUES ('old-1', 'p', 'success', '2025-01-01 00:00:00', 1)")
    close_database(db)


def test_old_database_gains_the_columns_and_triggers(settings: Settings) -> None:
    _make_old_database(settings.database_url)
    with TestClient(create_app(settings)) as client:
        services = client.app.state.services  # type: ignore[attr-defined]
        with services.db.connection_context():
            for model in (User, AuthToken, Execution):
                present = {c.name for c in services.db.get_columns(model._meta.table_name)}
                assert set(NEW_COLUMNS[model._meta.table_name]) <= present
        headers = login(client)
        me = client.get("/api/v1/me", headers=headers).json()
        assert me["can_run_commands"] is False
        old = client.get("/api/v1/executions/old-1", headers=headers).json()
        assert (old["launched_by"], old["dry_run"], old["vars"]) == ("", False, None)
        assert client.get("/api/v1/tokens", headers=headers).json()["data"][0]["kind"] == (
            "session")
        with services.db.connection_context():
            assert AuditEntry.select().count() == 1  # the login
            with pytest.raises(peewee.DatabaseError, match="append-only"):
                AuditEntry.delete().execute()
