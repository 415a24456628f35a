"""A procedure diff in words, for the line under the two canvases of a comparison (the canvases
show the blocks; this also says what no block shows: edges, notes, name, start)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from noc_desktop.document.changes import DocEdge
from noc_desktop.document.diff import ProcedureDiff

translate = QCoreApplication.translate
MAX_NAMED = 6


def _names(ids: Sequence[str]) -> str:
    shown = ", ".join(ids[:MAX_NAMED])
    if len(ids) > MAX_NAMED:
        shown = translate("ProcedureDiff", "{names} and {count} more").format(
            names=shown, count=len(ids) - MAX_NAMED)
    return shown


def _edges(edges: Sequence[DocEdge]) -> list[str]:
    return [f"{e.source} → {e.target} ({e.kind})" for e in edges]


def diff_lines(diff: ProcedureDiff) -> list[str]:
    """One sentence per kind of difference, in a stable order; empty when there is none."""
    field_names = {"name": translate("ProcedureDiff", "name"),
                   "description": translate("ProcedureDiff", "description"),
                   "start": translate("ProcedureDiff", "start block"),
                   "allow_command": translate("ProcedureDiff", "command permission")}
    rows = [
        (diff.added, translate("ProcedureDiff", "Blocks added: {names}")),
        (diff.removed, translate("ProcedureDiff", "Blocks removed: {names}")),
        (diff.changed, translate("ProcedureDiff", "Blocks changed: {names}")),
        (diff.moved, translate("ProcedureDiff", "Blocks moved: {names}")),
        (_edges(diff.edges_added), translate("ProcedureDiff", "Edges added: {names}")),
        (_edges(diff.edges_removed), translate("ProcedureDiff", "Edges removed: {names}")),
        (diff.notes_added + diff.notes_removed + diff.notes_changed,
         translate("ProcedureDiff", "Notes added, removed or changed: {names}")),
        ([field_names.get(f, f) for f in diff.fields],
         translate("ProcedureDiff", "Also changed: {names}")),
    ]
    return [text.format(names=_names(list(ids))) for ids, text in rows if ids]


def diff_summary(diff: ProcedureDiff) -> str:
    """The lines of ``diff_lines``, or a sentence saying the two are the same."""
    lines = diff_lines(diff)
    return "\n".join(lines) if lines else translate("ProcedureDiff",
                                                    "The two versions are the same.")
