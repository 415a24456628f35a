"""An imported inventory as rows to store: each host's connection fields split out of its
vars and checked (a name is its own address only when it is one, as Ansible connects to it),
each group's vars and children; every problem a 422 naming ``content``."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from noc_backend.core.errors import Invalid
from noc_backend.inventory_io import Inventory, InventoryParseError, parse_ini, parse_yaml
from noc_backend.models import Host
from noc_backend.services.grouptree import ALL, SPECIAL, UNGROUPED
from noc_backend.services.hostvars import DEFAULT_CONNECTION, DEFAULT_PORT, own_vars
from noc_contracts import ErrorCode
from noc_contracts.api import InventoryImport
from noc_contracts.api.fields import Address, HostName, Name, Vars

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
    if "ansible_host" not in variables:  # Ansible connects to the name itself
        try:
            host.address = _ADDRESS.validate_python(name)
        except ValidationError as exc:
            raise Invalid.on_field("content", f"host '{name}': the name is not a hostname or "
                                   "an IP address, so it needs ansible_host",
                                   code=ErrorCode.invalid_inventory) from exc
    else:
        if isinstance(variables["ansible_host"], str):
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
    """Validated hosts (ungrouped ones first, as the inventory lists them), and groups as
    name -> (vars, children, hosts); 422 naming ``content``.

    ``all`` and ``ungrouped`` are rows only to hold vars (membership is implicit): they are
    among the groups only when the inventory gives them vars (or ``all`` a child Ansible would
    not add by itself), so an import never creates them empty.
    """
    groups: dict[str, Any] = {}
    for group in inv.groups.values():
        _check(_GROUP_NAME, group.name, f"group name '{group.name}'")
        children = [c for c in group.children if c not in SPECIAL]
        if group.name == ALL:  # keep only the edges Ansible would not add by itself
            children = [c for c in children if inv.parents_of(c) != [ALL]]
        if group.name == UNGROUPED:
            children = []
        variables = _check(_VARS, group.vars, f"group '{group.name}' vars")
        if group.name in SPECIAL and not variables and not children:
            continue
        groups[group.name] = (variables, children, list(group.hosts))
    order = dict.fromkeys([*inv.groups[UNGROUPED].hosts, *inv.hosts])
    return {name: _incoming_host(inv, name) for name in order}, groups
