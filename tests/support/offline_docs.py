"""Checks that a docs page works offline: every URL it references is on the same origin (a
path, no scheme or host) and answers 200 from the server that served the page."""

from __future__ import annotations

import re
from typing import Any

#: src/href attributes, and the ``url: '...'`` / ``spec-url="..."`` the pages load the schema by
_REFERENCES = re.compile(r"""(?:src|href|spec-url)=["']([^"']+)["']|\burl:\s*['"]([^'"]+)['"]""")


def references(html: str) -> list[str]:
    return [a or b for a, b in _REFERENCES.findall(html)]


def assert_works_offline(client: Any, page: str) -> list[str]:
    """GET ``page`` with ``client`` (a TestClient or httpx.Client on the server); returns the
    URLs it references, after checking each."""
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code)
    found = references(response.text)
    assert found, f"{page} references nothing: the pattern no longer matches the page"
    assert "//" not in response.text.replace("<!DOCTYPE", ""), \
        f"{page} holds an absolute URL: {response.text}"
    for url in found:
        assert url.startswith("/") and not url.startswith("//"), (page, url)
        assert client.get(url).status_code == 200, (page, url)
    return found
