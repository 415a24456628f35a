"""The inventory I/O exceptions: a parse error knows its 1-based line, an export error its item.

    InventoryError (ValueError)
     +-- InventoryParseError (message, line)
     +-- InventoryExportError (message, item)
"""

from __future__ import annotations


class InventoryError(ValueError):
    """Base of every inventory import/export failure."""


class InventoryParseError(InventoryError):
    """The inventory text is not valid; ``line`` is the 1-based line the problem is on."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.message = message
        self.line = line


class InventoryExportError(InventoryError):
    """The inventory cannot be written in the asked format; ``item`` names the host/group/var."""

    def __init__(self, message: str, item: str) -> None:
        super().__init__(f"{item}: {message}")
        self.message = message
        self.item = item
