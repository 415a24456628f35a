"""Node labels (and the selectors placement matches against them): ``key=value`` words, keys
and values as Kubernetes labels, shown sorted as ``site=rio,zone=dmz``."""

from __future__ import annotations

import pytest

from noc_contracts import format_labels, parse_labels
from noc_contracts.nodes import MAX_LABELS, check_labels


def test_words_become_sorted_labels_and_back() -> None:
    labels = parse_labels(["zone=dmz", " site = rio ", "tier="])
    assert list(labels) == ["site", "tier", "zone"]
    assert labels == {"site": "rio", "tier": "", "zone": "dmz"}
    assert format_labels(labels) == "site=rio,tier=,zone=dmz"
    assert parse_labels([]) == {} and format_labels({}) == ""


@pytest.mark.parametrize(("words", "named"), [
    (["site"], "'site'"), (["=rio"], "''"), (["si te=rio"], "'si te'"),
    (["site=rio de janeiro"], "'rio de janeiro'"), (["-site=rio"], "'-site'"),
    (["site=rio-"], "'rio-'"), (["k" * 64 + "=v"], "k" * 64), (["a=1", "a=2"], "a given twice"),
    (["site={{ lookup('pipe', 'id') }}"], "lookup"),
])
def test_bad_words_are_named(words: list[str], named: str) -> None:
    with pytest.raises(ValueError, match="label") as caught:
        parse_labels(words)
    assert named in str(caught.value)


def test_at_most_so_many_labels() -> None:
    check_labels({f"k{i}": "v" for i in range(MAX_LABELS)})
    with pytest.raises(ValueError, match=f"at most {MAX_LABELS}"):
        check_labels({f"k{i}": "v" for i in range(MAX_LABELS + 1)})
