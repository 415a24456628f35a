"""Editor tests run offscreen with a shown ``FlowchartEditor`` (no server unless a test asks)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from pytestqt.qtbot import QtBot

from noc_desktop.canvas.editor import FlowchartEditor


@pytest.fixture
def editor(qtbot: QtBot) -> FlowchartEditor:
    widget = FlowchartEditor(None)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.view.set_zoom(0.7)
    widget.view.centerOn(0, 0)
    return widget
