"""Why the document refused something: a code the UI translates and an English message.

The document has no Qt, so no ``tr()``: widgets map ``code`` to their own translated text
(with ``args`` as its placeholders) and may fall back to ``message``.
"""

from __future__ import annotations

from typing import Any


class DocumentError(Exception):
    """Base of the document's errors."""

    def __init__(self, code: str, message: str, **args: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.args_ = args


class EditRefused(DocumentError):
    """An edit that would break the document (an id taken, an edge kind already used...)."""


class InvalidDocument(DocumentError):
    """Text that is not a procedure, or a document that cannot become a graph yet."""
