"""Group routes: ``/groups`` with vars, nesting, credential and member changes in one call."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from noc_backend.api.deps import HostsRead, HostsWrite, ServicesDep
from noc_backend.services import groups, schedule_use
from noc_contracts.api import GroupCreate, GroupMembers, GroupPublic, GroupsPublic, GroupUpdate
from noc_contracts.api.fields import LABEL_PATTERN

router = APIRouter(tags=["inventory"])

GroupPath = Annotated[str, Path(max_length=100, pattern=LABEL_PATTERN)]


@router.get("/groups", response_model=GroupsPublic)
def list_groups(services: ServicesDep, _: HostsRead) -> GroupsPublic:
    """Every group with its direct hosts, vars, children, parents and credential."""
    with services.db.connection_context():
        return groups.list_groups()


@router.post("/groups", response_model=GroupPublic, status_code=201)
def create_group(body: GroupCreate, services: ServicesDep, actor: HostsWrite) -> GroupPublic:
    with services.db.connection_context():
        return groups.create_group(data=body, actor=actor)


@router.get("/groups/{name}", response_model=GroupPublic)
def get_group(name: GroupPath, services: ServicesDep, _: HostsRead) -> GroupPublic:
    with services.db.connection_context():
        return groups.get_group(name=name)


@router.patch("/groups/{name}", response_model=GroupPublic)
def update_group(name: GroupPath, body: GroupUpdate, services: ServicesDep,
                 actor: HostsWrite) -> GroupPublic:
    """Change vars, children or credential; a new ``name`` renames, keeping memberships."""
    with services.db.connection_context():
        return groups.update_group(name=name, data=body, actor=actor)


@router.delete("/groups/{name}", status_code=204)
def delete_group(name: GroupPath, services: ServicesDep, actor: HostsWrite) -> Response:
    """409 `in_use` while a live schedule targets the group."""
    live = schedule_use.live_schedules(services.scheduler)
    with services.db.connection_context():
        schedule_use.refuse_group(live, name)
        groups.delete_group(name=name, actor=actor)
    return Response(status_code=204)


@router.post("/groups/{name}/hosts", response_model=GroupPublic)
def change_members(name: GroupPath, body: GroupMembers, services: ServicesDep,
                   actor: HostsWrite) -> GroupPublic:
    """Add/remove member hosts; with ``move_from`` the added hosts leave that group."""
    with services.db.connection_context():
        return groups.change_members(name=name, data=body, actor=actor)
