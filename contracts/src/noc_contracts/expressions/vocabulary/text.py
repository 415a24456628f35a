"""Ansible's filters on text and paths: Base64, hashes, shell quoting, POSIX path parts and
``split``. Paths are only taken apart as text: nothing here touches a file system."""

from __future__ import annotations

import base64
import binascii
import hashlib
import posixpath
import shlex
from collections.abc import Callable
from typing import Any

from noc_contracts.expressions.vocabulary.bounds import fail, text_input

#: the digests ``hash`` offers: hashlib's guaranteed ones with a fixed length
HASH_TYPES = frozenset(sorted(a for a in hashlib.algorithms_guaranteed
                              if not a.startswith("shake_")))


def _encoded(name: str, value: Any, encoding: str) -> bytes:
    try:
        return text_input(name, value).encode(encoding)
    except (LookupError, UnicodeError) as exc:
        raise fail(name, str(exc)) from None


def b64encode(value: Any, encoding: str = "utf-8", urlsafe: bool = False) -> str:
    """``value`` (as text in ``encoding``) in Base64."""
    raw = _encoded("b64encode", value, encoding)
    return (base64.urlsafe_b64encode(raw) if urlsafe else base64.b64encode(raw)).decode("ascii")


def b64decode(value: Any, encoding: str = "utf-8", urlsafe: bool = False) -> str:
    """Base64 ``value`` decoded to text in ``encoding`` (bytes it cannot read become U+FFFD)."""
    raw = _encoded("b64decode", value, "ascii")
    try:
        data = base64.urlsafe_b64decode(raw) if urlsafe else base64.b64decode(raw)
        return data.decode(encoding, errors="replace")
    except (binascii.Error, LookupError) as exc:
        raise fail("b64decode", str(exc)) from None


def hash_text(value: Any, hashtype: str = "sha1") -> str:
    """The hex digest of ``value`` (UTF-8) by ``hashtype`` (sha1, sha256, md5, ...)."""
    if hashtype not in HASH_TYPES:
        raise fail("hash", f"unsupported hash type {hashtype!r} (one of "
                           f"{', '.join(sorted(HASH_TYPES))})")
    return hashlib.new(hashtype, _encoded("hash", value, "utf-8")).hexdigest()


def sha1(value: Any) -> str:
    """The SHA-1 hex digest of ``value`` (``checksum`` is the same)."""
    return hash_text(value, "sha1")


def md5(value: Any) -> str:
    """The MD5 hex digest of ``value``."""
    return hash_text(value, "md5")


def quote(value: Any) -> str:
    """``value`` quoted for a POSIX shell (None is the empty word)."""
    return shlex.quote("" if value is None else str(value))


def split(value: Any, separator: str | None = None, maxsplit: int = -1) -> list[str]:
    """``str.split``: on ``separator`` (runs of blanks by default), at most ``maxsplit`` times."""
    if not isinstance(value, str):
        raise fail("split", f"expects text, got a {type(value).__name__}")
    return value.split(separator, maxsplit)


def splitext(value: Any) -> list[str]:
    """``'/a/b.txt'`` -> ``['/a/b', '.txt']``."""
    return list(posixpath.splitext(str(value)))


def basename(value: Any) -> str:
    """The last part of a POSIX path (``''`` after a trailing ``/``)."""
    return posixpath.basename(str(value))


def dirname(value: Any) -> str:
    """A POSIX path without its last part."""
    return posixpath.dirname(str(value))


def path_join(value: Any) -> str:
    """A list of path parts joined with ``/`` (a later absolute part restarts the path)."""
    if isinstance(value, str):
        return value
    return posixpath.join(*[str(part) for part in value])


FILTERS: dict[str, Callable[..., Any]] = {
    "b64encode": b64encode, "b64decode": b64decode, "hash": hash_text, "checksum": sha1,
    "sha1": sha1, "md5": md5, "quote": quote, "split": split, "basename": basename,
    "dirname": dirname, "splitext": splitext, "path_join": path_join,
}
