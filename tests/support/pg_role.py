"""A PostgreSQL role that may use a database but not create anything in its schema ``public``
(as an admin who gave the service role table rights only would set it up), made for one test
and dropped after."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tests.support.services import PG_HOST, PG_PORT, port_open, require

#: in the role's URL, to prove it is never printed (the machine's PostgreSQL trusts loopback)
ROLE_PASSWORD = "role-pw-Zx81"


@dataclass(frozen=True)
class LimitedRole:
    name: str
    database: str
    #: the database's URL as the role (with ``ROLE_PASSWORD``), and as its owner ``postgres``
    url: str
    owner_url: str

    def grant_table_rights(self) -> None:
        """Read and write every table and sequence there now (still no CREATE)."""
        _admin_sql(self.database,
                   f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public '
                   f'TO "{self.name}"',
                   f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{self.name}"')


def _admin_sql(database: str, *statements: str) -> None:
    import psycopg2  # type: ignore[import-untyped]

    conn = psycopg2.connect(host=PG_HOST, port=PG_PORT, user="postgres", dbname=database)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            for statement in statements:
                cur.execute(statement)
    finally:
        conn.close()


@contextmanager
def limited_role() -> Iterator[LimitedRole]:
    """A fresh database owned by ``postgres`` and a login role with CONNECT on it and no
    CREATE on its schema ``public``; both dropped at the end."""
    require(port_open(PG_HOST, PG_PORT), f"PostgreSQL not listening on {PG_HOST}:{PG_PORT}")
    suffix = uuid.uuid4().hex[:12]
    role, database = f"noc_limited_{suffix}", f"noc_test_limited_{suffix}"
    _admin_sql("postgres", f"CREATE ROLE \"{role}\" LOGIN PASSWORD '{ROLE_PASSWORD}'",
               f'CREATE DATABASE "{database}"')
    try:
        _admin_sql(database, f'GRANT CONNECT ON DATABASE "{database}" TO "{role}"',
                   "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                   f'GRANT USAGE ON SCHEMA public TO "{role}"')
        yield LimitedRole(
            role, database, f"postgresql://{role}:{ROLE_PASSWORD}@{PG_HOST}:{PG_PORT}/{database}",
            f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{database}")
    finally:
        _admin_sql("postgres", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)',
                   f'DROP ROLE IF EXISTS "{role}"')
