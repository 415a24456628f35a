"""The server's validation details as the editor's problems (no Qt): the field made relative
to its node, an ``edges.<i>`` field naming the document's edge, repeats dropped, and the
messages a block's form shows."""

from __future__ import annotations

import pytest

from noc_contracts import ErrorDetail
from noc_desktop.document import DocEdge, Problem
from noc_desktop.procedures.server_problems import (
    field_messages,
    problem_of,
    problems_of_details,
)

EDGES = (DocEdge("check", "ok", "success"), DocEdge("ok", "bad", "next"))


@pytest.mark.parametrize(("detail", "expected"), [
    (ErrorDetail(field="condition", node="up?", message="m"),
     Problem("up?", "condition", "m")),
    (ErrorDetail(field="nodes.2.max_iterations", node="tries", message="m"),
     Problem("tries", "max_iterations", "m")),
    (ErrorDetail(field="graph.nodes.0.params.name", node="check", message="m"),
     Problem("check", "params.name", "m")),
    (ErrorDetail(field="nodes.0", node="check", message="m"), Problem("check", None, "m")),
    (ErrorDetail(field="edges.1.on", node="ok", message="m"),
     Problem("ok", "edges.1.on", "m", DocEdge("ok", "bad", "next"))),
    (ErrorDetail(field="edges.9", node=None, message="m"), Problem(None, "edges.9", "m")),
    (ErrorDetail(field="graph.start", message="m"), Problem(None, "start", "m")),
    (ErrorDetail(message="m"), Problem(None, None, "m")),
])
def test_a_detail_becomes_a_problem(detail: ErrorDetail, expected: Problem) -> None:
    assert problem_of(detail, EDGES) == expected


def test_repeats_dropped_and_messages_per_field() -> None:
    details = [ErrorDetail(field="condition", node="up?", message="does not compile"),
               ErrorDetail(field="condition", node="up?", message="does not compile"),
               ErrorDetail(field="condition", node="up?", message="names no step"),
               ErrorDetail(field="nodes.1", node="up?", message="unreachable"),
               ErrorDetail(field="timeout_s", node="check", message="too long")]
    found = problems_of_details(details, EDGES)
    assert len(found) == 4
    assert field_messages(found, "up?") == {
        "condition": "does not compile; names no step", "": "unreachable"}
    assert field_messages(found, "check") == {"timeout_s": "too long"}
    assert field_messages(found, "nobody") == {}
