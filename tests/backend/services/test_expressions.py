"""Expressions compile in a sandboxed Jinja2 environment, or say why not."""

from __future__ import annotations

import pytest

from noc_backend.services.expressions import check_expression


@pytest.mark.parametrize("source", ["plain text", "{{ steps.check.rc == 0 }}",
                                    "{% if host.name %}x{% endif %}"])
def test_valid_sources_compile(source: str) -> None:
    assert check_expression(source) is None


@pytest.mark.parametrize("source", ["{{ steps.check.rc == }}", "{% if x %}", "{{ 'a' "])
def test_broken_sources_are_explained(source: str) -> None:
    message = check_expression(source)
    assert message is not None and message.startswith("does not compile")
