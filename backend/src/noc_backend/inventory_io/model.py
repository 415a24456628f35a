"""The format-neutral inventory both parsers produce and both exporters read.

It mirrors what Ansible builds from an inventory source: hosts with their own vars, groups
with their direct members, child groups and vars. ``all`` and ``ungrouped`` always exist;
``all`` parents every top-level group and ``ungrouped`` holds the hosts in no other group.
Values are JSON-compatible (str, int, float, bool, None, list, dict), as the backend stores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ALL = "all"
UNGROUPED = "ungrouped"
SPECIAL_GROUPS = frozenset({ALL, UNGROUPED})


@dataclass
class InvHost:
    """One host; ``vars`` keep ``ansible_host``, ``ansible_port``... and the rest as given."""

    name: str
    vars: dict[str, Any] = field(default_factory=dict)

    @property
    def address(self) -> str:
        """Where Ansible connects: ``ansible_host``, else the inventory name."""
        return str(self.vars.get("ansible_host", self.name))

    @property
    def port(self) -> int | None:
        value = self.vars.get("ansible_port")
        return None if value is None else int(value)

    @property
    def user(self) -> str | None:
        value = self.vars.get("ansible_user")
        return None if value is None else str(value)

    @property
    def connection(self) -> str | None:
        value = self.vars.get("ansible_connection")
        return None if value is None else str(value)


@dataclass
class InvGroup:
    """One group: its direct member hosts, its direct child groups, and its vars."""

    name: str
    hosts: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    vars: dict[str, Any] = field(default_factory=dict)


def _special_groups() -> dict[str, InvGroup]:
    return {ALL: InvGroup(ALL, children=[UNGROUPED]), UNGROUPED: InvGroup(UNGROUPED)}


@dataclass
class Inventory:
    """Hosts and groups by name, in the order Ansible first met them."""

    hosts: dict[str, InvHost] = field(default_factory=dict)
    groups: dict[str, InvGroup] = field(default_factory=_special_groups)

    def parents_of(self, group: str) -> list[str]:
        """The groups that list ``group`` as a direct child."""
        return [g.name for g in self.groups.values() if group in g.children]

    def groups_of(self, host: str, *, transitive: bool = False) -> list[str]:
        """The groups ``host`` belongs to, ``all``/``ungrouped`` left out.

        Direct membership by default; ``transitive`` adds every ancestor group after them,
        which is what a flat list of labels (the backend's host groups) needs.
        """
        direct = [g.name for g in self.groups.values() if host in g.hosts]
        found = [name for name in direct if name not in SPECIAL_GROUPS]
        if transitive:
            pending = list(direct)
            while pending:
                for parent in self.parents_of(pending.pop(0)):
                    if parent not in found and parent not in SPECIAL_GROUPS:
                        found.append(parent)
                        pending.append(parent)
        return found
