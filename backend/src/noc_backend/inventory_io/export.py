"""Write an :class:`Inventory` as Ansible INI or YAML that Ansible reads back identically.

Both writers first reconcile a copy (so a hand-built inventory is fine), then write every
group once and every host's vars once, keeping the order of members and children. INI
values are Python literals where needed, because ansible-core 2.19 reads INI values with
``ast.literal_eval``; a name INI cannot hold raises :class:`InventoryExportError`.
"""

from __future__ import annotations

from typing import Any

import yaml

from noc_backend.inventory_io.builder import normalized
from noc_backend.inventory_io.errors import InventoryExportError
from noc_backend.inventory_io.model import ALL, SPECIAL_GROUPS, UNGROUPED, Inventory
from noc_backend.inventory_io.values import (
    ValueFormatError,
    group_var_text,
    host_var_text,
    shell_quote,
)


def _prepared(inventory: Inventory) -> Inventory:
    try:
        return normalized(inventory)
    except ValueError as exc:
        raise InventoryExportError(str(exc), "groups") from exc


def _check_host_name(name: str) -> None:
    if ("[" in name or not name.isprintable() or name.endswith(":") or "=" in name
            or name.strip() == "---"):
        raise InventoryExportError("host name cannot be written as an inventory host", name)
    if name.rpartition(":")[2].isdigit() and name.count(":") == 1:
        raise InventoryExportError("host name would read back as host:port", name)


def _check_ini_name(name: str, what: str) -> None:
    if not name or not name.isprintable() or any(c in name for c in ":]=#;[") \
            or any(c.isspace() for c in name):
        raise InventoryExportError(f"{what} name cannot be written in INI; use YAML", name)


def _host_line(inv: Inventory, name: str, written: set[str]) -> str:
    _check_host_name(name)
    parts = [shell_quote(name)]
    if name not in written:
        written.add(name)
        for key, value in inv.hosts[name].vars.items():
            _check_ini_name(key, "variable")
            try:
                parts.append(f"{key}={host_var_text(value)}")
            except ValueFormatError as exc:
                raise InventoryExportError(str(exc), f"{name}.{key}") from exc
    return " ".join(parts)


def _vars_section(group: str, variables: dict[str, Any]) -> list[str]:
    lines = [f"[{group}:vars]"]
    for key, value in variables.items():
        _check_ini_name(key, "variable")
        try:
            lines.append(f"{key}={group_var_text(value)}")
        except ValueFormatError as exc:
            raise InventoryExportError(str(exc), f"{group}.{key}") from exc
    return lines


def to_ini(inventory: Inventory) -> str:
    """The inventory as Ansible INI; raises :class:`InventoryExportError` if INI cannot say it."""
    inv = _prepared(inventory)
    written: set[str] = set()
    lines = [_host_line(inv, host, written) for host in inv.groups[UNGROUPED].hosts]
    ordinary = [g for g in inv.groups.values() if g.name not in SPECIAL_GROUPS]
    for group in ordinary:
        _check_ini_name(group.name, "group")
        lines += ["", f"[{group.name}]"]
        lines += [_host_line(inv, host, written) for host in group.hosts]
        if group.vars:
            lines += _vars_section(group.name, group.vars)
    for group in [inv.groups[UNGROUPED], *ordinary]:
        if group.children:
            lines += ["", f"[{group.name}:children]", *group.children]
    if inv.groups[UNGROUPED].vars:
        lines += ["", *_vars_section(UNGROUPED, inv.groups[UNGROUPED].vars)]
    top = [g for g in inv.groups[ALL].children if g != UNGROUPED]
    implicit = [g.name for g in ordinary if inv.parents_of(g.name) == [ALL]]
    if top != implicit:
        lines += ["", "[all:children]", *top]
    if inv.groups[ALL].vars:
        lines += ["", *_vars_section(ALL, inv.groups[ALL].vars)]
    return "\n".join(lines).lstrip("\n") + "\n"


class _Dumper(yaml.SafeDumper):
    """Safe dumping without anchors: a shared value is written out in full each time."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def to_yaml(inventory: Inventory) -> str:
    """The inventory as Ansible YAML, every group nested under ``all`` where it first appears."""
    inv = _prepared(inventory)
    defined: set[str] = set()
    written: set[str] = set()

    def group_node(name: str) -> dict[str, Any] | None:
        if name in defined:
            return None
        defined.add(name)
        group = inv.groups[name]
        node: dict[str, Any] = {}
        if group.vars:
            node["vars"] = dict(group.vars)
        if group.hosts:
            node["hosts"] = {}
            for host in group.hosts:
                _check_host_name(host)
                first = host not in written and inv.hosts[host].vars
                written.add(host)
                node["hosts"][host] = dict(inv.hosts[host].vars) if first else None
        if group.children:
            node["children"] = {child: group_node(child) for child in group.children}
        return node or None

    document = {ALL: group_node(ALL)}
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, default_flow_style=False,
                     allow_unicode=True)

