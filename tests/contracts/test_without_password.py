"""``noc_contracts.checks.without_password``: a URL printed by ``check`` and ``migrate`` keeps
everything but its password, whatever its host looks like."""

from __future__ import annotations

import pytest

from noc_contracts.checks import without_password


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql://noc:s3cr3t@db.example:5432/noc", "postgresql://noc:***@db.example:5432/noc"),
    ("redis://:s3cr3t@127.0.0.1:6379/0", "redis://:***@127.0.0.1:6379/0"),
    ("postgresql://noc:s3cr3t@[::1]:5432/noc", "postgresql://noc:***@[::1]:5432/noc"),
    ("postgresql://noc:s3cr3t@DB.Example/noc", "postgresql://noc:***@DB.Example/noc"),
    ("redis://:s3cr3t@host:port/0", "redis://:***@host:port/0"),  # a bad port: still shown
    ("postgresql://noc:p%40ss@db/noc", "postgresql://noc:***@db/noc"),
    ("postgresql://noc@db/noc", "postgresql://noc@db/noc"),
    ("sqlite:///var/noc.db", "sqlite:///var/noc.db"),
])
def test_only_the_password_is_hidden(url: str, shown: str) -> None:
    assert without_password(url) == shown
