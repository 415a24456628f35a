"""The collector tuning every layer's ``serve`` applies before serving."""

from __future__ import annotations

import gc
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
    collector.tune()
    assert gc.get_freeze_count() > 0  # what start-up built is out of the collector's reach
    assert gc.get_threshold() == (collector.YOUNG_THRESHOLD, collector.MIDDLE_THRESHOLD,
                                  collector.OLD_THRESHOLD)
    assert gc.get_threshold()[0] > 700  # Python's default


@pytest.mark.usefixtures("restored")
def test_garbage_in_cycles_is_still_collected() -> None:
    collector.tune()

    class Node:
        other: object = None

    a, b = Node(), Node()
    a.other, b.other = b, a
    gone = id(a)
    del a, b
    gc.collect()
    assert all(id(o) != gone for o in gc.get_objects() if isinstance(o, Node))
