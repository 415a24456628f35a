"""Stored JSON text (orjson, with the standard library where orjson is not exact): values read
back equal to what was written, whatever the number or the text."""

from __future__ import annotations

import json
import math

import pytest

from noc_contracts import jsontext

VALUES = [
    {"a": 1, "b": [1.5, None, True], "c": "olá ✓\nlinha"},
    {"big": 123456789012345678901234567890, "neg": -(2**70), "edge": 2**63, "ok": 2**63 - 1},
    {"hash": "1234567890123456789012345"},  # a long digit run inside a string
    {"tiny": 1e-7, "huge": 1e300},
    {"lone": "\ud800 surrogate"},
    [],
    "text",
    0,
]


@pytest.mark.parametrize("value", VALUES)
def test_values_read_back_as_written(value: object) -> None:
    text = jsontext.dumps(value)
    assert "\n" not in text and ": " not in text  # compact, one line
    assert jsontext.loads(text) == value


@pytest.mark.parametrize("text", ['{"n": 123456789012345678901234567890}',
                                  b'{"n": 123456789012345678901234567890}'])
def test_integers_beyond_64_bits_stay_integers(text: str | bytes) -> None:
    read = jsontext.loads(text)
    assert read["n"] == 123456789012345678901234567890 and isinstance(read["n"], int)


@pytest.mark.parametrize("text", ["{}", '{"msg": "olá"}', b'{"msg": "ol\xc3\xa1"}'])
def test_the_long_integer_check_finds_19_digits_not_18(text: str | bytes) -> None:
    # 19 digits may not fit in 64 bits (orjson would read a float); 18 always do
    pad = " " * 30 if isinstance(text, str) else b" " * 30
    for digits, expected in ((18, False), (19, True)):
        number = "9" * digits if isinstance(text, str) else b"9" * digits
        assert jsontext._may_hold_long_integer(text + pad + number) is expected
        assert jsontext._may_hold_long_integer(number + pad + text) is expected
    for n in (10**17, -(10**17)):
        assert jsontext.loads(str(n)) == n and isinstance(jsontext.loads(str(n)), int)


def test_text_written_by_the_standard_library_reads_the_same() -> None:
    for value in VALUES[:4]:
        assert jsontext.loads(json.dumps(value)) == value
    assert math.isnan(jsontext.loads('{"x": NaN}')["x"])  # rows written before


def test_non_finite_floats_are_written_as_null_and_non_json_is_refused() -> None:
    assert jsontext.dumps({"x": float("inf")}) == '{"x":null}'
    with pytest.raises(ValueError):
        jsontext.loads("{not json")


def test_encoded_text_is_a_string_holding_its_json() -> None:
    text = jsontext.Encoded('{"a":1}')
    assert isinstance(text, str) and jsontext.loads(text) == {"a": 1}
