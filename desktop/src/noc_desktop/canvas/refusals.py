"""What the user reads when the document refuses an edit or a paste: its code, translated.

The document speaks English codes with arguments (``EditRefused.code``, ``.args_``); the
canvas says the same in the user's language, falling back to the English message for a code
it does not know.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from noc_desktop.document import DocumentError

translate = QCoreApplication.translate


def refusal_text(error: DocumentError) -> str:
    """``error`` as one translated sentence."""
    args = {key: (", ".join(value) if isinstance(value, tuple | list) else value)
            for key, value in error.args_.items()}
    texts = {
        "empty_id": translate("Refusals", "A block needs an id."),
        "long_id": translate("Refusals", "A block id has at most {limit} characters."),
        "duplicate_id": translate("Refusals", "There is already a block '{node}'."),
        "unknown_node": translate("Refusals", "There is no block '{node}'."),
        "unknown_type": translate("Refusals", "Unknown block type '{type}'."),
        "fixed_field": translate("Refusals", "The field '{field}' cannot be changed."),
        "no_edges": translate("Refusals", "An end block has no way out: it cannot start an edge."),
        "invalid_kind": translate(
            "Refusals", "This block cannot have a '{kind}' edge (allowed: {allowed})."),
        "kind_used": translate(
            "Refusals", "Every way out of '{node}' is connected already: change or delete one."),
        "unknown_edge": translate("Refusals", "That edge is not there any more."),
        "unknown_note": translate("Refusals", "That note is not there any more."),
        "duplicate_note": translate("Refusals", "There is already a note '{note}'."),
        "invalid_note": translate("Refusals", "The note cannot take that value ({field})."),
        "not_json": translate("Refusals", "The clipboard does not hold a procedure (not JSON)."),
        "not_a_procedure": translate(
            "Refusals", "The clipboard does not hold a procedure: {message}"),
        "invalid_node": translate("Refusals", "The pasted block '{node}' is not valid: {message}"),
        "invalid_graph": translate("Refusals", "The pasted procedure is not valid: {message}"),
        "empty": translate("Refusals", "There is nothing to paste."),
        "read_only": translate("Refusals", "Your role may view this procedure, not change it."),
    }
    if error.code == "kind_used" and "kind" in args:
        texts["kind_used"] = translate("Refusals", "'{node}' already has a '{kind}' edge.")
    text = texts.get(error.code)
    if text is None:
        return error.message
    try:
        return text.format(message=error.message, **args)
    except (KeyError, IndexError):
        return error.message
