"""Inventory: hosts with their group labels (a host<->label table) and credential by name."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, cast

from peewee import JOIN

from noc_backend.core.db import database_proxy as db
from noc_backend.core.errors import Conflict, Invalid, NotFound
from noc_backend.models import Credential, Host, HostGroup, utcnow
from noc_backend.schemas import (
    GroupPublic,
    GroupsPublic,
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
        enabled=host.enabled, created_at=host.created_at, updated_at=host.updated_at)


def _select() -> Any:
    return Host.select(Host, Credential).join(Credential, join_type=JOIN.LEFT_OUTER,
                                              on=(Host.credential == Credential.id))


def _credential_id(name: str | None) -> int | None:
    if name is None:
        return None
    row = Credential.get_or_none(Credential.name == name)
    if row is None:
        raise Invalid.on_field("credential", f"no credential named '{name}'")
    return int(row.id)


def _check_name_free(name: str, host_id: int | None = None) -> None:
    query = Host.select().where(Host.name == name)
    if host_id is not None:
        query = query.where(Host.id != host_id)
    if query.exists():
        raise Conflict.on_field("name", f"a host named '{name}' already exists")


def _set_groups(host_id: int, groups: list[str]) -> None:
    HostGroup.delete().where(HostGroup.host == host_id).execute()
    unique = sorted(set(groups))
    if unique:
        HostGroup.insert_many([{"host": host_id, "name": g} for g in unique]).execute()


def get_host(*, host_id: int) -> HostPublic:
    host = _select().where(Host.id == host_id).first()
    if host is None:
        raise NotFound(f"no host with id {host_id}")
    return to_public(host, groups_of([host.id])[host.id])


def list_hosts(*, limit: int, offset: int, group: str | None = None) -> HostsPublic:
    query = _select()
    if group is not None:
        query = query.where(Host.id.in_(HostGroup.select(HostGroup.host)
                                        .where(HostGroup.name == group)))
    rows = list(query.order_by(Host.name).limit(limit).offset(offset))
    groups = groups_of([h.id for h in rows])
    return HostsPublic(data=[to_public(h, groups[h.id]) for h in rows], count=query.count())


def create_host(*, data: HostCreate) -> HostPublic:
    with db.atomic():
        _check_name_free(data.name)
        now = utcnow()
        host = Host.create(
            created_at=now, updated_at=now,
            name=data.name, address=data.address, port=data.port, user=data.user,
            connection=data.connection.value, vars=data.vars, enabled=data.enabled,
            credential=_credential_id(data.credential))
        _set_groups(host.id, data.groups)
    logger.info("host %s created", data.name)
    return get_host(host_id=host.id)


def update_host(*, host_id: int, data: HostUpdate) -> HostPublic:
    changes = {f: getattr(data, f) for f in data.model_fields_set}
    for field, value in changes.items():
        if value is None and field in _NOT_NULL:
            raise Invalid.on_field(field, "may not be null")
    with db.atomic():
        host = Host.get_or_none(Host.id == host_id)
        if host is None:
            raise NotFound(f"no host with id {host_id}")
        if "name" in changes:
            _check_name_free(changes["name"], host_id)
        if "credential" in changes:
            changes["credential"] = _credential_id(changes["credential"])
        if "connection" in changes:
            changes["connection"] = changes["connection"].value
        groups = changes.pop("groups", None)
        for field, value in changes.items():
            setattr(host, field, value)
        host.updated_at = utcnow()
        host.save()
        if groups is not None:
            _set_groups(host_id, groups)
    logger.info("host %s updated (%s)", host.name, ", ".join(sorted(data.model_fields_set)))
    return get_host(host_id=host_id)


def delete_host(*, host_id: int) -> None:
    with db.atomic():
        host = Host.get_or_none(Host.id == host_id)
        if host is None:
            raise NotFound(f"no host with id {host_id}")
        HostGroup.delete().where(HostGroup.host == host_id).execute()
        host.delete_instance()
    logger.info("host %s deleted", host.name)


def list_groups() -> GroupsPublic:
    members: dict[str, list[str]] = defaultdict(list)
    rows = cast(Iterable[tuple[str, str]],
                HostGroup.select(HostGroup.name, Host.name)
                .join(Host, on=(HostGroup.host == Host.id))
                .order_by(HostGroup.name, Host.name).tuples())
    for group, host in rows:
        members[group].append(host)
    data = [GroupPublic(name=name, hosts=hosts) for name, hosts in members.items()]
    return GroupsPublic(data=data, count=len(data))
