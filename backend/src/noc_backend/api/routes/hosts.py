"""Inventory routes: ``/hosts`` and ``/groups``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from noc_backend.api.deps import CurrentUser, IdPath, Limit, Offset, ServicesDep
from noc_backend.core.fields import LABEL_PATTERN
from noc_backend.schemas import (
    GroupsPublic,
    HostCreate,
    HostPublic,
    HostsPublic,
    HostUpdate,
)
from noc_backend.services import hosts

router = APIRouter(tags=["inventory"])

GroupFilter = Annotated[str | None, Query(max_length=100, pattern=LABEL_PATTERN)]


@router.get("/hosts", response_model=HostsPublic)
def list_hosts(services: ServicesDep, _: CurrentUser, limit: Limit = 100, offset: Offset = 0,
               group: GroupFilter = None) -> HostsPublic:
    with services.db.connection_context():
        return hosts.list_hosts(limit=limit, offset=offset, group=group)


@router.post("/hosts", response_model=HostPublic, status_code=201)
def create_host(body: HostCreate, services: ServicesDep, _: CurrentUser) -> HostPublic:
    with services.db.connection_context():
        return hosts.create_host(data=body)


@router.get("/hosts/{host_id}", response_model=HostPublic)
def get_host(host_id: IdPath, services: ServicesDep, _: CurrentUser) -> HostPublic:
    with services.db.connection_context():
        return hosts.get_host(host_id=host_id)


@router.patch("/hosts/{host_id}", response_model=HostPublic)
def update_host(host_id: IdPath, body: HostUpdate, services: ServicesDep,
                _: CurrentUser) -> HostPublic:
    with services.db.connection_context():
        return hosts.update_host(host_id=host_id, data=body)


@router.delete("/hosts/{host_id}", status_code=204)
def delete_host(host_id: IdPath, services: ServicesDep, _: CurrentUser) -> Response:
    with services.db.connection_context():
        hosts.delete_host(host_id=host_id)
    return Response(status_code=204)


@router.get("/groups", response_model=GroupsPublic)
def list_groups(services: ServicesDep, _: CurrentUser) -> GroupsPublic:
    """Every group label with the names of the hosts that carry it."""
    with services.db.connection_context():
        return hosts.list_groups()
