"""JSON text for stored columns: compact, UTF-8, and fast (orjson), with the standard library
for what orjson cannot do exactly: integers beyond 64 bits (orjson reads them as floats),
lone surrogates, and ``NaN`` in rows written before. Non-finite floats are written as ``null``
(they are not JSON).

Every layer stores flow states, params, results and events as JSON text; encoding and decoding
them was a fifth of the scheduler's CPU per host-step with the standard library.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

_OPTIONS = orjson.OPT_NON_STR_KEYS
#: a run of digits as long as an integer beyond 64 bits (or inside a string: read exactly too),
#: found as a run of zeros once every digit is a zero: a regular expression scanning for
#: ``\d{19}`` cost seven times orjson's own parse of a flow state
_LONG_RUN = 19
_ZEROED = str.maketrans("123456789", "0" * 9)
_ZEROED_BYTES = bytes.maketrans(b"123456789", b"0" * 9)


def _may_hold_long_integer(text: str | bytes) -> bool:
    if len(text) < _LONG_RUN:
        return False
    if isinstance(text, str):
        if text.isascii():
            return "0" * _LONG_RUN in text.translate(_ZEROED)
        text = text.encode()  # str.translate is fast on ASCII only; bytes' is fast on all
    return b"0" * _LONG_RUN in bytes(text).translate(_ZEROED_BYTES)


class Encoded(str):
    """Text that is JSON already (a model's ``model_dump_json``): a JSON column stores it as
    it is instead of encoding a dict of it again."""


def dumps(value: Any) -> str:
    """Compact JSON text (no spaces, non-ASCII kept as is)."""
    try:
        return orjson.dumps(value, option=_OPTIONS).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    if _may_hold_long_integer(text):
        return json.loads(text)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)  # raises the standard error when it is not JSON at all
