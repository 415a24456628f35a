"""What the user reads when the document refuses an edit or a paste: its code, translated.

The document speaks English codes with arguments (``EditRefused.code``, ``.args_``); the
canvas says the same in the user's language, falling back to the English message for a code
it does not know.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from noc_desktop.document import DocumentError


def _t(text: str) -> str:
    return QCoreApplication.translate("CanvasController", text)


def refusal_text(error: DocumentError) -> str:
    """``error`` as one translated sentence."""
    args = {key: (", ".join(value) if isinstance(value, tuple | list) else value)
            for key, value in error.args_.items()}
    texts = {
        "empty_id": _t("A block needs an id."),
        "long_id": _t("A block id has at most {limit} characters."),
        "duplicate_id": _t("There is already a block '{node}'."),
        "unknown_node": _t("There is no block '{node}'."),
        "unknown_type": _t("Unknown block type '{type}'."),
        "fixed_field": _t("The field '{field}' cannot be changed."),
        "no_edges": _t("An end block has no way out: it cannot start an edge."),
        "invalid_kind": _t("This block cannot have a '{kind}' edge (allowed: {allowed})."),
        "kind_used": _t("Every way out of '{node}' is already connected: change or delete "
                        "one of its edges first."),
        "unknown_edge": _t("That edge is not there any more."),
        "unknown_note": _t("That note is not there any more."),
        "duplicate_note": _t("There is already a note '{note}'."),
        "invalid_note": _t("The note cannot take that value ({field})."),
        "not_json": _t("The clipboard does not hold a procedure (it is not JSON)."),
        "not_a_procedure": _t("The clipboard does not hold a procedure: {message}"),
        "invalid_node": _t("The pasted block '{node}' is not valid: {message}"),
        "invalid_graph": _t("The pasted procedure is not valid: {message}"),
        "empty": _t("There is nothing to paste."),
    }
    if error.code == "kind_used" and "kind" in args:
        texts["kind_used"] = _t("'{node}' already has a '{kind}' edge.")
    text = texts.get(error.code)
    if text is None:
        return error.message
    try:
        return text.format(message=error.message, **args)
    except (KeyError, IndexError):
        return error.message
