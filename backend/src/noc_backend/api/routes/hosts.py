"""Inventory routes: ``/hosts`` and ``/groups``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from noc_backend.api.deps import HostsRead, HostsWrite, IdPath, Limit, Offset, ServicesDep
from noc_backend.services import hosts, schedule_use
from noc_backend.services.host_query import SORT_PATTERN, HostFilter
from noc_contracts.api import (
    HostCreate,
    HostPublic,
    HostsPublic,
    HostUpdate,
)
from noc_contracts.api.fields import LABEL_PATTERN

router = APIRouter(tags=["inventory"])

GroupFilter = Annotated[str | None, Query(max_length=100, pattern=LABEL_PATTERN)]
NameFilter = Annotated[str | None, Query(min_length=1, max_length=255)]
VarFilter = Annotated[list[str] | None, Query(max_length=20)]
SortParam = Annotated[str, Query(pattern=SORT_PATTERN)]


@router.get("/hosts", response_model=HostsPublic)
def list_hosts(services: ServicesDep, _: HostsRead, limit: Limit = 100, offset: Offset = 0,
               group: GroupFilter = None, name: NameFilter = None,
               var: VarFilter = None, enabled: bool | None = None,
               sort: SortParam = "name") -> HostsPublic:
    """A page of hosts; ``name`` is a glob, ``group`` includes nested groups, ``var`` is k=v."""
    spec = HostFilter(name=name, group=group, vars=var or [], enabled=enabled)
    with services.db.connection_context():
        return hosts.list_hosts(limit=limit, offset=offset, spec=spec, sort=sort)


@router.post("/hosts", response_model=HostPublic, status_code=201)
def create_host(body: HostCreate, services: ServicesDep, actor: HostsWrite) -> HostPublic:
    with services.db.connection_context():
        return hosts.create_host(data=body, actor=actor)


@router.get("/hosts/{host_id}", response_model=HostPublic)
def get_host(host_id: IdPath, services: ServicesDep, _: HostsRead) -> HostPublic:
    with services.db.connection_context():
        return hosts.get_host(host_id=host_id)


@router.patch("/hosts/{host_id}", response_model=HostPublic)
def update_host(host_id: IdPath, body: HostUpdate, services: ServicesDep,
                actor: HostsWrite) -> HostPublic:
    with services.db.connection_context():
        return hosts.update_host(host_id=host_id, data=body, actor=actor)


@router.delete("/hosts/{host_id}", status_code=204)
def delete_host(host_id: IdPath, services: ServicesDep, actor: HostsWrite) -> Response:
    """409 `in_use` while a live schedule names the host in its target."""
    live = schedule_use.live_schedules(services.scheduler)
    with services.db.connection_context():
        schedule_use.refuse_host(live, host_id)
        hosts.delete_host(host_id=host_id, actor=actor)
    return Response(status_code=204)
