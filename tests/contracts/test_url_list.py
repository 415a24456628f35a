"""The one reading of a setting holding one or several URLs (``NOC_*_SCHEDULER_URL``)."""

from __future__ import annotations

import pytest

from noc_contracts.url_list import check_urls, split_urls


def test_a_list_is_split_and_tidied() -> None:
    assert split_urls(" http://a:1/, https://b ,") == ["http://a:1", "https://b"]
    assert check_urls("http://a:1/,https://[::1]:8701", "V") == ["http://a:1", "https://[::1]:8701"]


@pytest.mark.parametrize("value", ["", ",", "scheduler:8701", "http://ok:1,file:///x",
                                   "http://:80", "http://a:99999", "http://[::1"])
def test_a_bad_list_names_the_variable(value: str) -> None:
    with pytest.raises(ValueError, match="NOC_X_URL"):
        check_urls(value, "NOC_X_URL")
