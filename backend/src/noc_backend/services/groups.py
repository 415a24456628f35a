"""Groups as rows: vars, nested children (no cycles), an optional credential and node selector,
member hosts.

Membership stays in ``HostGroup`` keyed by the group's name, so a rename rewrites those rows in
the same transaction. ``all`` and ``ungrouped`` hold only vars, a credential and a selector:
their members are implicit.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from typing import cast

from noc_backend.auth.actor import Actor
from noc_backend.core.db import database_proxy as db
from noc_backend.core.errors import Conflict, Invalid, NotFound
from noc_backend.inventory_rules import enforce, group_refusals, is_admin
from noc_backend.models import Credential, Group, GroupChild, Host, HostGroup, utcnow
from noc_backend.services import audit
from noc_backend.services.credentials import credential_id
from noc_backend.services.grouptree import SPECIAL, GroupTree, load_tree
from noc_backend.services.hosts import ensure_groups
from noc_contracts.api import GroupCreate, GroupMembers, GroupPublic, GroupsPublic, GroupUpdate

logger = logging.getLogger(__name__)

_SHOWN = 20


def _members(names: list[str] | None = None) -> dict[str, list[str]]:
    query = (HostGroup.select(HostGroup.name, Host.name)
             .join(Host, on=(HostGroup.host == Host.id)).order_by(HostGroup.name, HostGroup.id))
    if names is not None:
        query = query.where(HostGroup.name.in_(names))
    found: dict[str, list[str]] = defaultdict(list)
    for group, host in cast(Iterable[tuple[str, str]], query.tuples()):
        found[group].append(host)
    return found


def _credential_names(tree: GroupTree) -> dict[int, str]:
    ids = [c for c in tree.credentials.values() if c is not None]
    if not ids:
        return {}
    rows = Credential.select(Credential.id, Credential.name).where(Credential.id.in_(ids))
    return {r.id: r.name for r in rows}


def _public(name: str, tree: GroupTree, members: dict[str, list[str]],
            credentials: dict[int, str]) -> GroupPublic:
    credential = tree.credentials.get(name)
    return GroupPublic(name=name, hosts=members.get(name, []), vars=tree.vars.get(name, {}),
                       children=tree.children.get(name, []), parents=tree.parents.get(name, []),
                       credential=credentials.get(credential) if credential else None,
                       node_selector=tree.selectors.get(name, {}))


def list_groups() -> GroupsPublic:
    """Every group (``all``/``ungrouped`` only when they hold vars, a credential or a
    selector)."""
    tree = load_tree()
    members = _members()
    credentials = _credential_names(tree)
    data = [_public(name, tree, members, credentials) for name in sorted(tree.ids)]
    return GroupsPublic(data=data, count=len(data))


def get_group(*, name: str) -> GroupPublic:
    tree = load_tree()
    if name not in tree.ids:
        raise NotFound(f"no group named '{name}'")
    return _public(name, tree, _members([name]), _credential_names(tree))


def _host_ids(names: list[str], field: str) -> dict[str, int]:
    wanted = list(dict.fromkeys(names))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        found.update(cast(Iterable[tuple[str, int]], Host.select(Host.name, Host.id)
                          .where(Host.name.in_(chunk)).tuples()))
    missing = [n for n in wanted if n not in found]
    if missing:
        raise Invalid.on_field(field, "unknown hosts: " + ", ".join(missing[:_SHOWN]))
    return found


def _set_children(name: str, children: list[str], tree: GroupTree) -> None:
    """Replace the children of ``name``; 422 naming ``children`` for unknown groups or a cycle."""
    wanted = list(dict.fromkeys(children))
    for child in wanted:
        if child in SPECIAL:
            raise Invalid.on_field("children", f"'{child}' cannot be a child group")
        if child not in tree.ids:
            raise Invalid.on_field("children", f"no group named '{child}'")
    if name in SPECIAL and wanted:
        raise Invalid.on_field("children", f"'{name}' cannot have explicit children")
    tree.children[name] = []
    for kids in tree.parents.values():
        if name in kids:
            kids.remove(name)
    for child in wanted:
        if name in tree.descendants(child):
            raise Invalid.on_field("children", f"making '{child}' a child of '{name}' "
                                   "creates a cycle")
        tree.children[name].append(child)
        tree.parents[child].append(name)
    GroupChild.delete().where(GroupChild.parent == tree.ids[name]).execute()
    if wanted:
        GroupChild.insert_many([{"parent": tree.ids[name], "child": tree.ids[c]}
                                for c in wanted]).execute()


def create_group(*, data: GroupCreate, actor: Actor) -> GroupPublic:
    """A new group; the inventory rules decide what its name and vars may hold."""
    enforce(group_refusals({"name": data.name, "vars": data.vars}, is_admin=is_admin(actor)))
    with db.atomic():
        if Group.select().where(Group.name == data.name).exists():
            raise Conflict.on_field("name", f"a group named '{data.name}' already exists")
        if data.name in SPECIAL and data.hosts:
            raise Invalid.on_field("hosts", f"'{data.name}' has implicit members")
        hosts = _host_ids(data.hosts, "hosts")
        group = Group.create(name=data.name, vars=data.vars, created_at=utcnow(),
                             credential=credential_id(data.credential),
                             node_selector=data.node_selector)
        tree = load_tree()
        _set_children(data.name, data.children, tree)
        if hosts:
            HostGroup.insert_many([{"host": i, "name": group.name}
                                   for i in hosts.values()]).execute()
        audit.record(actor, "group.create", target_type="group", target_id=group.id,
                     target_name=group.name, details=data.model_dump(mode="json"))
    logger.info("group %s created", data.name)
    return get_group(name=data.name)


def update_group(*, name: str, data: GroupUpdate, actor: Actor) -> GroupPublic:
    """Change the fields sent; a ``node_selector`` of null leaves the selector as it is."""
    changes = data.model_fields_set - ({"node_selector"} if data.node_selector is None
                                       else set())
    for field in ("name", "vars", "children"):
        if field in changes and getattr(data, field) is None:
            raise Invalid.on_field(field, "may not be null")
    with db.atomic():
        group = Group.get_or_none(Group.name == name)
        if group is None:
            raise NotFound(f"no group named '{name}'")
        enforce(group_refusals({"name": data.name, "vars": data.vars},
                               is_admin=is_admin(actor), stored_vars=group.vars))
        new_name = data.name if data.name is not None else name
        if new_name != name:
            if name in SPECIAL or new_name in SPECIAL:
                raise Invalid.on_field("name", "'all' and 'ungrouped' cannot be renamed")
            if Group.select().where(Group.name == new_name).exists():
                raise Conflict.on_field("name", f"a group named '{new_name}' already exists")
            HostGroup.update(name=new_name).where(HostGroup.name == name).execute()
            group.name = new_name
        if data.vars is not None:
            group.vars = data.vars
        if "credential" in changes:
            group.credential = credential_id(data.credential)  # type: ignore[assignment]
        if data.node_selector is not None:
            group.node_selector = data.node_selector
        group.save()
        if data.children is not None:
            _set_children(new_name, data.children, load_tree())
        audit.record(actor, "group.update", target_type="group", target_id=group.id,
                     target_name=new_name,
                     details={"old_name": name,
                              **data.model_dump(mode="json", include=set(changes))})
    logger.info("group %s updated (%s)", new_name, ", ".join(sorted(changes)))
    return get_group(name=new_name)


def delete_group(*, name: str, actor: Actor) -> None:
    """Drop the group, its memberships and its nesting edges; hosts stay."""
    with db.atomic():
        group = Group.get_or_none(Group.name == name)
        if group is None:
            raise NotFound(f"no group named '{name}'")
        HostGroup.delete().where(HostGroup.name == name).execute()
        GroupChild.delete().where((GroupChild.parent == group.id)
                                  | (GroupChild.child == group.id)).execute()
        group.delete_instance()
        audit.record(actor, "group.delete", target_type="group", target_id=group.id,
                     target_name=name)
    logger.info("group %s deleted", name)


def change_members(*, name: str, data: GroupMembers, actor: Actor) -> GroupPublic:
    """Add and remove hosts (and move ``add`` out of ``move_from``) in one transaction."""
    if name in SPECIAL:
        raise Invalid.on_field("name", f"'{name}' has implicit members")
    both = sorted(set(data.add) & set(data.remove))
    if both:
        raise Invalid.on_field("remove", "hosts both added and removed: "
                               + ", ".join(both[:_SHOWN]))
    with db.atomic():
        if not Group.select().where(Group.name == name).exists():
            raise NotFound(f"no group named '{name}'")
        source = data.move_from
        if source is not None and (source == name or source in SPECIAL or not Group.select()
                                   .where(Group.name == source).exists()):
            raise Invalid.on_field("move_from", f"no other group named '{data.move_from}'")
        added = _host_ids(data.add, "add")
        removed = _host_ids(data.remove, "remove")
        if removed:
            HostGroup.delete().where(HostGroup.name == name,
                                     HostGroup.host.in_(list(removed.values()))).execute()
        if added:
            ids = list(added.values())
            if data.move_from is not None:
                HostGroup.delete().where(HostGroup.name == data.move_from,
                                         HostGroup.host.in_(ids)).execute()
            present = set(cast(Iterable[int], HostGroup.select(HostGroup.host).where(
                HostGroup.name == name, HostGroup.host.in_(ids)).scalars()))
            new = [{"host": i, "name": name} for i in ids if i not in present]
            if new:
                HostGroup.insert_many(new).execute()
        audit.record(actor, "group.members", target_type="group", target_name=name,
                     details=data.model_dump(mode="json"))
    logger.info("group %s: %d host(s) added, %d removed", name, len(data.add), len(data.remove))
    return get_group(name=name)


__all__ = ["change_members", "create_group", "delete_group", "ensure_groups", "get_group",
           "list_groups", "update_group"]
