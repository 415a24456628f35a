"""Many rows in few round trips: one statement for many parameter rows, multi-row INSERTs,
one UPDATE for many rows.

SQLite runs ``executemany`` in C on the same connection; psycopg2's ``executemany`` is one
round trip per row, so on PostgreSQL the rows go as pages of statements (``execute_batch``),
and updates as one ``UPDATE ... FROM (VALUES ...)`` per page. The scheduler has the same
helpers in ``noc_scheduler.store.row_updates``: the layers share no code but ``contracts``,
which holds no database code.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from peewee import SQL, Database, DatabaseProxy, Field, Model, PostgresqlDatabase, Value, fn
from psycopg2.extras import execute_batch  # type: ignore[import-untyped]

from noc_contracts import jsontext

#: statements per round trip on PostgreSQL
PAGE = 200


def among(field: Field, values: Iterable[Any], db: Database | DatabaseProxy) -> Any:
    """``field IN values`` as one parameter however many values: Peewee builds SQL for a list
    one node per value, which for the hundreds of events or hosts of one batch cost more than
    running the query. PostgreSQL compares with ``= ANY`` of an array, SQLite with the values
    of a JSON array (``json_each``)."""
    listed = list(values)
    real = db.obj if isinstance(db, DatabaseProxy) else db
    if isinstance(real, PostgresqlDatabase):
        return field == fn.ANY(Value(listed, converter=False, unpack=False))
    return field.in_(SQL("(SELECT value FROM json_each(?))", [jsontext.dumps(listed)]))


def execute_rows(db: Database | DatabaseProxy, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """``sql`` once per row of ``rows``, on this thread's connection (inside its transaction)."""
    if not rows:
        return
    real = db.obj if isinstance(db, DatabaseProxy) else db
    cursor = real.cursor()
    if isinstance(real, PostgresqlDatabase):
        execute_batch(cursor, sql, rows, page_size=PAGE)
    else:
        cursor.executemany(sql, rows)


def insert_rows(db: Database | DatabaseProxy, model: type[Model], rows: list[dict[str, Any]],
                chunk: int = PAGE) -> None:
    """Multi-row INSERTs of ``rows`` (dicts with the same field names; the fields they leave
    out take their model default), ``chunk`` rows per statement, the SQL text built directly:
    Peewee's query builder cost more per row than the database did."""
    if not rows:
        return
    real, meta = (db.obj if isinstance(db, DatabaseProxy) else db), model._meta
    named = [meta.fields[name] for name in rows[0]]
    defaults = [f for f in meta.sorted_fields
                if f.name not in rows[0] and not f.primary_key and f.default is not None]
    columns = ", ".join(f'"{f.column_name}"' for f in (*named, *defaults))
    one = "(" + ", ".join([real.param] * (len(named) + len(defaults))) + ")"
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        params: list[Any] = []
        for row in part:
            params += [f.db_value(row[f.name]) for f in named]
            params += [f.db_value(f.default() if callable(f.default) else f.default)
                       for f in defaults]
        sql = (f'INSERT INTO "{meta.table_name}" ({columns}) '  # noqa: S608 - our names
               f'VALUES {", ".join([one] * len(part))}')
        real.execute_sql(sql, params)


#: SQL types for the casts of a VALUES list where Peewee's name for a field type is not one
_CASTS = {"AUTO": "INTEGER", "BIGAUTO": "BIGINT"}


def update_rows(db: Database | DatabaseProxy, model: type[Model], fields: tuple[str, ...],
                rows: Sequence[tuple[Any, ...]]) -> None:
    """UPDATE ``model`` SET ``fields`` per row of ``rows`` (their database values, then the
    primary key; each key once): one ``UPDATE ... FROM (VALUES ...)`` per page on PostgreSQL
    (parsed and planned once, not per row), one prepared statement per row on SQLite."""
    if not rows:
        return
    real = db.obj if isinstance(db, DatabaseProxy) else db
    if not isinstance(real, PostgresqlDatabase):
        execute_rows(real, _update_sql(model, fields, real.param), rows)
        return
    for start in range(0, len(rows), PAGE):
        page = rows[start:start + PAGE]
        real.execute_sql(  # type: ignore[no-untyped-call]
            _values_sql(model, fields, len(page)), [v for r in page for v in r])


@functools.cache
def _update_sql(model: type[Model], fields: tuple[str, ...], param: str) -> str:
    meta: Any = model._meta
    sets = ", ".join(f'"{meta.fields[n].column_name}" = {param}' for n in fields)
    # our own model's names; every value goes as a parameter
    return (f'UPDATE "{meta.table_name}" SET {sets} '  # noqa: S608
            f'WHERE "{meta.primary_key.column_name}" = {param}')


@functools.cache
def _values_sql(model: type[Model], fields: tuple[str, ...], rows: int) -> str:
    """The first row's values cast to their columns' types; the other rows follow them."""
    meta: Any = model._meta
    types = PostgresqlDatabase.field_types
    columns = [meta.fields[name] for name in fields] + [meta.primary_key]
    names = [f'"{f.column_name}"' for f in columns]
    casts = [_CASTS.get(f.field_type, types.get(f.field_type, f.field_type)) for f in columns]
    first = "(" + ", ".join(f"%s::{cast}" for cast in casts) + ")"
    other = "(" + ", ".join(["%s"] * len(columns)) + ")"
    sets = ", ".join(f"{name} = v.{name}" for name in names[:-1])
    # names and types from our own model's metadata; every value goes as a parameter
    return (f'UPDATE "{meta.table_name}" AS t SET {sets} '  # noqa: S608
            f'FROM (VALUES {", ".join([first] + [other] * (rows - 1))}) '
            f'AS v({", ".join(names)}) WHERE t.{names[-1]} = v.{names[-1]}')
