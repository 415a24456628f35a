"""Ansible's data-format filters: JSON and YAML both ways, and ``json_query`` (JMESPath).

YAML is read with PyYAML's safe loader only (plain data, no object tags). Dates YAML reads
become ISO text, since results must be JSON data. Anchors and aliases may share one node many
times, so what is loaded is walked and refused once it expands past the budget's size limit
(a "billion laughs" document fails here instead of at serialisation).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Mapping
from typing import Any

import jmespath
import yaml
from jmespath.exceptions import JMESPathError

from noc_contracts.expressions.budget import current
from noc_contracts.expressions.vocabulary.bounds import fail, text_input

_JSON_OPTIONS = frozenset({"indent", "sort_keys", "ensure_ascii", "separators", "allow_nan"})
_YAML_OPTIONS = frozenset({"indent", "width", "sort_keys", "default_flow_style",
                           "explicit_start", "explicit_end", "allow_unicode"})
MAX_INDENT = 64
MAX_DEPTH = 100


def _options(name: str, given: Mapping[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    unknown = sorted(set(given) - allowed)
    if unknown:
        raise fail(name, f"unknown option {unknown[0]!r} (known: {', '.join(sorted(allowed))})")
    indent = given.get("indent")
    if isinstance(indent, int) and indent > MAX_INDENT:
        raise fail(name, f"indent is over {MAX_INDENT}")
    return dict(given)


def to_json(value: Any, **options: Any) -> str:
    """``value`` as JSON text (``indent``, ``sort_keys``, ``ensure_ascii``, ``separators``)."""
    try:
        return json.dumps(value, **_options("to_json", options, _JSON_OPTIONS))
    except (TypeError, ValueError) as exc:
        raise fail("to_json", str(exc)) from None


def to_nice_json(value: Any, indent: int = 4, sort_keys: bool = True, **options: Any) -> str:
    """JSON laid out for people: indented by 4, keys sorted."""
    options.setdefault("separators", (",", ": "))
    return to_json(value, indent=indent, sort_keys=sort_keys, **options)


def from_json(value: Any) -> Any:
    """The data a JSON text holds."""
    if not isinstance(value, str | bytes):
        raise fail("from_json", f"expects text, got a {type(value).__name__}")
    try:
        return json.loads(text_input("from_json", value))
    except ValueError as exc:
        raise fail("from_json", str(exc)) from None


def to_yaml(value: Any, **options: Any) -> str:
    """``value`` as YAML text (flow style for the innermost collections, keys sorted)."""
    given = {"allow_unicode": True, "default_flow_style": None,
             **_options("to_yaml", options, _YAML_OPTIONS)}
    try:
        return str(yaml.dump(value, Dumper=yaml.SafeDumper, **given))
    except yaml.YAMLError as exc:
        raise fail("to_yaml", str(exc)) from None


def to_nice_yaml(value: Any, indent: int = 4, sort_keys: bool = True, **options: Any) -> str:
    """YAML laid out for people: block style, indented by 4."""
    options.setdefault("default_flow_style", False)
    return to_yaml(value, indent=indent, sort_keys=sort_keys, **options)


def _as_data(value: Any, count: list[int], limit: int, depth: int = 0) -> Any:
    """A copy of ``value`` with dates as ISO text, counting every node it expands to (an alias
    that contains itself never ends: the depth bound stops it)."""
    count[0] += 1
    if count[0] > limit:
        raise fail("from_yaml", f"the document expands to over {limit:,} items")
    if depth > MAX_DEPTH:
        raise fail("from_yaml", f"the document nests deeper than {MAX_DEPTH} levels")
    if count[0] % 256 == 0:
        current().check_time()
    if isinstance(value, dict):
        return {_as_data(k, count, limit, depth + 1): _as_data(v, count, limit, depth + 1)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_as_data(item, count, limit, depth + 1) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bytes | set):
        raise fail("from_yaml", f"a {type(value).__name__} is not data")
    return value


def from_yaml(value: Any) -> Any:
    """The data a YAML text holds (values that are not text pass through unchanged)."""
    if not isinstance(value, str):
        return value
    try:
        loaded = yaml.safe_load(text_input("from_yaml", value))
    except yaml.YAMLError as exc:
        raise fail("from_yaml", str(exc)) from None
    except RecursionError:
        raise fail("from_yaml", f"the document nests deeper than {MAX_DEPTH} levels") from None
    return _as_data(loaded, [0], current().max_output)


def json_query(value: Any, query: Any) -> Any:
    """The JMESPath ``query`` applied to ``value`` (``'a[].n'``, ``"[?state=='up'].name"``)."""
    try:
        return jmespath.search(str(query), value)
    except JMESPathError as exc:
        raise fail("json_query", str(exc).replace("\n", " ")) from None


FILTERS: dict[str, Callable[..., Any]] = {
    "to_json": to_json, "to_nice_json": to_nice_json, "from_json": from_json, "to_yaml": to_yaml,
    "to_nice_yaml": to_nice_yaml, "from_yaml": from_yaml, "json_query": json_query,
}
