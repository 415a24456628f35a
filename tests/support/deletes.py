"""Counts the rows each committed transaction deletes: what retention tests bound."""

from __future__ import annotations

from typing import Any


class DeletesPerTransaction:
    """The rows each committed transaction deleted (every DELETE's rowcount, by commit)."""

    def __init__(self, db: Any) -> None:
        self.db, self.open = db, 0
        self.committed: list[int] = []

    def __enter__(self) -> DeletesPerTransaction:
        execute_sql, commit = self.db.execute_sql, self.db.commit

        def counting(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
            cursor = execute_sql(sql, params, *args, **kwargs)
            if sql.lstrip().upper().startswith("DELETE"):
                self.open += cursor.rowcount
            return cursor

        def committing(*args: Any, **kwargs: Any) -> Any:
            self.committed.append(self.open)
            self.open = 0
            return commit(*args, **kwargs)

        self.db.execute_sql, self.db.commit = counting, committing
        return self

    def __exit__(self, *_: object) -> None:
        del self.db.execute_sql, self.db.commit
