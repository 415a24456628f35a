"""The procedure document, no Qt: graph, layout and notes, invertible edits, change events,
edge rules, validation while editing, clipboard JSON and automatic layout."""

from noc_desktop.document.arrange import auto_layout
from noc_desktop.document.changes import (
    Change,
    DocEdge,
    DocumentReset,
    EdgesAdded,
    EdgesRemoved,
    NodeChanged,
    NodeRenamed,
    NodesAdded,
    NodesMoved,
    NodesRemoved,
    NotesAdded,
    NotesChanged,
    NotesRemoved,
    ProcedureFieldChanged,
    StartChanged,
)
from noc_desktop.document.clipboard import (
    Pasted,
    copy,
    delete_selection,
    duplicate,
    paste,
    unique_id,
)
from noc_desktop.document.edge_edits import AddEdge, Reconnect, RemoveEdge
from noc_desktop.document.edge_rules import check_edge, first_free_kind, valid_edge_kinds
from noc_desktop.document.edits import (
    MISSING,
    Composite,
    Edit,
    SetProcedureField,
    SetStart,
    UndoStep,
)
from noc_desktop.document.errors import DocumentError, EditRefused, InvalidDocument
from noc_desktop.document.node_edits import AddNode, MoveNodes, RemoveNode, SetNodeProperty
from noc_desktop.document.note_edits import AddNote, EditNote, MoveNote, RemoveNote
from noc_desktop.document.problems import Problem, problems, problems_of
from noc_desktop.document.procedure import ProcedureDocument

__all__ = [
    "MISSING",
    "AddEdge",
    "AddNode",
    "AddNote",
    "Change",
    "Composite",
    "DocEdge",
    "DocumentError",
    "DocumentReset",
    "EdgesAdded",
    "EdgesRemoved",
    "Edit",
    "EditNote",
    "EditRefused",
    "InvalidDocument",
    "MoveNodes",
    "MoveNote",
    "NodeChanged",
    "NodeRenamed",
    "NodesAdded",
    "NodesMoved",
    "NodesRemoved",
    "NotesAdded",
    "NotesChanged",
    "NotesRemoved",
    "Pasted",
    "Problem",
    "ProcedureDocument",
    "ProcedureFieldChanged",
    "Reconnect",
    "RemoveEdge",
    "RemoveNode",
    "RemoveNote",
    "SetNodeProperty",
    "SetProcedureField",
    "SetStart",
    "StartChanged",
    "UndoStep",
    "auto_layout",
    "check_edge",
    "copy",
    "delete_selection",
    "duplicate",
    "first_free_kind",
    "paste",
    "problems",
    "problems_of",
    "unique_id",
    "valid_edge_kinds",
]
