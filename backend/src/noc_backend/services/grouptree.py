"""The group graph in memory: nesting, depths, and a host's effective vars, credential and
node selector.

Groups are few next to hosts, so every request that needs the graph loads it whole (two
queries). Effective vars follow Ansible's precedence: ``all`` < parent groups < child groups
< the host, groups at the same depth ordered by ``ansible_group_priority`` then by name. A
credential and a node selector are not merged: the nearest group that has one gives it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from noc_backend.models import Group, GroupChild

ALL = "all"
UNGROUPED = "ungrouped"
SPECIAL = frozenset({ALL, UNGROUPED})
_PRIORITY = "ansible_group_priority"

T = TypeVar("T")


@dataclass
class GroupTree:
    """Every group by name (in creation order) with its vars, credential id, node selector
    and edges."""

    ids: dict[str, int] = field(default_factory=dict)
    vars: dict[str, dict[str, Any]] = field(default_factory=dict)
    credentials: dict[str, int | None] = field(default_factory=dict)
    selectors: dict[str, dict[str, str]] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)

    def knows(self, name: str) -> bool:
        """A group that exists: a stored one, or Ansible's implicit ``all``/``ungrouped``."""
        return name in self.ids or name in SPECIAL

    def descendants(self, name: str) -> set[str]:
        """``name`` and every group nested under it, at any depth."""
        return self._walk(name, self.children)

    def ancestors(self, name: str) -> set[str]:
        """``name`` and every group it is nested in, at any depth."""
        return self._walk(name, self.parents)

    @staticmethod
    def _walk(start: str, edges: dict[str, list[str]]) -> set[str]:
        found = {start}
        pending = [start]
        while pending:
            for other in edges.get(pending.pop(), []):
                if other not in found:
                    found.add(other)
                    pending.append(other)
        return found

    def depths(self) -> dict[str, int]:
        """The longest path from ``all`` to each group (top-level groups are depth 1)."""
        top = [g for g in self.ids if g != ALL and not self.parents.get(g)]
        edges = dict(self.children)
        edges[ALL] = list(dict.fromkeys([*self.children.get(ALL, []), *top, UNGROUPED]))
        depth: dict[str, int] = {ALL: 0}
        pending = [ALL]
        while pending:
            parent = pending.pop()
            for child in edges.get(parent, []):
                if depth.get(child, -1) < depth[parent] + 1:
                    depth[child] = depth[parent] + 1
                    pending.append(child)
        return depth

    def priority(self, name: str) -> int:
        try:
            return int(self.vars.get(name, {}).get(_PRIORITY, 1))
        except (TypeError, ValueError):
            return 1

    def chain(self, direct: Iterable[str], depths: dict[str, int]) -> list[str]:
        """The groups whose vars apply to a host in ``direct``, lowest precedence first."""
        groups: set[str] = set()
        for name in direct:
            groups |= self.ancestors(name)
        groups.discard(ALL)
        if not groups:
            groups.add(UNGROUPED)
        ordered = sorted(groups, key=lambda g: (depths.get(g, 1), self.priority(g), g))
        return [ALL, *ordered]

    def effective_vars(self, direct: Iterable[str], own: dict[str, Any],
                       depths: dict[str, int]) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for name in self.chain(direct, depths):
            merged.update((k, v) for k, v in self.vars.get(name, {}).items() if k != _PRIORITY)
        merged.update(own)
        return merged

    def nearest(self, direct: Iterable[str], value: Callable[[str], T | None]) -> T | None:
        """``value`` of the closest group where it is not None (breadth-first up the parents),
        else ``all``'s. A host in no group starts at ``ungrouped``, as its vars do.

        Among groups at the same distance the one Ansible ranks higher wins: the later name.
        """
        seen: set[str] = set()
        level = sorted(set(direct) or {UNGROUPED})
        while level:
            for name in reversed(level):
                found = value(name)
                if found is not None:
                    return found
            seen.update(level)
            level = sorted({p for g in level for p in self.parents.get(g, [])} - seen)
        return value(ALL)

    def nearest_credential(self, direct: Iterable[str]) -> int | None:
        """The credential of the closest group that has one (see ``nearest``)."""
        return self.nearest(direct, self.credentials.get)

    def nearest_selector(self, direct: Iterable[str]) -> dict[str, str]:
        """The node selector of the closest group that has a non-empty one (see ``nearest``);
        ``{}`` when none has."""
        return self.nearest(direct, lambda name: self.selectors.get(name) or None) or {}


def load_tree() -> GroupTree:
    """The whole group graph from the database (call inside a connection)."""
    tree = GroupTree()
    rows = cast(Iterable[tuple[int, str, Any, int | None, Any]],
                Group.select(Group.id, Group.name, Group.vars, Group.credential,
                             Group.node_selector).order_by(Group.id).tuples())
    names: dict[int, str] = {}
    for group_id, name, variables, credential, selector in rows:
        names[group_id] = name
        tree.ids[name] = group_id
        tree.vars[name] = variables or {}
        tree.credentials[name] = credential
        tree.selectors[name] = selector or {}
        tree.children[name] = []
        tree.parents[name] = []
    edges = cast(Iterable[tuple[int, int]],
                 GroupChild.select(GroupChild.parent, GroupChild.child)
                 .order_by(GroupChild.id).tuples())
    for parent_id, child_id in edges:
        parent, child = names[parent_id], names[child_id]
        tree.children[parent].append(child)
        tree.parents[child].append(parent)
    return tree
