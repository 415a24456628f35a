"""Plan an import without doing it: new hosts, changed hosts (and how), new groups.

Hosts are compared flattened (see :mod:`flatten`), since that is what the backend stores.
By default an import merges: vars missing from the incoming inventory are kept and group
labels are only added. With ``replace=True`` the incoming host replaces the stored one, so
removed vars and labels are listed as well. The plan backs the import's dry-run mode.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from noc_backend.inventory_io.flatten import FlatHost, flatten_all
from noc_backend.inventory_io.model import SPECIAL_GROUPS, Inventory

ChangeKind = Literal["added", "changed", "removed"]


@dataclass(frozen=True)
class FieldChange:
    """One field of a host: ``groups`` or ``vars.<name>``, with its old and new value."""

    field: str
    kind: ChangeKind
    old: Any = None
    new: Any = None


@dataclass(frozen=True)
class HostUpdate:
    name: str
    changes: tuple[FieldChange, ...]


@dataclass
class ImportPlan:
    """What importing ``incoming`` over ``current`` would do, in the incoming order."""

    create_hosts: list[FlatHost] = field(default_factory=list)
    update_hosts: list[HostUpdate] = field(default_factory=list)
    unchanged_hosts: list[str] = field(default_factory=list)
    create_groups: list[str] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.create_hosts or self.update_hosts or self.create_groups)

    def summary(self) -> dict[str, int]:
        return {"create_hosts": len(self.create_hosts), "update_hosts": len(self.update_hosts),
                "unchanged_hosts": len(self.unchanged_hosts),
                "create_groups": len(self.create_groups)}


def _var_changes(old: dict[str, Any], new: dict[str, Any], replace: bool) -> list[FieldChange]:
    changes: list[FieldChange] = []
    for key, value in new.items():
        if key not in old:
            changes.append(FieldChange(f"vars.{key}", "added", None, value))
        elif old[key] != value or type(old[key]) is not type(value):
            changes.append(FieldChange(f"vars.{key}", "changed", old[key], value))
    if replace:
        changes += [FieldChange(f"vars.{key}", "removed", value, None)
                    for key, value in old.items() if key not in new]
    return changes


def _group_change(old: tuple[str, ...], new: tuple[str, ...],
                  replace: bool) -> FieldChange | None:
    target = set(new) if replace else set(old) | set(new)
    if target == set(old):
        return None
    return FieldChange("groups", "changed", list(old), sorted(target))


def plan_import(current: Inventory, incoming: Inventory, *, replace: bool = False) -> ImportPlan:
    """Compare ``incoming`` with ``current`` host by host; nothing is modified."""
    plan = ImportPlan()
    known = flatten_all(current)
    for name, host in flatten_all(incoming).items():
        stored = known.get(name)
        if stored is None:
            plan.create_hosts.append(host)
            continue
        changes = _var_changes(stored.vars, host.vars, replace)
        group_change = _group_change(stored.groups, host.groups, replace)
        if group_change is not None:
            changes.insert(0, group_change)
        if changes:
            plan.update_hosts.append(HostUpdate(name, tuple(changes)))
        else:
            plan.unchanged_hosts.append(name)
    existing = {g for g in current.groups if g not in SPECIAL_GROUPS}
    existing.update(label for host in known.values() for label in host.groups)
    plan.create_groups = [g for g in incoming.groups
                          if g not in SPECIAL_GROUPS and g not in existing]
    return plan
