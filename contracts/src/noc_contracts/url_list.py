"""A setting holding one URL or several, comma-separated (a layer's peers in a scale-out
deployment): the one reading every layer uses. Pure parsing, no I/O."""

from __future__ import annotations

from urllib.parse import urlsplit


def split_urls(value: str) -> list[str]:
    """``a, b/,`` -> ``["a", "b"]``: blanks and trailing slashes dropped."""
    return [u.strip().rstrip("/") for u in value.split(",") if u.strip()]


def check_urls(value: str, variable: str) -> list[str]:
    """The URLs of ``value``; ValueError naming ``variable`` and the first that is not an
    http(s) URL with a host."""
    urls = split_urls(value)
    if not urls:
        raise ValueError(f"{variable} must name at least one URL")
    for url in urls:
        try:
            parts = urlsplit(url)
            ok = parts.scheme in ("http", "https") and bool(parts.hostname) and (
                parts.port is None or parts.port > 0)
        except ValueError:  # a bad port or bracket
            ok = False
        if not ok:
            raise ValueError(f"{variable}: {url!r} is not an http(s) URL with a host "
                             "(several URLs are separated by commas)")
    return urls
