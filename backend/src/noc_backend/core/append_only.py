"""Database triggers that make a table append-only: UPDATE and DELETE are refused.

Installed by schema step 0001 on SQLite and PostgreSQL, idempotently, inside the migration
transaction (whose lock keeps two starting backends from installing at once). They stop the
application (and anyone using its connection) from rewriting history; a database owner can
still drop the trigger or the table, so tamper-evidence beyond that needs a separate,
restricted DB role.
TRUNCATE is not blocked (it is a table-owner operation, like DROP).
"""

from __future__ import annotations

from typing import Any

from peewee import Database, PostgresqlDatabase

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION noc_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'table ' || TG_TABLE_NAME || ' is append-only: ' || TG_OP || ' refused';
END $$
"""


_OPS = ("UPDATE", "DELETE")


def _sql(db: Database, sql: str, params: tuple[Any, ...] = ()) -> Any:
    return db.execute_sql(sql, params)  # type: ignore[no-untyped-call]


def _sqlite_trigger(table: str, op: str) -> str:
    return f"{table}_no_{op.lower()}"


def _postgres_trigger(table: str) -> str:
    return f"{table}_append_only"


def install_append_only(db: Database, table: str) -> None:
    """Refuse every UPDATE and DELETE on ``table`` (a trusted identifier, not user input)."""
    if isinstance(db, PostgresqlDatabase):
        _install_postgres(db, table)
    else:
        _install_sqlite(db, table)


def drop_append_only(db: Database, table: str) -> None:
    """Take ``install_append_only``'s triggers off ``table`` where they are (a schema step
    that must rewrite its rows installs them again after)."""
    if isinstance(db, PostgresqlDatabase):
        _sql(db, f'DROP TRIGGER IF EXISTS "{_postgres_trigger(table)}" ON "{table}"')
        return
    for op in _OPS:
        _sql(db, f'DROP TRIGGER IF EXISTS "{_sqlite_trigger(table, op)}"')


def _install_sqlite(db: Database, table: str) -> None:
    for op in _OPS:
        _sql(
            db, f'CREATE TRIGGER IF NOT EXISTS "{_sqlite_trigger(table, op)}" BEFORE {op} '
            f'ON "{table}" '
            f"BEGIN SELECT RAISE(ABORT, 'table {table} is append-only: {op} refused'); END")


def _install_postgres(db: Database, table: str) -> None:
    name = _postgres_trigger(table)
    exists = _sql(db, "SELECT 1 FROM pg_trigger WHERE tgname = %s AND tgrelid = %s::regclass",
                  (name, table)).fetchone()
    if exists:
        return
    _sql(db, _PG_FUNCTION)
    _sql(db, f'CREATE TRIGGER "{name}" BEFORE UPDATE OR DELETE ON "{table}" '
             "FOR EACH ROW EXECUTE FUNCTION noc_refuse_change()")
