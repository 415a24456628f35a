"""The schema steps and the models agree: a fresh database migrated through every step has
exactly the tables, columns, indexes and foreign keys ``create_tables`` makes from the models
(a model changed without a step fails here), and its audit table is append-only."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from peewee import Database, DatabaseError

from noc_backend.core.db import close_database, make_database
from noc_backend.migrations import migrate_database
from noc_backend.models import ALL_MODELS
from tests.support.schema import schema_of, versions_of
from tests.support.services import postgres_database


@contextmanager
def _two_databases(engine: str, tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    if engine == "sqlite":
        urls = [f"sqlite:///{tmp_path / 'migrated.db'}", f"sqlite:///{tmp_path / 'models.db'}"]
        dbs = [make_database(u) for u in urls]
        yield dbs[0], dbs[1]
    else:
        with postgres_database() as first, postgres_database() as second:
            dbs = [make_database(first), make_database(second)]
            yield dbs[0], dbs[1]
    for db in dbs:
        close_database(db)


@pytest.mark.parametrize("engine", ["sqlite", pytest.param("postgres",
                                                           marks=pytest.mark.postgres)])
def test_a_fresh_database_migrates_to_the_models_schema(engine: str, tmp_path: Path) -> None:
    with _two_databases(engine, tmp_path) as (migrated, modelled):
        assert [s.label for s in migrate_database(migrated)] == ["0001_initial"]
        assert versions_of(migrated) == [(1, "initial")]
        with modelled.connection_context(), modelled.bind_ctx(ALL_MODELS):
            modelled.create_tables(ALL_MODELS)
        assert schema_of(migrated) == schema_of(modelled)
        with migrated.connection_context():
            migrated.execute_sql("INSERT INTO audit_entry (at, actor_username, actor_kind, "
                                 "action, target_type, details) VALUES ('2025-01-01', 'a', "
                                 "'cli', 'x', '', '{}')")
            for change in ("UPDATE audit_entry SET action = 'y'", "DELETE FROM audit_entry"):
                with pytest.raises(DatabaseError, match="append-only"), migrated.atomic():
                    migrated.execute_sql(change)
