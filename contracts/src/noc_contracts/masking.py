"""Masking secret-looking values before they are recorded (launch vars in history and audit).

A key is secret-looking when its name holds one of ``SECRET_WORDS`` (case-insensitive): the
value, whatever it is, becomes ``MASK``. Nested dicts and lists are masked all the way down.
"""

from __future__ import annotations

import re
from typing import Any

MASK = "********"
SECRET_WORDS = ("pass", "secret", "token", "key", "credential", "private", "auth", "cookie",
                "session")
_SECRET_KEY = re.compile("|".join(SECRET_WORDS), re.IGNORECASE)


def is_secret_key(name: str) -> bool:
    return bool(_SECRET_KEY.search(name))


def mask_secret_values(value: Any) -> Any:
    """A copy of ``value`` with the values of secret-looking keys replaced by ``MASK``."""
    if isinstance(value, dict):
        return {k: MASK if isinstance(k, str) and is_secret_key(k) else mask_secret_values(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [mask_secret_values(v) for v in value]
    return value
