"""A PostgreSQL connection pool with no connection to give: what a busy server's pool looks like
to one more caller (peewee raises ``MaxConnectionsExceeded``, a ``ValueError``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from playhouse.pool import PooledPostgresqlDatabase


@contextmanager
def exhausted_pool(db: PooledPostgresqlDatabase) -> Iterator[None]:
    """Shrink ``db``'s pool to one connection (waited for 1 s, peewee's shortest wait) through
    its own ``init``, and hold that connection in another thread until the block ends."""
    db.init(db.database, max_connections=1, timeout=1, **db.connect_params)
    db.close_idle()
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        db.connect()
        held.set()
        release.wait(30)
        db.close()

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    assert held.wait(10), "the pool's one connection was not taken"
    try:
        yield
    finally:
        release.set()
        holder.join(10)
