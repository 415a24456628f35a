"""Ansible inventory import/export, pure and I/O-free: text in, :class:`Inventory` out, and back.

``parse_ini``/``parse_yaml`` read Ansible's two inventory formats as ansible-core 2.19 does,
``to_ini``/``to_yaml`` write them so Ansible reads the same inventory back, and
``plan_import`` tells what an import would change (the dry run).
"""

from noc_backend.inventory_io.builder import normalized
from noc_backend.inventory_io.diff import FieldChange, HostUpdate, ImportPlan, plan_import
from noc_backend.inventory_io.errors import (
    InventoryError,
    InventoryExportError,
    InventoryParseError,
)
from noc_backend.inventory_io.export import to_ini, to_yaml
from noc_backend.inventory_io.flatten import FlatHost, flatten_all
from noc_backend.inventory_io.ini import parse_ini
from noc_backend.inventory_io.model import ALL, UNGROUPED, Inventory, InvGroup, InvHost
from noc_backend.inventory_io.yaml_format import parse_yaml

__all__ = [
    "ALL", "UNGROUPED", "FieldChange", "FlatHost", "HostUpdate", "ImportPlan", "InvGroup",
    "InvHost", "Inventory", "InventoryError", "InventoryExportError", "InventoryParseError",
    "flatten_all", "normalized", "parse_ini", "parse_yaml", "plan_import", "to_ini", "to_yaml",
]
