"""Laying out and drawing a big procedure: layout ms, scene build ms, first paint ms.

Run: ``.venv/bin/python bench/bench_canvas.py [--blocks 200] [--rounds 5]`` (offscreen Qt).
Layout = ``document.arrange.place_unplaced`` alone (no stored position); scene =
``FlowchartScene.set_graph`` (document, layout, items, edge routing); first paint = a fitted
``FlowchartView`` grabbed to a pixmap. Prints the median and worst of each; no targets asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from noc_desktop.canvas.items.shapes import SIZES  # noqa: E402
from noc_desktop.canvas.looks import SHAPES  # noqa: E402
from noc_desktop.canvas.scene import FlowchartScene  # noqa: E402
from noc_desktop.canvas.view import FlowchartView  # noqa: E402
from noc_desktop.document.arrange import place_unplaced  # noqa: E402
from tests.desktop.document.graphs import big_graph  # noqa: E402


def ms(samples: list[float]) -> str:
    median, worst = statistics.median(samples) * 1000, max(samples) * 1000
    return f"median {median:7.1f} ms  worst {worst:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--blocks", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    graph = big_graph(args.blocks)
    sizes = {n.id: (SIZES[SHAPES[n.type]].width(), SIZES[SHAPES[n.type]].height())
             for n in graph.nodes}
    ids, edges = [n.id for n in graph.nodes], [(e.from_, e.to) for e in graph.edges]
    layout, scene_build, first_paint = [], [], []
    for _ in range(args.rounds):
        started = time.perf_counter()
        place_unplaced(ids, {}, edges, graph.start, sizes)
        layout.append(time.perf_counter() - started)

        scene = FlowchartScene()
        started = time.perf_counter()
        scene.set_graph(graph)
        scene_build.append(time.perf_counter() - started)

        view = FlowchartView()
        view.resize(1400, 900)
        view.show()
        app.processEvents()
        started = time.perf_counter()
        view.set_graph(graph)
        view.viewport().grab()
        first_paint.append(time.perf_counter() - started)
        view.close()
        view.deleteLater()
        app.processEvents()
    print(f"{len(graph.nodes)} blocks, {len(graph.edges)} edges, {args.rounds} rounds")
    print(f"layout        {ms(layout)}")
    print(f"scene build   {ms(scene_build)}")
    print(f"set + paint   {ms(first_paint)}  (set_graph, fit, first full paint)")


if __name__ == "__main__":
    main()
