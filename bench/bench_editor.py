"""The flowchart editor on a big procedure: opening it, auto-layout, a drag's frames, and the
document's revalidation after each edit.

Run: ``.venv/bin/python bench/bench_editor.py [--blocks 200] [--steps 60]`` (offscreen Qt).
Open = ``FlowchartEditor.set_document`` (the layered layout of the unplaced blocks, items, edge
routing) plus the first paint; auto-layout = the Ctrl+L edit applied to the canvas; the drag
presses a block on the canvas and moves it across in ``--steps`` simulated mouse moves, each
frame timed from the move to its paint. Prints the times and the targets (open + layout < 1 s;
frames well under 16-30 ms). Revalidation = ``problems`` after a move, a condition typed, a
param typed (medians over 10 each), a task renamed that one condition names, a block added.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from noc_desktop.canvas.editor import FlowchartEditor  # noqa: E402
from noc_desktop.document import (  # noqa: E402
    AddNode,
    Edit,
    MoveNodes,
    ProcedureDocument,
    SetNodeProperty,
)
from noc_desktop.document.problems import compute_problems, problems  # noqa: E402
from tests.desktop.document.graphs import big_graph  # noqa: E402


def timed(work: Callable[[], object]) -> str:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return (f"{(time.perf_counter() - wall) * 1000:7.1f} ms wall"
            f" {(time.process_time() - cpu) * 1000:7.1f} ms CPU")


def revalidation(blocks: int) -> None:
    """The document's checks after edits (no Qt): the per-node memo keeps each small."""
    doc = ProcedureDocument.from_graph(big_graph(blocks), "big")
    print(f"first validation of {len(doc.node_ids())} blocks: {timed(lambda: problems(doc))}")
    runs: dict[str, list[Edit]] = {
        "a move": [MoveNodes.of({"check3": (float(i), 0.0)}) for i in range(10)],
        "a condition typed": [SetNodeProperty("up3?", "condition", f"steps.check3.rc == {i}")
                              for i in range(10)],
        "a param typed": [SetNodeProperty("check5", "params.name", f"svc{i}")
                          for i in range(10)],
    }
    for name, edits in runs.items():
        applied, checked = [], []
        for edit in edits:
            began = time.perf_counter()
            doc.apply(edit)
            applied.append(time.perf_counter() - began)
            began = time.perf_counter()
            problems(doc)
            checked.append(time.perf_counter() - began)
        print(f"per edit, {name}: apply {statistics.median(applied) * 1000:.2f} ms, "
              f"revalidate {statistics.median(checked) * 1000:.2f} ms (median)")
    doc.apply(SetNodeProperty("check3", "id", "probe3"))
    print(f"renaming a task one condition names:  {timed(lambda: compute_problems(doc))}")
    doc.apply(AddNode({"id": "extra", "type": "task", "task": "ping"}, (0.0, 0.0)))
    print(f"adding a task block:                  {timed(lambda: compute_problems(doc))}")


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--blocks", type=int, default=200)
    parser.add_argument("--steps", type=int, default=60)
    args = parser.parse_args()
    revalidation(args.blocks)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    editor = FlowchartEditor(None)
    editor.resize(1400, 900)
    editor.show()
    settle(app)
    doc = ProcedureDocument.from_graph(big_graph(args.blocks), name="big")

    def open_it() -> None:
        editor.set_document(doc)
        editor.controller.check_now()
        editor.grab()

    opened = timed(open_it)
    # Ctrl+L on a flow the user has moved about (else the layout would change nothing)
    editor.controller.move({n: (i * 37.0 % 900, i * 53.0 % 700)
                            for i, n in enumerate(doc.node_ids())})
    laid_out = timed(lambda: (editor.controller.auto_layout(), editor.grab()))
    print(f"{len(doc.node_ids())} blocks, {len(doc.edges())} edges (wall ms / CPU ms)")
    print(f"open (layered layout, items, routing, check, first paint): {opened}")
    print(f"auto-layout of a shuffled flow (Ctrl+L, repaint):         {laid_out}")
    print("target: each < 1000 ms")

    view, viewport = editor.view, editor.view.viewport()
    view.set_zoom(1.0)
    block = editor.scene.blocks["fix0"]
    view.centerOn(block)
    settle(app)
    start = view.mapFromScene(block.scenePos())
    end = start + QPoint(viewport.width() // 2 - 40, viewport.height() // 3)
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    frames, cpu = [], []
    for i in range(1, args.steps + 1):
        point = start + (end - start) * (i / args.steps)
        began, began_cpu = time.perf_counter(), time.process_time()
        QTest.mouseMove(viewport, point)
        viewport.repaint()
        app.processEvents()
        frames.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    began = time.perf_counter()
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    app.processEvents()
    release = time.perf_counter() - began
    assert editor.undo_stack.count() == 3, "the drag is one undo step"
    print(f"drag of one block, {args.steps} moves: median {statistics.median(frames) * 1000:.1f}"
          f" ms, longest frame {max(frames) * 1000:.1f} ms wall; CPU median "
          f"{statistics.median(cpu) * 1000:.1f} ms, longest {max(cpu) * 1000:.1f} ms "
          "(target well under 16-30 ms)")
    print(f"drop (the move edit, re-check of the document): {release * 1000:.1f} ms")


if __name__ == "__main__":
    main()
