"""A document to and from the API's graph and JSON text: round trips are exact, drafts survive a
file, a graph that cannot be saved yet says which node and field; notes go through a real
backend and come back."""

from __future__ import annotations

import asyncio
import json

import pytest

from noc_contracts import ProcedureGraph
from noc_contracts.api import ProcedureCreate
from noc_desktop.client.api import NocClient
from noc_desktop.document import (
    MISSING,
    InvalidDocument,
    ProcedureDocument,
    SetNodeProperty,
    SetStart,
)
from tests.desktop.conftest import LiveBackend
from tests.desktop.document.docs import NOTE, example_doc
from tests.desktop.document.graphs import EXAMPLE, example_graph


def test_graph_round_trip_is_exact() -> None:
    graph = ProcedureGraph.model_validate({**EXAMPLE, "notes": [NOTE.model_dump()],
                                           "allow_command": True})
    doc = ProcedureDocument.from_graph(graph, "n", "d")
    assert doc.to_graph() == graph
    assert (doc.name, doc.description, doc.allow_command) == ("n", "d", True)
    assert doc.node("tries") == {"id": "tries", "type": "loop", "max_iterations": 3}


def test_json_round_trip_keeps_a_draft() -> None:
    doc = example_doc()
    doc.apply(SetNodeProperty("check", "timeout_s", "soon"))
    doc.apply(SetStart(None))
    text = doc.to_json()
    assert ProcedureDocument.from_json(text) == doc
    body = json.loads(text)
    assert body["name"] == "nginx watchdog" and body["graph"]["notes"][0]["id"] == "n1"


def test_json_of_a_saved_procedure_is_a_create_body() -> None:
    body = ProcedureCreate.model_validate_json(example_doc().to_json())
    assert body.graph.model_dump(exclude={"notes"}) == example_graph().model_dump(
        exclude={"notes"})


@pytest.mark.parametrize("text", [
    json.dumps(EXAMPLE),
    json.dumps({"id": 7, "name": "api answer", "version": 3, "graph": EXAMPLE}),
])
def test_bare_graphs_and_api_answers_load(text: str) -> None:
    doc = ProcedureDocument.from_json(text)
    assert doc.to_graph() == example_graph()


@pytest.mark.parametrize(("edit", "says"), [
    (SetNodeProperty("check", "timeout_s", "soon"), "check: timeout_s"),
    (SetNodeProperty("up?", "condition", MISSING), "up?: condition"),
    (SetStart(None), "start"),
])
def test_a_draft_is_not_a_graph_yet(edit: SetNodeProperty | SetStart, says: str) -> None:
    doc = example_doc()
    doc.apply(edit)
    with pytest.raises(InvalidDocument) as refused:
        doc.to_graph()
    assert refused.value.message.startswith(says)


def test_notes_and_layout_survive_a_real_backend(live_backend: LiveBackend) -> None:
    doc = example_doc()

    async def save_and_read() -> ProcedureGraph:
        client = NocClient(live_backend.url)
        try:
            await client.login(live_backend.username, live_backend.password)
            saved = await client.create_procedure(
                ProcedureCreate(name=doc.name, description=doc.description, graph=doc.to_graph()))
            return (await client.get_procedure(saved.id)).graph
        finally:
            await client.aclose()

    back = ProcedureDocument.from_graph(asyncio.run(save_and_read()), doc.name, doc.description)
    assert back == doc
    assert back.notes() == [NOTE]
