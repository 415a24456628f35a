"""The document tests need no Qt: the desktop-wide settings fixture (QSettings paths, and a
garbage collection after each test, ~0.1 s) is replaced by nothing here."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def isolated_settings() -> Iterator[None]:
    yield
