"""Work around PySide6 6.12.0 on CPython 3.11: every call of a void Qt method drops one
reference to ``None`` (None is immortal only from 3.12), so a few thousand calls crash the
process with "none_dealloc". 6.11.3 does not; until the desktop pins it, tests pad None's
reference count once per process. Remove with the pin."""

from __future__ import annotations

import ctypes
import sys

import PySide6

PADDING = 1 << 40


def pad_none_refcount() -> None:
    """Give ``None`` enough references to outlive any test run (once per process)."""
    if sys.version_info >= (3, 12) or not PySide6.__version__.startswith("6.12."):
        return
    if getattr(sys, "_noc_none_padded", False):
        return
    ctypes.c_ssize_t.from_address(id(None)).value += PADDING
    sys._noc_none_padded = True  # type: ignore[attr-defined]
