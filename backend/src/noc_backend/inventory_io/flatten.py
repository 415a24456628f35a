"""Flatten a host as the backend stores it: a set of group labels and one dict of vars.

The backend keeps groups as plain labels on hosts, without group vars or nesting, so an
imported host carries every group it is in (ancestors included) and the vars Ansible would
give it: group vars from ``all`` down to the deepest group (ties by
``ansible_group_priority``, then name), the host's own vars last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from noc_backend.inventory_io.model import ALL, UNGROUPED, Inventory

_PRIORITY = "ansible_group_priority"


@dataclass(frozen=True)
class FlatHost:
    """One host as a flat record: labels sorted, vars merged."""

    name: str
    groups: tuple[str, ...] = ()
    vars: dict[str, Any] = field(default_factory=dict)


def _depths(inv: Inventory) -> dict[str, int]:
    depth = {ALL: 0}
    pending = [ALL]
    while pending:
        parent = pending.pop()
        for child in inv.groups[parent].children:
            if depth.get(child, -1) < depth[parent] + 1:
                depth[child] = depth[parent] + 1
                pending.append(child)
    return depth


def _priority(inv: Inventory, group: str) -> int:
    try:
        return int(inv.groups[group].vars.get(_PRIORITY, 1))
    except (TypeError, ValueError):
        return 1


def flatten_all(inv: Inventory) -> dict[str, FlatHost]:
    """Every host flattened, computing group depths once."""
    depth = _depths(inv)
    result: dict[str, FlatHost] = {}
    for host in inv.hosts.values():
        labels = inv.groups_of(host.name, transitive=True)
        chain = [ALL, *labels]
        if host.name in inv.groups[UNGROUPED].hosts:
            chain.append(UNGROUPED)
        chain.sort(key=lambda g: (depth.get(g, 0), _priority(inv, g), g))
        merged: dict[str, Any] = {}
        for group in chain:
            merged.update({k: v for k, v in inv.groups[group].vars.items() if k != _PRIORITY})
        merged.update(host.vars)
        result[host.name] = FlatHost(host.name, tuple(sorted(labels)), merged)
    return result

