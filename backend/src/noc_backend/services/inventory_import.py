"""Import an Ansible inventory: parse, validate every host and group, plan, apply in one go.

The inventory wins for what it names: an imported host takes its connection fields and vars
from it, and its memberships in the imported groups become the inventory's (memberships in
other groups stay); an imported group takes its vars and children from it. Hosts and groups
the inventory does not name are left alone, and credentials and ``enabled`` are never touched.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from pydantic import TypeAdapter, ValidationError

from noc_backend.auth.actor import Actor
from noc_backend.core.db import database_proxy as db
from noc_backend.core.errors import Invalid
from noc_backend.inventory_io import Inventory, InventoryParseError, parse_ini, parse_yaml
from noc_backend.inventory_rules import (
    Refusal,
    enforce,
    group_refusals,
    host_refusals,
    is_admin,
)
from noc_backend.models import Group, GroupChild, Host, HostGroup, utcnow
from noc_backend.services import audit
from noc_backend.services.grouptree import ALL, SPECIAL, UNGROUPED, GroupTree, load_tree
from noc_backend.services.hosts import groups_of
from noc_backend.services.hostvars import DEFAULT_CONNECTION, DEFAULT_PORT, own_vars
from noc_contracts import ErrorCode
from noc_contracts.api import (
    GroupChange,
    HostChange,
    ImportPlanPublic,
    ImportRefusal,
    InventoryImport,
)
from noc_contracts.api.fields import Address, HostName, Name, Vars

logger = logging.getLogger(__name__)

_CHUNK = 500
_ADDRESS: TypeAdapter[str] = TypeAdapter(Address)
_HOST_NAME: TypeAdapter[str] = TypeAdapter(HostName)
_GROUP_NAME: TypeAdapter[str] = TypeAdapter(Name)
_VARS: TypeAdapter[dict[str, Any]] = TypeAdapter(Vars)


@dataclass
class IncomingHost:
    """One host of the inventory as a row: connection fields split out of its vars."""

    name: str
    address: str
    port: int = DEFAULT_PORT
    user: str | None = None
    connection: str = DEFAULT_CONNECTION
    vars: dict[str, Any] = field(default_factory=dict)
    explicit: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        return {"name": self.name, "address": self.address, "port": self.port,
                "user": self.user, "connection": self.connection, "vars": self.vars,
                "inventory_keys": self.explicit}

    def own_vars(self) -> dict[str, Any]:
        return own_vars(Host(**self.row()))


def parse(body: InventoryImport) -> Inventory:
    """The inventory text parsed; a syntax error is 422 naming ``content`` with the line."""
    try:
        return parse_ini(body.content) if body.format == "ini" else parse_yaml(body.content)
    except InventoryParseError as exc:
        raise Invalid.on_field("content", f"line {exc.line}: {exc.message}",
                               code=ErrorCode.invalid_inventory) from exc


def _check(adapter: TypeAdapter[Any], value: Any, what: str) -> Any:
    try:
        return adapter.validate_python(value)
    except ValidationError as exc:
        message = exc.errors()[0]["msg"]
        raise Invalid.on_field("content", f"{what}: {message}",
                               code=ErrorCode.invalid_inventory) from exc


def _incoming_host(inv: Inventory, name: str) -> IncomingHost:
    _check(_HOST_NAME, name, f"host name '{name}'")
    variables = dict(inv.hosts[name].vars)
    host = IncomingHost(name=name, address=name)
    if "ansible_host" in variables and isinstance(variables["ansible_host"], str):
        host.explicit.append("ansible_host")
        host.address = variables.pop("ansible_host")
    with contextlib.suppress(ValidationError):  # else kept: the inventory rules refuse it
        host.address = _ADDRESS.validate_python(host.address)
    port = variables.get("ansible_port")
    if port is not None:
        if isinstance(port, str) and port.isdigit():
            port = int(port)
        if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65_535:
            raise Invalid.on_field("content", f"host '{name}': ansible_port must be a port "
                                   "number (1-65535)", code=ErrorCode.invalid_inventory)
        host.port = port
        host.explicit.append("ansible_port")
        del variables["ansible_port"]
    if isinstance(variables.get("ansible_user"), str):
        host.user = variables.pop("ansible_user")
    if variables.get("ansible_connection") in ("ssh", "local"):
        host.connection = variables.pop("ansible_connection")
        host.explicit.append("ansible_connection")
    host.vars = _check(_VARS, variables, f"host '{name}' vars")
    host.groups = [g for g in inv.groups_of(name) if g not in SPECIAL]
    return host


def incoming(inv: Inventory) -> tuple[dict[str, IncomingHost], dict[str, Any]]:
    """Validated hosts, and groups as name -> (vars, children, hosts); 422 naming ``content``."""
    groups: dict[str, Any] = {}
    for group in inv.groups.values():
        _check(_GROUP_NAME, group.name, f"group name '{group.name}'")
        children = [c for c in group.children if c not in SPECIAL]
        if group.name == ALL:  # keep only the edges Ansible would not add by itself
            children = [c for c in children if inv.parents_of(c) != [ALL]]
        groups[group.name] = (_check(_VARS, group.vars, f"group '{group.name}' vars"),
                              [] if group.name == UNGROUPED else children, list(group.hosts))
    return {name: _incoming_host(inv, name) for name in inv.hosts}, groups


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
    # ungrouped hosts first, in the inventory's ungrouped order, so an export lists them alike
    order = list(dict.fromkeys([*groups.get(UNGROUPED, ({}, [], []))[2], *hosts]))
    new_rows = [{**hosts[n].row(), "created_at": now, "updated_at": now}
                for n in order if n in hosts and n not in current.hosts]
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

