"""Fonts of the canvas, sized in pixels: scene units, so blocks look the same on every screen."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont


@cache
def font(pixels: int, bold: bool = False) -> QFont:
    result = QFont()
    result.setPixelSize(pixels)
    result.setBold(bold)
    return result
