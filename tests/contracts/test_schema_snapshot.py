"""Guards the wire contract: a change to any model's JSON schema must be deliberate.

Run with ``NOC_UPDATE_SNAPSHOTS=1`` to accept a change (and bump CONTRACTS_VERSION if it breaks).
"""

import json
import os
from pathlib import Path

from pydantic import TypeAdapter

import noc_contracts

SNAPSHOT = Path(__file__).parent / "snapshots" / "schemas.json"
MODELS = ["ProcedureGraph", "TaskRequest", "TaskResult", "ResultAck", "TaskAccepted", "RunRequest",
          "ScheduleCreate", "ScheduleInfo", "ResolveRequest", "ResolvedRun", "EventBatch",
          "NodeHeartbeat", "NodeInfo", "ErrorResponse", "TaskTypeSpec", "SchedulePreview",
          "ProbeRequest", "ProbeResult", "SimulationRun", "SimulationResult"]


def current() -> dict[str, object]:
    return {name: TypeAdapter(getattr(noc_contracts, name)).json_schema(by_alias=True)
            for name in MODELS}


def test_schemas_match_the_snapshot() -> None:
    schemas = current()
    if os.environ.get("NOC_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(json.dumps(schemas, indent=1, sort_keys=True) + "\n")
    assert json.loads(SNAPSHOT.read_text()) == json.loads(json.dumps(schemas)), (
        "the wire contract changed: review it, then NOC_UPDATE_SNAPSHOTS=1 pytest tests/contracts")


def test_public_surface_is_explicit() -> None:
    assert sorted(noc_contracts.__all__) == sorted(set(noc_contracts.__all__))
    for name in noc_contracts.__all__:
        assert hasattr(noc_contracts, name), name
