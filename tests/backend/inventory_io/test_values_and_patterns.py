"""The small pieces: host:port splitting and Ansible's INI value typing."""

from __future__ import annotations

from typing import Any

import pytest

from noc_backend.inventory_io.hostpatterns import expand_host_pattern, split_port
from noc_backend.inventory_io.values import parse_ini_value, python_literal


@pytest.mark.parametrize(("pattern", "expected"), [
    ("host", ("host", None)),
    ("host:2222", ("host", 2222)),
    ("10.0.0.1:22", ("10.0.0.1", 22)),
    ("fe80::1", ("fe80::1", None)),
    ("[fe80::1]:2200", ("fe80::1", 2200)),
    ("web[01:03].example.com:8022", ("web[01:03].example.com", 8022)),
    ("web[01:03]", ("web[01:03]", None)),
    ("host:ssh", ("host:ssh", None)),
])
def test_split_port(pattern: str, expected: tuple[str, int | None]) -> None:
    assert split_port(pattern) == expected


def test_expand_host_pattern_keeps_the_port_for_every_host() -> None:
    assert expand_host_pattern("sw[1:2]:830") == (["sw1", "sw2"], 830)


@pytest.mark.parametrize(("text", "value"), [
    ("42", 42), ("-1.5", -1.5), ("True", True), ("None", None), ("'42'", "42"),
    ("yes", "yes"), ("010", "010"), ("(1, 2)", [1, 2]), ("{1}", [1]), ("...", "..."),
    ("1+2j", "(1+2j)"), ("b'raw'", "raw"), ("{'a': (1,)}", {"a": [1]}), ("", ""),
    ("hello # note", "hello # note"), ("8080 # port", 8080), ("1e999", float("inf")),
])
def test_parse_ini_value_types_like_ansible(text: str, value: Any) -> None:
    parsed = parse_ini_value(text)
    assert parsed == value and type(parsed) is type(value)


def test_python_literal_reads_back() -> None:
    value = {"a": [1, 2.5, None, True], "b": {"c": "it's \"x\""}, 3: -float("inf")}
    assert parse_ini_value(python_literal(value)) == value
