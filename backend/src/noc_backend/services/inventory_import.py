"""Import an Ansible inventory: parse, validate every host and group, plan, apply in one go.

The inventory wins for what it names: an imported host takes its connection fields and vars
from it, and its memberships in the imported groups become the inventory's (memberships in
other groups stay); an imported group takes its vars and children from it. Hosts and groups
the inventory does not name are left alone, and credentials, node selectors and ``enabled``
are never touched (an Ansible inventory cannot carry them: see ``inventory_export``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from noc_backend.auth.actor import Actor
from noc_backend.core.db import database_proxy as db
from noc_backend.core.errors import Invalid
from noc_backend.inventory_rules import (
    Refusal,
    enforce,
    group_refusals,
    host_refusals,
    is_admin,
)
from noc_backend.models import Group, GroupChild, Host, HostGroup, utcnow
from noc_backend.services import audit
from noc_backend.services.grouptree import SPECIAL, GroupTree, load_tree
from noc_backend.services.hosts import groups_of
from noc_backend.services.hostvars import own_vars
from noc_backend.services.inventory_incoming import IncomingHost, incoming, parse
from noc_contracts import ErrorCode
from noc_contracts.api import (
    GroupChange,
    HostChange,
    ImportPlanPublic,
    ImportRefusal,
    InventoryImport,
)

logger = logging.getLogger(__name__)

_CHUNK = 500


def _changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    found = {}
    for key in sorted(set(old) | set(new)):
        if key not in new or key not in old or old[key] != new[key] \
                or type(old[key]) is not type(new[key]):
            found[key] = {"old": old.get(key), "new": new.get(key)}
    return found


@dataclass
class _Current:
    hosts: dict[str, Host]
    direct: dict[str, list[str]]
    tree: GroupTree


def _load_current(names: list[str]) -> _Current:
    rows: dict[str, Host] = {}
    for start in range(0, len(names), _CHUNK):
        rows.update((h.name, h) for h in Host.select().where(
            Host.name.in_(names[start:start + _CHUNK])))
    direct = groups_of([h.id for h in rows.values()])
    return _Current(rows, {n: direct[h.id] for n, h in rows.items()}, load_tree())


def _check_cycles(tree: GroupTree, groups: dict[str, Any]) -> None:
    merged = GroupTree(ids=dict(tree.ids), children={k: list(v) for k, v in tree.children.items()})
    for name, (_, children, _) in groups.items():
        merged.children[name] = list(children)
        for child in children:
            if name in merged.descendants(child):
                raise Invalid.on_field("content", f"group '{name}' would be nested in its own "
                                       f"child '{child}' (a cycle with the stored groups)",
                                       code=ErrorCode.invalid_inventory)


def plan_and_apply(body: InventoryImport, actor: Actor) -> ImportPlanPublic:
    """The plan; unless ``dry_run`` it is applied in one transaction (all or nothing).

    The inventory rules hold for every host and group: a dry run lists what they refuse in
    ``refused``; an apply with any refusal imports nothing (403 or 422 naming host and var).
    """
    hosts, groups = incoming(parse(body))
    with db.atomic():
        current = _load_current(list(hosts))
        _check_cycles(current.tree, groups)
        refused = _refusals(hosts, groups, current, is_admin(actor))
        if refused and not body.dry_run:
            enforce([Refusal(f"{kind}s.{name}.{r.field}", f"{kind} '{name}': {r.message}",
                             r.code) for kind, name, r in refused])
        plan = ImportPlanPublic(dry_run=body.dry_run, applied=False, create_hosts=[],
                                update_hosts=[], unchanged_hosts=[], create_groups=[],
                                update_groups=[], unchanged_groups=[],
                                refused=[ImportRefusal(**{kind: name}, field=r.field,
                                                       code=r.code, message=r.message)
                                         for kind, name, r in refused])
        for name, (variables, children, _) in groups.items():
            if name not in current.tree.ids:
                plan.create_groups.append(name)
                continue
            changes = _changes(current.tree.vars[name], variables)
            if children != current.tree.children.get(name, []):
                changes["children"] = {"old": current.tree.children.get(name, []),
                                       "new": children}
            if changes:
                plan.update_groups.append(GroupChange(name=name, changes=changes))
            else:
                plan.unchanged_groups.append(name)
        updates: list[IncomingHost] = []
        for name, host in hosts.items():
            stored = current.hosts.get(name)
            if stored is None:
                plan.create_hosts.append(name)
                continue
            kept = [g for g in current.direct[name] if g not in groups]
            new_groups = sorted({*kept, *host.groups})
            changes = {f"vars.{k}": v for k, v in _changes(own_vars(stored),
                                                           host.own_vars()).items()}
            if new_groups != current.direct[name]:
                changes["groups"] = {"old": current.direct[name], "new": new_groups}
            if changes or stored.inventory_keys != host.explicit:
                updates.append(host)
            if changes:
                plan.update_hosts.append(HostChange(name=name, changes=changes))
            else:
                plan.unchanged_hosts.append(name)
        if not body.dry_run:
            _apply(hosts, groups, current, updates, plan.create_groups)
            plan.applied = True
            audit.record(actor, "inventory.import", target_type="inventory",
                         details=_audit_details(body, plan))
    summary = {k: len(getattr(plan, k)) for k in ("create_hosts", "update_hosts",
                                                   "create_groups", "update_groups")}
    logger.info("inventory import (%s, dry_run=%s): %s", body.format, body.dry_run, summary)
    return plan


def _refusals(hosts: dict[str, IncomingHost], groups: dict[str, Any], current: _Current,
              admin: bool) -> list[tuple[str, str, Refusal]]:
    """``(kind, name, refusal)`` for every rule an imported host or group breaks; a privileged
    value already stored unchanged is no refusal."""
    found: list[tuple[str, str, Refusal]] = []
    for name, (variables, _, _) in groups.items():
        found.extend(("group", name, r) for r in group_refusals(
            {"name": name, "vars": variables}, is_admin=admin,
            stored_vars=current.tree.vars.get(name)))
    for name, host in hosts.items():
        stored = current.hosts.get(name)
        before = None if stored is None else {"connection": stored.connection,
                                              "vars": stored.vars}
        fields = {"name": name, "address": host.address, "user": host.user,
                  "connection": host.connection, "vars": host.vars}
        found.extend(("host", name, r) for r in host_refusals(fields, is_admin=admin,
                                                                stored=before))
    return found


def _audit_details(body: InventoryImport, plan: ImportPlanPublic) -> dict[str, Any]:
    """What the import changed, by name (at most 100 of each; values stay out of the log)."""
    names = {"create_hosts": plan.create_hosts,
             "update_hosts": [h.name for h in plan.update_hosts],
             "create_groups": plan.create_groups,
             "update_groups": [g.name for g in plan.update_groups]}
    return {"format": body.format, **{k: v[:100] for k, v in names.items()},
            **{f"{k}_count": len(v) for k, v in names.items()}}


def _apply(hosts: dict[str, IncomingHost], groups: dict[str, Any], current: _Current,
           updates: list[IncomingHost], new_groups: list[str]) -> None:
    now = utcnow()
    if new_groups:
        Group.insert_many([{"name": g, "created_at": now} for g in new_groups]).execute()
    ids = dict(cast(Iterable[tuple[str, int]], Group.select(Group.name, Group.id).tuples()))
    for name, (variables, children, _) in groups.items():
        Group.update(vars=variables).where(Group.id == ids[name]).execute()
        GroupChild.delete().where(GroupChild.parent == ids[name]).execute()
        if children:
            GroupChild.insert_many([{"parent": ids[name], "child": ids[c]}
                                    for c in children]).execute()
    # ungrouped hosts first (``incoming`` orders them), so an export lists them alike
    new_rows = [{**hosts[n].row(), "created_at": now, "updated_at": now}
                for n in hosts if n not in current.hosts]
    for start in range(0, len(new_rows), _CHUNK):
        Host.insert_many(new_rows[start:start + _CHUNK]).execute()
    for host in updates:
        Host.update(**host.row(), updated_at=now).where(Host.name == host.name).execute()
    host_ids: dict[str, int] = {}
    names = list(hosts)
    for start in range(0, len(names), _CHUNK):
        chunk = names[start:start + _CHUNK]
        host_ids.update(cast(Iterable[tuple[str, int]], Host.select(Host.name, Host.id)
                             .where(Host.name.in_(chunk)).tuples()))
        HostGroup.delete().where(HostGroup.host.in_([host_ids[n] for n in chunk]),
                                 HostGroup.name.in_(list(groups))).execute()
    members = [{"host": host_ids[h], "name": g} for g, (_, _, names) in groups.items()
               if g not in SPECIAL for h in names]
    for start in range(0, len(members), _CHUNK):
        HostGroup.insert_many(members[start:start + _CHUNK]).execute()

