"""Request and response bodies of ``/groups``: labels on hosts, with vars, children and a
credential."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from noc_contracts.api.base import Input
from noc_contracts.api.fields import HostName, Name, Vars
from noc_contracts.nodes import Labels

_SELECTOR = ("node labels a node must have to run the steps of this group's hosts (site=rio), "
             "for hosts without their own or a nearer group's selector; empty: none")


class GroupCreate(Input):
    name: Name
    vars: Vars = Field(default_factory=dict)
    children: list[Name] = Field(default_factory=list, max_length=1_000)
    credential: Name | None = None
    hosts: list[HostName] = Field(default_factory=list, max_length=100_000)
    node_selector: Labels = Field(default_factory=dict, description=_SELECTOR)


class GroupUpdate(Input):
    """Only the fields sent change; ``name`` renames (memberships and nesting follow);
    ``node_selector: {}`` clears the group's selector."""

    name: Name | None = None
    vars: Vars | None = None
    children: list[Name] | None = Field(default=None, max_length=1_000)
    credential: Name | None = None
    node_selector: Labels | None = Field(default=None, description=_SELECTOR)


class GroupMembers(Input):
    """Add and remove member hosts in one call; ``move_from`` also drops ``add`` from a group."""

    add: list[HostName] = Field(default_factory=list, max_length=100_000)
    remove: list[HostName] = Field(default_factory=list, max_length=100_000)
    move_from: Name | None = None




class GroupPublic(BaseModel):
    """A group: its direct member hosts, vars, nested child groups, credential (by name) and
    node selector."""

    name: str
    hosts: list[str]
    vars: dict[str, Any] = Field(default_factory=dict)
    children: list[str] = Field(default_factory=list)
    parents: list[str] = Field(default_factory=list)
    credential: str | None = None
    node_selector: dict[str, str] = Field(default_factory=dict, description=_SELECTOR)


class GroupsPublic(BaseModel):
    data: list[GroupPublic]
    count: int
