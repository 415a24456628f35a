"""The groups as a forest with host counts (no Qt): what the group tree shows.

A group appears under each of its parents; top-level groups are those without parents. Counts
are the direct members and the distinct hosts of the group and all its nested children (what
``GET /hosts?group=`` answers, since the server's group filter includes nested groups).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from noc_contracts.api import GroupPublic

#: Ansible's implicit groups: ``all`` is the tree's root ("All hosts"); neither may be assigned
ALL, UNGROUPED = "all", "ungrouped"
IMPLICIT = frozenset({ALL, UNGROUPED})


@dataclass(frozen=True)
class GroupNode:
    name: str
    direct: int
    total: int
    children: list[GroupNode] = field(default_factory=list)


def nested_hosts(groups: dict[str, GroupPublic], name: str) -> set[str]:
    """Hosts of ``name`` and of every group below it (cycle-safe)."""
    seen: set[str] = set()
    hosts: set[str] = set()
    stack = [name]
    while stack:
        current = stack.pop()
        if current in seen or current not in groups:
            continue
        seen.add(current)
        hosts.update(groups[current].hosts)
        stack.extend(groups[current].children)
    return hosts


def build_forest(groups: list[GroupPublic]) -> list[GroupNode]:
    """Top-level groups (sorted by name), each with its children nested below it; ``all`` is
    left out (the tree's root stands for it)."""
    by_name = {g.name: g for g in groups if g.name != ALL}
    totals = {name: len(nested_hosts(by_name, name)) for name in by_name}

    def node(name: str, path: frozenset[str]) -> GroupNode:
        group = by_name[name]
        children = [node(child, path | {child}) for child in sorted(group.children)
                    if child in by_name and child not in path]
        return GroupNode(name, len(group.hosts), totals[name], children)

    roots = sorted(n for n, g in by_name.items() if not any(p in by_name for p in g.parents))
    return [node(name, frozenset({name})) for name in roots]


def assignable(names: list[str]) -> list[str]:
    """The groups a host or a group may be put in (not the implicit ones)."""
    return sorted(n for n in names if n not in IMPLICIT)
