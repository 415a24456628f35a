"""Ansible's filters and tests on lists and dicts: ``combine``, ``dict2items``/``items2dict``,
``flatten``, the set filters (``union``, ``intersect``, ...), ``zip``, and the tests
``contains``, ``subset`` and ``superset``.

The set filters keep the order in which items first appear (Ansible returns Python set order,
which for strings changes from run to run) and work on unhashable items too.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from jinja2 import Environment, pass_environment
from jinja2.filters import make_attrgetter

from noc_contracts.expressions.budget import current
from noc_contracts.expressions.vocabulary.bounds import fail

_LIST_MERGES = ("replace", "keep", "append", "prepend", "append_rp", "prepend_rp")
_NULLS: tuple[Any, ...] = (None, "None", "null")


def _merge_lists(old: list[Any], new: list[Any], how: str) -> list[Any]:
    if how == "keep":
        return old
    if how == "append":
        return old + new
    if how == "prepend":
        return new + old
    if how == "append_rp":
        return [item for item in old if item not in new] + new
    if how == "prepend_rp":
        return new + [item for item in old if item not in new]
    return new


def _merge(old: dict[Any, Any], new: Mapping[Any, Any], recursive: bool,
           how: str) -> dict[Any, Any]:
    merged = dict(old)
    for key, value in new.items():
        mine = merged.get(key)
        if recursive and isinstance(mine, Mapping) and isinstance(value, Mapping):
            merged[key] = _merge(dict(mine), value, recursive, how)
        elif isinstance(mine, list) and isinstance(value, list):
            merged[key] = _merge_lists(mine, value, how)
        else:
            merged[key] = value
    return merged


def combine(*terms: Any, recursive: bool = False, list_merge: str = "replace") -> dict[Any, Any]:
    """The dicts merged left to right (lists of dicts count as their dicts)."""
    if list_merge not in _LIST_MERGES:
        raise fail("combine", f"list_merge must be one of {', '.join(_LIST_MERGES)}")
    dicts = [d for term in terms for d in (term if isinstance(term, list | tuple) else [term])]
    result: dict[Any, Any] = {}
    for item in dicts:
        if not isinstance(item, Mapping):
            raise fail("combine", f"expects dicts, got a {type(item).__name__}")
        current().check_time()
        result = _merge(result, item, recursive, list_merge)
    return result


def dict2items(mapping: Any, key_name: str = "key", value_name: str = "value") -> list[Any]:
    """``{'a': 1}`` -> ``[{'key': 'a', 'value': 1}]``."""
    if not isinstance(mapping, Mapping):
        raise fail("dict2items", f"expects a dict, got a {type(mapping).__name__}")
    return [{key_name: key, value_name: value} for key, value in mapping.items()]


def items2dict(items: Any, key_name: str = "key", value_name: str = "value") -> dict[Any, Any]:
    """``[{'key': 'a', 'value': 1}]`` -> ``{'a': 1}``."""
    if not isinstance(items, list | tuple) or not all(isinstance(i, Mapping) for i in items):
        raise fail("items2dict", "expects a list of dicts")
    try:
        return {item[key_name]: item[value_name] for item in items}
    except KeyError:
        raise fail("items2dict", f"every dict needs the keys '{key_name}' and "
                                 f"'{value_name}'") from None


def flatten(items: Any, levels: int | None = None, skip_nulls: bool = True) -> list[Any]:
    """Lists inside ``items`` spliced in (``levels`` deep, all by default); nulls dropped."""
    flat: list[Any] = []
    for item in items:
        if skip_nulls and not isinstance(item, list | tuple | Mapping) and item in _NULLS:
            continue
        if isinstance(item, list | tuple) and (levels is None or levels >= 1):
            flat.extend(flatten(item, None if levels is None else levels - 1, skip_nulls))
        else:
            flat.append(item)
    return flat


class _Members:
    """Membership as ``in`` sees it, in constant time for hashable items."""

    def __init__(self, items: Iterable[Any] = ()) -> None:
        self._hashed: set[Any] = set()
        self._listed: list[Any] = []
        for item in items:
            self.add(item)

    def add(self, item: Any) -> None:
        try:
            self._hashed.add(item)
        except TypeError:
            self._listed.append(item)

    def __contains__(self, item: Any) -> bool:
        try:
            return item in self._hashed
        except TypeError:
            return item in self._listed


def _unique(items: Iterable[Any]) -> list[Any]:
    seen, kept, active = _Members(), [], current()
    for count, item in enumerate(items):
        if count % 256 == 0:
            active.check_time()
        if item not in seen:
            seen.add(item)
            kept.append(item)
    return kept


@pass_environment
def unique(environment: Environment, items: Any, case_sensitive: bool = False,
           attribute: str | int | None = None) -> list[Any]:
    """Each item once, in first-seen order (a list, as Ansible's; text compared ignoring case
    unless ``case_sensitive``; by ``attribute`` when given)."""
    def fold(value: Any) -> Any:
        return value.lower() if isinstance(value, str) and not case_sensitive else value

    key = make_attrgetter(environment, attribute, postprocess=fold) if attribute is not None \
        else fold
    seen, kept, active = _Members(), [], current()
    for count, item in enumerate(items):
        if count % 256 == 0:
            active.check_time()
        mark = key(item)
        if mark not in seen:
            seen.add(mark)
            kept.append(item)
    return kept


def union(first: Any, second: Any) -> list[Any]:
    """The items of both, each once."""
    return _unique(itertools.chain(first, second))


def intersect(first: Any, second: Any) -> list[Any]:
    """The items of ``first`` also in ``second``, each once."""
    others = _Members(second)
    return _unique(item for item in first if item in others)


def difference(first: Any, second: Any) -> list[Any]:
    """The items of ``first`` not in ``second``, each once."""
    others = _Members(second)
    return _unique(item for item in first if item not in others)


def symmetric_difference(first: Any, second: Any) -> list[Any]:
    """The items in exactly one of the two, each once."""
    left, right = list(first), list(second)
    in_left, in_right = _Members(left), _Members(right)
    return _unique([i for i in left if i not in in_right] + [i for i in right if i not in in_left])


def zip_lists(*lists: Any) -> list[list[Any]]:
    """The lists side by side, as long as the shortest."""
    return [list(row) for row in zip(*lists, strict=False)]


def zip_longest(*lists: Any, fillvalue: Any = None) -> list[list[Any]]:
    """The lists side by side, as long as the longest (gaps hold ``fillvalue``)."""
    return [list(row) for row in itertools.zip_longest(*lists, fillvalue=fillvalue)]


def is_contains(seq: Any, value: Any) -> bool:
    """True when ``value`` is in ``seq`` (``in`` with the operands swapped, for ``select``)."""
    return value in seq


def is_subset(first: Any, second: Any) -> bool:
    """True when every item of ``first`` is in ``second``."""
    others = _Members(second)
    return all(item in others for item in first)


def is_superset(first: Any, second: Any) -> bool:
    """True when every item of ``second`` is in ``first``."""
    return is_subset(second, first)


FILTERS: dict[str, Callable[..., Any]] = {
    "combine": combine, "dict2items": dict2items, "items2dict": items2dict, "flatten": flatten,
    "union": union, "intersect": intersect, "difference": difference,
    "symmetric_difference": symmetric_difference, "zip": zip_lists, "zip_longest": zip_longest,
    "unique": unique,
}
TESTS: dict[str, Callable[..., Any]] = {
    "contains": is_contains, "subset": is_subset, "issubset": is_subset, "superset": is_superset,
    "issuperset": is_superset,
}
