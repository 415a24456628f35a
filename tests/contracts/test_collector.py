"""The collector tuning every layer's ``serve`` applies before serving."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from noc_contracts import collector


@pytest.fixture
def restored() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


@pytest.mark.usefixtures("restored")
def test_start_up_objects_are_frozen_and_young_collections_are_rarer() -> None:
    gc.unfreeze()
    _, middle, old = gc.get_threshold()
    collector.tune()
    assert gc.get_freeze_count() > 0  # what start-up built is out of the collector's reach
    assert gc.get_threshold() == (collector.YOUNG_THRESHOLD, middle, old)
    assert collector.YOUNG_THRESHOLD > 700  # Python's default


class _Node:
    other: object = None


def _cycle() -> weakref.ref[_Node]:
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    return weakref.ref(a)


@pytest.mark.usefixtures("restored")
def test_garbage_in_cycles_is_collected_by_the_collector_on_its_own() -> None:
    collector.tune()
    gc.collect()  # start from an empty young generation
    gone = _cycle()
    kept = [[] for _ in range(collector.YOUNG_THRESHOLD // 2)]
    assert gone() is not None  # not yet: fewer allocations than the threshold
    kept += [[] for _ in range(collector.YOUNG_THRESHOLD)]
    assert gone() is None  # a young collection ran by itself and freed the cycle
    assert len(kept) > collector.YOUNG_THRESHOLD
