"""Procedures page tests: the shared desktop fixtures, with the PySide6 6.12 work-around."""

from __future__ import annotations

from tests.desktop.canvas.none_guard import pad_none_refcount

pad_none_refcount()
