"""Read Ansible's INI inventory format into an :class:`Inventory`, as ansible-core 2.19 does.

Sections are ``[group]`` (host lines), ``[group:vars]`` (one ``key=value`` a line) and
``[group:children]`` (group names); lines before the first section are ungrouped hosts. A
child or ``:vars`` section may name a group declared further down, but one never declared is
an error, as in Ansible. Every error carries the 1-based line it is on.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from typing import Any

from noc_backend.inventory_io.builder import InventoryBuilder
from noc_backend.inventory_io.errors import InventoryParseError
from noc_backend.inventory_io.hostpatterns import expand_host_pattern
from noc_backend.inventory_io.model import UNGROUPED, Inventory
from noc_backend.inventory_io.values import parse_ini_value

_SECTION = re.compile(r"^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$")
_GROUP_NAME = re.compile(r"^([^:\]\s]+)\s*(?:#.*)?$")
_COMMENT = ("#", ";")


@dataclass
class _Pending:
    """A group named before it is declared: by a ``:vars`` section or as someone's child."""

    line: int
    state: str
    parents: list[str] = field(default_factory=list)


class _IniParser:
    def __init__(self) -> None:
        self.builder = InventoryBuilder()
        self.pending: dict[str, _Pending] = {}
        self.group = UNGROUPED
        self.state = "hosts"
        self.line = 0

    def parse(self, text: str) -> Inventory:
        for self.line, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith(_COMMENT):
                continue
            try:
                self._parse_line(line)
            except ValueError as exc:
                raise InventoryParseError(str(exc), self.line) from exc
        for name, pending in self.pending.items():
            if pending.state == "vars":
                message = f"section [{name}:vars] is for group '{name}', which is never defined"
            else:
                message = (f"section [{pending.parents[-1]}:children] includes group '{name}',"
                           " which is never defined")
            raise InventoryParseError(message, pending.line)
        try:
            return self.builder.finish()
        except ValueError as exc:
            raise InventoryParseError(str(exc), self.line) from exc

    def _parse_line(self, line: str) -> None:
        match = _SECTION.match(line)
        if match:
            self._enter_section(match[1], match[2] or "hosts")
        elif line.startswith("[") and line.endswith("]"):
            raise ValueError(f"invalid section header {line!r}: no spaces or extra characters "
                             "allowed, only [group], [group:vars] or [group:children]")
        elif self.state == "hosts":
            self._host_line(line)
        elif self.state == "vars":
            self._vars_line(line)
        else:
            self._child_line(line)

    def _enter_section(self, group: str, state: str) -> None:
        if state not in ("hosts", "vars", "children"):
            raise ValueError(f"section [{group}:{state}] has unknown type '{state}'"
                             " (expected vars or children)")
        self.group, self.state = group, state
        if not self.builder.has_group(group):
            if state == "vars" and group not in self.pending:
                self.pending[group] = _Pending(self.line, state)
            self.builder.add_group(group)
        pending = self.pending.get(group)
        if pending is not None and state != "vars":
            del self.pending[group]
            for parent in pending.parents:
                self.builder.add_child(parent, group)

    def _host_line(self, line: str) -> None:
        tokens = shlex.split(line, comments=True)
        if not tokens:
            return
        if "=" in tokens[0]:
            raise ValueError(f"'{tokens[0]}' is a variable without a host: put it after a host"
                             " name or in a [group:vars] section")
        if tokens[0].strip() == "---":
            raise ValueError("'---' is not a host: this looks like a YAML file")
        names, port = expand_host_pattern(tokens[0])
        variables: dict[str, Any] = {}
        for token in tokens[1:]:
            key, sep, value = token.partition("=")
            if not sep or not key:
                raise ValueError(f"expected key=value host variable, got {token!r}")
            variables[key] = parse_ini_value(value)
        for name in names:
            self.builder.add_host(name, self.group, port)
            for key, value in variables.items():
                self.builder.set_host_var(name, key, value)

    def _vars_line(self, line: str) -> None:
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"expected key=value in [{self.group}:vars], got {line!r}")
        self.builder.set_group_var(self.group, key.strip(), parse_ini_value(value.strip()))

    def _child_line(self, line: str) -> None:
        match = _GROUP_NAME.match(line)
        if not match:
            raise ValueError(f"expected a group name in [{self.group}:children], got {line!r}")
        child = match[1]
        if self.builder.has_group(child):
            self.builder.add_child(self.group, child)
        elif child in self.pending:
            self.pending[child].parents.append(self.group)
        else:
            self.pending[child] = _Pending(self.line, "children", [self.group])


def parse_ini(text: str) -> Inventory:
    """Parse an Ansible INI inventory; raises :class:`InventoryParseError` with the line."""
    return _IniParser().parse(text)
