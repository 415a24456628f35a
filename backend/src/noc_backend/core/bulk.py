"""Many rows in few round trips: one statement for many parameter rows, multi-row INSERTs.

SQLite runs ``executemany`` in C on the same connection; psycopg2's ``executemany`` is one
round trip per row, so on PostgreSQL the rows go as pages of statements (``execute_batch``):
the same statements, ~200 per round trip.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from peewee import Database, DatabaseProxy, Model, PostgresqlDatabase
from psycopg2.extras import execute_batch  # type: ignore[import-untyped]

#: statements per round trip on PostgreSQL
PAGE = 200


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
