"""The database URL rule every layer follows (``NOC_*_DATABASE_URL``): one parser, so a
password with ``@``, ``:`` or ``/`` percent-encoded in the URL means the same everywhere.
Pure parsing: each layer opens its own database from the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit


class DatabaseUrlError(ValueError):
    """The URL names an engine we do not support, or is malformed (the message says which)."""


@dataclass(frozen=True)
class DatabaseUrl:
    """``kind`` "sqlite" with ``path``, or "postgresql" with ``connect`` (psycopg2 keywords:
    database, host, port, user, password, and any query parameters such as sslmode)."""

    kind: str
    path: str = ""
    connect: dict[str, Any] = field(default_factory=dict)


def parse_database_url(url: str) -> DatabaseUrl:
    """``sqlite:///path/to/file.db`` or ``postgresql://user:pass@host:port/name?opt=value``."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else ""
        if not path or path == ":memory:":
            raise DatabaseUrlError(f"sqlite URL needs a file path: sqlite:///path ({url!r})")
        return DatabaseUrl("sqlite", path=path)
    if parts.scheme in {"postgres", "postgresql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise DatabaseUrlError("postgresql URL needs a database name: "
                                   "postgresql://user@host:port/name")
        try:
            port = parts.port or 5432
        except ValueError as exc:
            raise DatabaseUrlError(f"postgresql URL has a bad port: {exc}") from None
        connect: dict[str, Any] = {"database": name, "host": parts.hostname or "127.0.0.1",
                                   "port": port}
        if parts.username:
            connect["user"] = unquote(parts.username)
        if parts.password is not None:
            connect["password"] = unquote(parts.password)
        connect.update(parse_qsl(parts.query))
        return DatabaseUrl("postgresql", connect=connect)
    raise DatabaseUrlError(f"unsupported database URL scheme {parts.scheme!r}: use "
                           "sqlite:///path or postgresql://user@host/name")
