"""Grow an :class:`Inventory` with Ansible's rules, so every parser and exporter agrees on them.

The rules, as ansible-core 2.19 applies them: a host's ``:port`` counts only when the host is
first created; a later var replaces an earlier one; a child edge that would close a loop is
refused; at the end, parentless groups join ``all`` and ``ungrouped`` keeps only the hosts
that belong to no other group.
"""

from __future__ import annotations

import copy
from typing import Any

from noc_backend.inventory_io.model import (
    ALL,
    SPECIAL_GROUPS,
    UNGROUPED,
    Inventory,
    InvGroup,
    InvHost,
)


class InventoryBuildError(ValueError):
    """A rule was broken (empty name, group loop); the parser adds the line number."""


class InventoryBuilder:
    """Mutations with Ansible's semantics; call :meth:`finish` once at the end."""

    def __init__(self, inventory: Inventory | None = None) -> None:
        self.inventory = inventory if inventory is not None else Inventory()
        self._parents: dict[str, list[str]] = {}
        groups = self.inventory.groups
        for name in (ALL, UNGROUPED):
            self.add_group(name)
        if UNGROUPED not in groups[ALL].children:
            groups[ALL].children.insert(0, UNGROUPED)
        for group in list(groups.values()):
            self._parents.setdefault(group.name, [])
            for child in group.children:
                self.add_group(child)
                self._parents[child].append(group.name)
        for name in groups:
            if name in self.ancestors(name):
                raise InventoryBuildError(f"group '{name}' is its own ancestor (a dependency loop)")

    def has_group(self, name: str) -> bool:
        return name in self.inventory.groups

    def add_group(self, name: str) -> InvGroup:
        if not name:
            raise InventoryBuildError("empty group name")
        group = self.inventory.groups.get(name)
        if group is None:
            group = self.inventory.groups[name] = InvGroup(name)
        self._parents.setdefault(name, [])
        return group

    def add_host(self, name: str, group: str | None = None, port: int | None = None) -> InvHost:
        """Create the host if new (then ``port`` becomes ``ansible_port``) and join ``group``."""
        if not name:
            raise InventoryBuildError("empty host name")
        host = self.inventory.hosts.get(name)
        if host is None:
            host = self.inventory.hosts[name] = InvHost(name)
            if port is not None:
                host.vars["ansible_port"] = port
        if group is not None:
            members = self.add_group(group).hosts
            if name not in members:
                members.append(name)
        return host

    def set_host_var(self, host: str, key: str, value: Any) -> None:
        self.inventory.hosts[host].vars[key] = value

    def set_group_var(self, group: str, key: str, value: Any) -> None:
        self.add_group(group).vars[key] = value

    def ancestors(self, group: str) -> set[str]:
        found: set[str] = set()
        pending = [group]
        while pending:
            for parent in self._parents.get(pending.pop(), []):
                if parent not in found:
                    found.add(parent)
                    pending.append(parent)
        return found

    def add_child(self, parent: str, child: str) -> None:
        if parent == child:
            raise InventoryBuildError(f"group '{parent}' cannot be its own child")
        children = self.add_group(parent).children
        self.add_group(child)
        if child in children:
            return
        if child in self.ancestors(parent):
            raise InventoryBuildError(
                f"adding group '{child}' as child to '{parent}' creates a dependency loop")
        children.append(child)
        self._parents[child].append(parent)

    def finish(self) -> Inventory:
        """Apply Ansible's reconcile step and return the inventory."""
        inv = self.inventory
        for name in list(inv.groups):
            if name != ALL and not self._parents[name]:
                self.add_child(ALL, name)
        direct: dict[str, set[str]] = {name: set() for name in inv.hosts}
        for group in inv.groups.values():
            for host in group.hosts:
                self.add_host(host)
                direct.setdefault(host, set()).add(group.name)
        ungrouped = inv.groups[UNGROUPED].hosts
        for name, groups in direct.items():
            if groups - SPECIAL_GROUPS:
                if name in ungrouped:
                    ungrouped.remove(name)
            elif name not in ungrouped:
                ungrouped.append(name)
        # ansible-inventory never shows direct members of `all`; they live in `ungrouped`.
        inv.groups[ALL].hosts.clear()
        return inv


def normalized(inventory: Inventory) -> Inventory:
    """A reconciled deep copy: what exporters write, whoever built the inventory."""
    builder = InventoryBuilder(copy.deepcopy(inventory))
    return builder.finish()
