"""Counts the SQL statements a peewee database runs: what the statement-count tests bound."""

from __future__ import annotations

import threading
from typing import Any


class Statements:
    """Counts the SQL statements a database runs while inside the block: each ``execute_sql``,
    each parameter row of an ``executemany`` (one statement per row), and each statement of a
    psycopg2 ``execute_batch`` (one ``mogrify`` per row). Every thread's by
    default; with ``this_thread_only`` only those of the thread that built the counter."""

    def __init__(self, db: Any, *, this_thread_only: bool = False) -> None:
        self.db, self.count = db, 0
        #: rows the statements returned and the caller read
        self.rows_read = 0
        self._thread = threading.get_ident() if this_thread_only else None

    def _counts(self) -> bool:
        return self._thread is None or threading.get_ident() == self._thread

    def __enter__(self) -> Statements:
        original, original_cursor = self.db.execute_sql, self.db.cursor
        self._saved = _patched(self.db)
        counter = self

        def counting(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
            if counter._counts():
                counter.count += 1
            return original(sql, params, *args, **kwargs)

        class Cursor:
            def __init__(self, real: Any) -> None:
                self._real = real

            def __getattr__(self, name: str) -> Any:
                return getattr(self._real, name)

            def __iter__(self) -> Any:
                return iter(self._real)

            def fetchone(self) -> Any:
                row = self._real.fetchone()
                if row is not None and counter._counts():
                    counter.rows_read += 1
                return row

            def mogrify(self, sql: Any, params: Any = None) -> Any:
                if counter._counts():  # execute_batch renders each statement of a page
                    counter.count += 1
                return self._real.mogrify(sql, params)

            def executemany(self, sql: str, rows: Any) -> Any:
                rows = list(rows)
                if counter._counts():
                    counter.count += len(rows)
                return self._real.executemany(sql, rows)

        self.db.execute_sql = counting
        self.db.cursor = lambda *a, **k: Cursor(original_cursor(*a, **k))
        return self

    def __exit__(self, *_: object) -> None:
        _restore(self.db, self._saved)


class RoundTrips:
    """Counts the round trips to the database server while inside the block: each cursor
    ``execute`` (``execute_sql`` runs one), and each parameter row of an ``executemany``
    (psycopg2 sends one per row)."""

    def __init__(self, db: Any) -> None:
        self.db, self.count = db, 0

    def __enter__(self) -> RoundTrips:
        original_cursor = self.db.cursor
        self._saved = _patched(self.db)
        counter = self

        class Cursor:
            def __init__(self, real: Any) -> None:
                self._real = real

            def __getattr__(self, name: str) -> Any:
                return getattr(self._real, name)

            def execute(self, sql: Any, params: Any = None) -> Any:
                counter.count += 1
                return self._real.execute(sql, params)

            def executemany(self, sql: str, rows: Any) -> Any:
                rows = list(rows)
                counter.count += len(rows)
                return self._real.executemany(sql, rows)

        self.db.cursor = lambda *a, **k: Cursor(original_cursor(*a, **k))
        return self

    def __exit__(self, *_: object) -> None:
        _restore(self.db, self._saved)


_NAMES = ("execute_sql", "cursor")


def _patched(db: Any) -> dict[str, Any]:
    """What an outer counter patched on ``db`` (counters nest)."""
    return {name: db.__dict__[name] for name in _NAMES if name in db.__dict__}


def _restore(db: Any, saved: dict[str, Any]) -> None:
    for name in _NAMES:
        if name in saved:
            setattr(db, name, saved[name])
        elif name in db.__dict__:
            delattr(db, name)  # the class's method again
