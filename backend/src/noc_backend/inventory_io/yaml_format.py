"""Read Ansible's YAML inventory format into an :class:`Inventory`.

Top-level keys are groups (usually just ``all``); a group maps ``hosts`` (host pattern ->
vars), ``vars`` and ``children`` (nested groups, any depth). The text is composed with
``SafeLoader`` so every structural error can name the line of the offending node. Stricter
than Ansible on purpose: a group or key that Ansible would skip with a warning is an error here.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from noc_backend.inventory_io.builder import InventoryBuilder
from noc_backend.inventory_io.errors import InventoryParseError
from noc_backend.inventory_io.hostpatterns import expand_host_pattern
from noc_backend.inventory_io.model import Inventory
from noc_backend.inventory_io.values import json_compatible

_SECTIONS = ("vars", "children", "hosts")


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"


class _YamlParser:
    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.builder = InventoryBuilder()

    def value(self, node: Node) -> Any:
        try:
            return json_compatible(self.loader.construct_object(node, deep=True))
        except ValueError as exc:
            raise InventoryParseError(str(exc), _line(node)) from exc

    def name(self, node: Node, what: str) -> str:
        value = self.value(node)
        if not isinstance(value, str) or not value:
            raise InventoryParseError(
                f"{what} {value!r} must be a non-empty string: quote numbers", _line(node))
        return value

    def pairs(self, node: Node, what: str) -> list[tuple[Node, Node]]:
        """The (key, value) nodes of a mapping, merge keys applied; null is an empty mapping."""
        if _is_null(node):
            return []
        if not isinstance(node, MappingNode):
            raise InventoryParseError(f"{what} must be a mapping", _line(node))
        self.loader.flatten_mapping(node)
        return list(node.value)

    def group(self, name: str, node: Node) -> None:
        self.builder.add_group(name)
        for key_node, value_node in self.pairs(node, f"group '{name}'"):
            section = self.value(key_node)
            if section not in _SECTIONS:
                raise InventoryParseError(
                    f"unexpected key {section!r} in group '{name}': only vars, children and"
                    " hosts are valid", _line(key_node))
            if isinstance(value_node, ScalarNode) and not _is_null(value_node):
                null = ScalarNode("tag:yaml.org,2002:null", "", value_node.start_mark,
                                  value_node.end_mark)
                entries: list[tuple[Node, Node]] = [(value_node, null)]
            else:
                entries = self.pairs(value_node, f"'{section}' of group '{name}'")
            for entry_key, entry_value in entries:
                getattr(self, f"_{section}")(name, entry_key, entry_value)

    def _vars(self, group: str, key: Node, value: Node) -> None:
        self.builder.set_group_var(group, self.name(key, "variable name"), self.value(value))

    def _children(self, group: str, key: Node, value: Node) -> None:
        child = self.name(key, "group name")
        self.group(child, value)
        try:
            self.builder.add_child(group, child)
        except ValueError as exc:
            raise InventoryParseError(str(exc), _line(key)) from exc

    def _hosts(self, group: str, key: Node, value: Node) -> None:
        pattern = self.name(key, "host pattern")
        try:
            names, port = expand_host_pattern(pattern)
        except ValueError as exc:
            raise InventoryParseError(str(exc), _line(key)) from exc
        variables = [(self.name(k, "variable name"), self.value(v))
                     for k, v in self.pairs(value, f"vars of host '{pattern}'")]
        for host in names:
            self.builder.add_host(host, group, port)
            for var, var_value in variables:
                self.builder.set_host_var(host, var, var_value)


def parse_yaml(text: str) -> Inventory:
    """Parse an Ansible YAML inventory; raises :class:`InventoryParseError` with the line."""
    try:
        loader = yaml.SafeLoader(text)  # refuses unprintable characters already
    except yaml.reader.ReaderError as exc:
        raise InventoryParseError(f"invalid YAML: character #x{exc.character:04x} is not "
                                  "allowed", text.count("\n", 0, exc.position) + 1) from exc
    try:
        root = loader.get_single_node()
        if root is None or _is_null(root):
            raise InventoryParseError("the YAML inventory is empty", 1)
        parser = _YamlParser(loader)
        top = parser.pairs(root, "a YAML inventory")
        for key_node, value_node in top:
            name = parser.name(key_node, "group name")
            if name == "plugin":
                raise InventoryParseError(
                    "this is an inventory plugin configuration, not a YAML inventory",
                    _line(key_node))
            parser.group(name, value_node)
        try:
            return parser.builder.finish()
        except ValueError as exc:
            raise InventoryParseError(str(exc), _line(root)) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = int(mark.line) + 1 if mark is not None else 1
        raise InventoryParseError(f"invalid YAML: {exc.problem or exc}", line) from exc
    except yaml.YAMLError as exc:
        raise InventoryParseError(f"invalid YAML: {exc}", 1) from exc
    finally:
        loader.dispose()
