"""The example procedure opened in an editor (laid out by the editor, as a saved one would be)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from noc_desktop.canvas.editor import FlowchartEditor
from noc_desktop.document import ProcedureDocument
from tests.desktop.document.graphs import example_graph


def open_example(editor: FlowchartEditor) -> ProcedureDocument:
    doc = ProcedureDocument.from_graph(example_graph(keep_layout=False), name="nginx")
    editor.set_document(doc)
    QApplication.processEvents()  # the view takes the new scene rect (queued) before we aim
    editor.view.set_zoom(0.7)
    editor.view.centerOn(editor.scene.itemsBoundingRect().center())
    return doc
