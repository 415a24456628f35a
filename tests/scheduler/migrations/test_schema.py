"""The schema steps and the models agree: a fresh database migrated through every step has
exactly the tables, columns, indexes and foreign keys ``create_tables`` makes from the models
(a model changed without a step fails here)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from peewee import Database

from noc_scheduler.migrations import migrate_database
from noc_scheduler.store.db import open_database
from noc_scheduler.store.models import MODELS
from tests.support.schema import schema_of, versions_of
from tests.support.services import postgres_database


@contextmanager
def _two_databases(engine: str, tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    if engine == "sqlite":
        dbs = [open_database(f"sqlite:///{tmp_path / name}", 2)
               for name in ("migrated.db", "models.db")]
        yield dbs[0], dbs[1]
    else:
        with postgres_database() as first, postgres_database() as second:
            dbs = [open_database(first, 2), open_database(second, 2)]
            yield dbs[0], dbs[1]
    for db in dbs:
        db.close_all()


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_a_fresh_database_migrates_to_the_models_schema(engine: str, tmp_path: Path) -> None:
    with _two_databases(engine, tmp_path) as (migrated, modelled):
        assert [s.label for s in migrate_database(migrated)] == ["0001_initial"]
        assert migrate_database(migrated) == []
        assert versions_of(migrated) == [(1, "initial")]
        with modelled.connection_context(), modelled.bind_ctx(MODELS):
            modelled.create_tables(MODELS)
        assert schema_of(migrated) == schema_of(modelled)
