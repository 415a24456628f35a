"""New blocks and notes as the palette inserts them: a free id, the type's defaults, and the
task type's param defaults from its schema, so a fresh block is as close to valid as it can be.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import PydanticUndefined

from noc_contracts import CATALOGUE, Note
from noc_desktop.document.clipboard import unique_id
from noc_desktop.document.limits import task_run_defaults
from noc_desktop.document.node_edits import AddNode
from noc_desktop.document.note_edits import AddNote
from noc_desktop.document.procedure import NodeData, Position, ProcedureDocument

#: Fields of a new block by type (a decision's condition is left for the user to write).
DEFAULTS: dict[str, dict[str, Any]] = {
    "task": {"params": {}, **task_run_defaults()},
    "decision": {"condition": ""},
    "loop": {"max_iterations": 3},
    "wait": {"seconds": 10},
    "end": {"result": "success"},
}
#: Ids of new blocks: the task type's name, else one word per type.
BASE_IDS = {"decision": "decide", "loop": "repeat", "wait": "wait", "end": "end"}


def param_defaults(task: str) -> dict[str, Any]:
    """The params a task type's schema gives a default to (JSON-able ones only)."""
    task_type = CATALOGUE.get(task)
    if task_type is None:
        return {}
    found: dict[str, Any] = {}
    for name, info in task_type.params.model_fields.items():
        default = info.default
        if default is not PydanticUndefined and isinstance(default, str | int | float | bool):
            found[info.alias or name] = default
    return found


def blank_node(doc: ProcedureDocument, node_type: str, task: str | None = None) -> NodeData:
    """A new block's wire JSON with an id the document does not use yet."""
    base = task if node_type == "task" and task else BASE_IDS.get(node_type, node_type)
    data: NodeData = {"id": unique_id(base, doc.node_ids()), "type": node_type}
    data.update({k: (dict(v) if isinstance(v, dict) else v)
                 for k, v in DEFAULTS.get(node_type, {}).items()})
    if node_type == "task":
        data["task"] = task or ""
        data["params"] = param_defaults(task or "")
    return data


def insert_block(doc: ProcedureDocument, node_type: str, at: Position,
                 task: str | None = None) -> AddNode:
    """The edit adding a new block centred at ``at``; the first block becomes the start."""
    return AddNode(blank_node(doc, node_type, task), at, as_start=doc.start is None)


def insert_note(doc: ProcedureDocument, at: Position, text: str = "") -> AddNote:
    """The edit adding a new note with its top-left corner at ``at``."""
    note_id = unique_id("note", doc.note_ids())
    return AddNote(Note(id=note_id, text=text, x=at[0], y=at[1]))
