"""Inventory: hosts with their group labels (a host<->label table) and credential by name."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from typing import cast

from noc_backend.auth.actor import Actor
from noc_backend.core.db import database_proxy as db
from noc_backend.core.errors import Conflict, Invalid, NotFound
from noc_backend.inventory_rules import enforce, host_refusals, is_admin
from noc_backend.models import Group, Host, HostGroup, utcnow
from noc_backend.services import audit
from noc_backend.services.credentials import credential_id
from noc_backend.services.grouptree import SPECIAL, GroupTree, load_tree
from noc_backend.services.host_query import HostFilter, apply_filter, order_by
from noc_contracts.api import (
    HostCreate,
    HostPublic,
    HostsPublic,
    HostUpdate,
)

logger = logging.getLogger(__name__)

_NOT_NULL = {"name", "address", "port", "connection", "groups", "vars", "enabled"}


def groups_of(host_ids: list[int]) -> dict[int, list[str]]:
    """Each host's labels, sorted."""
    found: dict[int, list[str]] = defaultdict(list)
    if host_ids:
        rows = cast(Iterable[tuple[int, str]],
                    HostGroup.select(HostGroup.host, HostGroup.name)
                    .where(HostGroup.host.in_(host_ids)).order_by(HostGroup.name).tuples())
        for host_id, name in rows:
            found[host_id].append(name)
    return found


def to_public(host: Host, groups: list[str]) -> HostPublic:
    return HostPublic(
        id=host.id, name=host.name, address=host.address, port=host.port, user=host.user,
        connection=host.connection, groups=groups, vars=host.vars,
        credential=host.credential.name if host.credential is not None else None,
        enabled=host.enabled, node_selector=host.node_selector or {},
        created_at=host.created_at, updated_at=host.updated_at)


def _check_name_free(name: str, host_id: int | None = None) -> None:
    query = Host.select().where(Host.name == name)
    if host_id is not None:
        query = query.where(Host.id != host_id)
    if query.exists():
        raise Conflict.on_field("name", f"a host named '{name}' already exists")


def ensure_groups(names: Iterable[str]) -> None:
    """Create a group row for every label not known yet (a label names a group)."""
    wanted = set(names) - SPECIAL
    if not wanted:
        return
    known = set(cast(Iterable[str], Group.select(Group.name)
                     .where(Group.name.in_(list(wanted))).scalars()))
    missing = sorted(wanted - known)
    if missing:
        Group.insert_many([{"name": g, "created_at": utcnow()} for g in missing]
                          ).on_conflict_ignore().execute()


def _set_groups(host_id: int, groups: list[str]) -> None:
    special = sorted(set(groups) & SPECIAL)
    if special:
        raise Invalid.on_field("groups", f"'{special[0]}' is implicit and cannot be assigned")
    HostGroup.delete().where(HostGroup.host == host_id).execute()
    unique = sorted(set(groups))
    if unique:
        ensure_groups(unique)
        HostGroup.insert_many([{"host": host_id, "name": g} for g in unique]).execute()


def get_host(*, host_id: int) -> HostPublic:
    host = Host.with_credential().where(Host.id == host_id).first()
    if host is None:
        raise NotFound(f"no host with id {host_id}")
    return to_public(host, groups_of([host.id])[host.id])


def list_hosts(*, limit: int, offset: int, spec: HostFilter | None = None,
               sort: str = "name") -> HostsPublic:
    """One page of hosts matching ``spec`` in ``sort`` order, with the total matching count."""
    query = Host.select(Host.id)
    if spec is not None:
        query = apply_filter(query, db.obj, spec, load_tree() if spec.group else GroupTree())
    ids = [h.id for h in query.order_by(*order_by(sort)).limit(limit).offset(offset)]
    rows = {h.id: h for h in Host.with_credential().where(Host.id.in_(ids))} if ids else {}
    groups = groups_of(ids)
    data = [to_public(rows[i], groups[i]) for i in ids]
    count = query.count() if len(ids) == limit or offset else len(ids)
    return HostsPublic(data=data, count=count)


def create_host(*, data: HostCreate, actor: Actor) -> HostPublic:
    """A new host; the inventory rules decide what its fields and vars may hold."""
    enforce(host_refusals(data.model_dump(), is_admin=is_admin(actor)))
    with db.atomic():
        _check_name_free(data.name)
        now = utcnow()
        host = Host.create(
            created_at=now, updated_at=now,
            name=data.name, address=data.address, port=data.port, user=data.user,
            connection=data.connection.value, vars=data.vars, enabled=data.enabled,
            credential=credential_id(data.credential), node_selector=data.node_selector)
        _set_groups(host.id, data.groups)
        audit.record(actor, "host.create", target_type="host", target_id=host.id,
                     target_name=host.name, details=data.model_dump(mode="json"))
    logger.info("host %s created", data.name)
    return get_host(host_id=host.id)


def update_host(*, host_id: int, data: HostUpdate, actor: Actor) -> HostPublic:
    """Change the fields sent; a ``node_selector`` of null leaves the selector as it is."""
    sent = data.model_fields_set - ({"node_selector"} if data.node_selector is None else set())
    changes = {f: getattr(data, f) for f in sent}
    for field, value in changes.items():
        if value is None and field in _NOT_NULL:
            raise Invalid.on_field(field, "may not be null")
    with db.atomic():
        host = Host.get_or_none(Host.id == host_id)
        if host is None:
            raise NotFound(f"no host with id {host_id}")
        enforce(host_refusals(changes, is_admin=is_admin(actor),
                              stored={"connection": host.connection, "vars": host.vars}))
        if "name" in changes:
            _check_name_free(changes["name"], host_id)
        if "credential" in changes:
            changes["credential"] = credential_id(changes["credential"])
        if "connection" in changes:
            changes["connection"] = changes["connection"].value
        groups = changes.pop("groups", None)
        for field, value in changes.items():
            setattr(host, field, value)
        host.updated_at = utcnow()
        host.save()
        if groups is not None:
            _set_groups(host_id, groups)
        audit.record(actor, "host.update", target_type="host", target_id=host_id,
                     target_name=host.name,
                     details=data.model_dump(mode="json", include=sent))
    logger.info("host %s updated (%s)", host.name, ", ".join(sorted(sent)))
    return get_host(host_id=host_id)


def delete_host(*, host_id: int, actor: Actor) -> None:
    with db.atomic():
        host = Host.get_or_none(Host.id == host_id)
        if host is None:
            raise NotFound(f"no host with id {host_id}")
        HostGroup.delete().where(HostGroup.host == host_id).execute()
        host.delete_instance()
        audit.record(actor, "host.delete", target_type="host", target_id=host_id,
                     target_name=host.name)
    logger.info("host %s deleted", host.name)
