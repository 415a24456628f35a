"""JSON text for stored columns: compact, UTF-8, and fast (orjson), with the standard library
as the fallback for what orjson refuses (integers beyond 64 bits, ``NaN`` in old rows).

Every layer stores flow states, params, results and events as JSON text; encoding and decoding
them was a fifth of the scheduler's CPU per host-step with the standard library.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

_OPTIONS = orjson.OPT_NON_STR_KEYS


def dumps(value: Any) -> str:
    """Compact JSON text (no spaces, non-ASCII kept as is)."""
    try:
        return orjson.dumps(value, option=_OPTIONS).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def loads(text: str | bytes) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)  # raises the standard error when it is not JSON at all
