"""Validation errors become details naming the dotted field (and the graph node)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from noc_backend.core.errors import validation_details
from noc_contracts import ProcedureGraph


class _Body(BaseModel):
    graph: ProcedureGraph


def _errors(raw: dict[str, Any]) -> list[Any]:
    with pytest.raises(ValidationError) as info:
        _Body.model_validate(raw)
    return [{**e, "loc": ("body", *e["loc"])} for e in info.value.errors()]


def test_union_tag_is_dropped_and_node_named() -> None:
    raw = {"graph": {"nodes": [{"id": "a", "type": "task"}], "start": "a"}}
    details = validation_details(_errors(raw), raw)
    assert [(d.field, d.node) for d in details] == [("graph.nodes.0.task", "a")]


def test_field_outside_nodes_has_no_node() -> None:
    raw = {"graph": {"nodes": [{"id": "a", "type": "end"}]}}
    details = validation_details(_errors(raw), raw)
    assert [(d.field, d.node) for d in details] == [("graph.start", None)]


def test_malformed_json_names_body() -> None:
    details = validation_details([{"type": "json_invalid", "loc": ("body", 3), "msg": "x",
                                   "ctx": {"error": "Expecting value"}}])
    assert details[0].field == "body"
    assert "Expecting value" in details[0].message
