"""The stored inventory as an Ansible inventory: groups with vars and children, hosts with
their own vars (connection fields as ``ansible_*``), in the order they were created.

Node selectors, like credentials and ``enabled``, are ours, not Ansible's: an Ansible inventory
has no place for them but vars, and a var would reach every task's Ansible vars. So an export
leaves them out, and an import (``inventory_import``) leaves the stored ones as they are.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Literal, cast

from noc_backend.core.errors import Invalid
from noc_backend.inventory_io import Inventory, InventoryExportError, to_ini, to_yaml
from noc_backend.inventory_io.builder import InventoryBuilder
from noc_backend.models import Host, HostGroup
from noc_backend.services.grouptree import SPECIAL, load_tree
from noc_backend.services.hostvars import own_vars
from noc_contracts import ErrorCode

logger = logging.getLogger(__name__)


def stored_inventory() -> Inventory:
    """Every host and group from the database (call inside a connection)."""
    tree = load_tree()
    builder = InventoryBuilder()
    for name, variables in tree.vars.items():
        builder.add_group(name)
        for key, value in variables.items():
            builder.set_group_var(name, key, value)
    for parent, children in tree.children.items():
        for child in children:
            builder.add_child(parent, child)
    names: dict[int, str] = {}
    for host in Host.select().order_by(Host.id):
        names[host.id] = host.name
        builder.add_host(host.name)
        for key, value in own_vars(host).items():
            builder.set_host_var(host.name, key, value)
    members = cast(Iterable[tuple[int, str]], HostGroup.select(HostGroup.host, HostGroup.name)
                   .order_by(HostGroup.id).tuples())
    for host_id, group in members:
        if group not in SPECIAL:
            builder.add_host(names[host_id], group)
    return builder.finish()


def export(fmt: Literal["ini", "yaml"]) -> str:
    """The inventory text; 422 naming ``format`` when INI cannot carry a name or value."""
    inventory = stored_inventory()
    try:
        text = to_ini(inventory) if fmt == "ini" else to_yaml(inventory)
    except InventoryExportError as exc:
        raise Invalid.on_field("format", f"{exc.item}: {exc.message}",
                               code=ErrorCode.not_exportable) from exc
    logger.info("inventory exported as %s (%d hosts)", fmt, len(inventory.hosts))
    return text
