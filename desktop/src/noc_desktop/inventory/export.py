"""Export the inventory to a file the user chose, as Ansible INI or YAML (the server's own
``GET /inventory/export``, written unchanged)."""

from __future__ import annotations

from pathlib import Path

from noc_desktop.client.api import InventoryFormat
from noc_desktop.session import Session

YAML_SUFFIXES = (".yml", ".yaml")


def format_of(path: str, default: str = "ini") -> InventoryFormat:
    """The format a file's extension names; ``default`` when it names none."""
    suffix = Path(path).suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix == ".ini":
        return "ini"
    return "yaml" if default == "yaml" else "ini"


async def export_inventory(session: Session, path: str, fmt: str) -> None:
    """Fetch the export and write it to ``path`` (replacing the file only once complete)."""
    text = await session.call(session.client.export_inventory("yaml" if fmt == "yaml"
                                                              else "ini"))
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
