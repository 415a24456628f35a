"""Per-row UPDATEs whose values differ by row (each host's result, each host's state), collected
inside a transaction and run per shape for all its rows: building a query per row in Python
cost more than running it. SQLite runs one prepared statement per row with ``executemany`` (in
C, on one connection); PostgreSQL, where psycopg2's ``executemany`` is a round trip per row,
gets one ``UPDATE ... FROM (VALUES ...)`` per ~200 rows, so it parses and plans once per page,
not per row. Callers say which rows, this says how cheaply."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from peewee import Database, DatabaseProxy, Model, PostgresqlDatabase
from psycopg2.extras import execute_batch  # type: ignore[import-untyped]

#: statements per round trip on PostgreSQL
PAGE = 200


def _db(db: Database | DatabaseProxy) -> Database:
    return db.obj if isinstance(db, DatabaseProxy) else db


@cache
def _sql(model: type[Model], fields: tuple[str, ...], bump: str | None, param: str) -> str:
    meta: Any = model._meta
    column = {name: f'"{meta.fields[name].column_name}"' for name in (*fields, *(
        [bump] if bump else []))}
    sets = [f"{column[name]} = {param}" for name in fields]
    if bump:
        sets.append(f"{column[bump]} = {column[bump]} + 1")
    # names from our own models' metadata; every value goes as a parameter
    return (f'UPDATE "{meta.table_name}" SET {", ".join(sets)} '  # noqa: S608
            f'WHERE "{meta.primary_key.column_name}" = {param}')


class RowUpdates:
    """Rows to update, grouped by shape (model, fields set, field bumped by one)."""

    def __init__(self) -> None:
        self._rows: dict[tuple[type[Model], tuple[str, ...], str | None], list[tuple[Any, ...]]]
        self._rows = {}

    def add(self, model: type[Model], key: Any, values: dict[str, Any],
            bump: str | None = None) -> None:
        """UPDATE ``model`` SET ``values`` (and ``bump`` = ``bump`` + 1) WHERE pk = ``key``."""
        fields = tuple(values)
        meta = model._meta
        row = tuple(meta.fields[name].db_value(values[name]) for name in fields)
        self._rows.setdefault((model, fields, bump), []).append((*row, key))

    def run(self, db: Database | DatabaseProxy) -> None:
        """Inside the caller's transaction, in the order the shapes were first added."""
        real = _db(db)
        for (model, fields, bump), rows in self._rows.items():
            # a row updated twice in one shape keeps per-row statements (their order counts)
            if isinstance(real, PostgresqlDatabase) and len({r[-1] for r in rows}) == len(rows):
                for start in range(0, len(rows), PAGE):
                    page = rows[start:start + PAGE]
                    real.execute_sql(  # type: ignore[no-untyped-call]
                        _values_sql(model, fields, bump, len(page)),
                        [v for row in page for v in row])
            else:
                execute_many(real, _sql(model, fields, bump, real.param), rows)
        self._rows.clear()


#: SQL types for the casts of a VALUES list where Peewee's name for a field type is not one
_CASTS = {"AUTO": "INTEGER", "BIGAUTO": "BIGINT"}


@cache
def _values_sql(model: type[Model], fields: tuple[str, ...], bump: str | None, rows: int) -> str:
    """PostgreSQL's ``UPDATE ... FROM (VALUES ...)`` for ``rows`` rows of ``fields`` then the
    key; the first row's values cast to their columns' types, which the other rows follow."""
    meta: Any = model._meta
    types = PostgresqlDatabase.field_types
    columns = [meta.fields[name] for name in fields] + [meta.primary_key]
    names = [f'"{f.column_name}"' for f in columns]
    casts = [_CASTS.get(f.field_type, types.get(f.field_type, f.field_type)) for f in columns]
    first = "(" + ", ".join(f"%s::{cast}" for cast in casts) + ")"
    other = "(" + ", ".join(["%s"] * len(columns)) + ")"
    sets = [f"{name} = v.{name}" for name in names[:-1]]
    if bump:
        column = f'"{meta.fields[bump].column_name}"'
        sets.append(f"{column} = t.{column} + 1")
    # names and types from our own models' metadata; every value goes as a parameter
    return (f'UPDATE "{meta.table_name}" AS t SET {", ".join(sets)} '  # noqa: S608
            f'FROM (VALUES {", ".join([first] + [other] * (rows - 1))}) '
            f'AS v({", ".join(names)}) WHERE t.{names[-1]} = v.{names[-1]}')


def execute_many(db: Database, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """``sql`` once per parameter row, on this thread's connection, in few round trips."""
    if not rows:
        return
    cursor = db.cursor()  # type: ignore[no-untyped-call]
    if isinstance(db, PostgresqlDatabase):
        execute_batch(cursor, sql, rows, page_size=PAGE)
    else:
        cursor.executemany(sql, rows)


def insert_rows(db: Database | DatabaseProxy, model: type[Model], rows: list[dict[str, Any]],
                chunk: int = 200) -> None:
    """Multi-row INSERTs of ``rows`` (dicts by field name; missing fields take their model
    default), ``chunk`` rows per statement, the SQL text built directly."""
    if not rows:
        return
    real, meta = _db(db), model._meta
    named = list(rows[0])
    defaults = [f for f in meta.sorted_fields if f.name not in named and not f.primary_key
                and f.default is not None]
    fields = [meta.fields[name] for name in named] + defaults
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    one = "(" + ", ".join([real.param] * len(fields)) + ")"
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        params: list[Any] = []
        for row in part:
            params += [f.db_value(row[f.name]) for f in fields[:len(named)]]
            params += [f.db_value(f.default() if callable(f.default) else f.default)
                       for f in defaults]
        sql = (f'INSERT INTO "{meta.table_name}" ({columns}) '  # noqa: S608 - our names
               f'VALUES {", ".join([one] * len(part))}')
        real.execute_sql(sql, params)  # type: ignore[no-untyped-call]
