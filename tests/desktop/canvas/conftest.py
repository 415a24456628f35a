"""Canvas tests run offscreen, with the PySide6 6.12 ``None`` work-around."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.desktop.canvas.none_guard import pad_none_refcount

pad_none_refcount()
