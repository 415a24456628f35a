"""Guards the public REST API v1: the live OpenAPI of ``/api/v1`` against a committed snapshot.

A breaking change (a removed path, method, success status or response field, a new required
request field or parameter, a changed type, a removed enum value) fails with a line naming each
break: it needs a new API version, not a refreshed snapshot. A purely additive change fails
only until the snapshot is refreshed, so that it is reviewed:

    NOC_UPDATE_SNAPSHOTS=1 .venv/bin/pytest -p no:cacheprovider tests/contracts/test_openapi_snapshot.py

Refreshing over a break needs ``NOC_ACCEPT_BREAKING=1`` as well (with the version bump).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from noc_backend.main import create_app
from tests.backend.utils import make_settings
from tests.contracts.openapi_compat import api_subset, breaking_changes

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi_v1.json"


def live_api(tmp_path: Path) -> dict[str, Any]:
    """The running backend's ``/api/v1`` OpenAPI (paths and the schemas they reach)."""
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'backend.db'}",
                                   bootstrap_admin_password=None))
    subset: dict[str, Any] = json.loads(json.dumps(api_subset(app.openapi())))
    return subset


def test_api_v1_has_no_breaking_change(tmp_path: Path) -> None:
    live = live_api(tmp_path)
    committed = json.loads(SNAPSHOT.read_text()) if SNAPSHOT.exists() else {"paths": {}}
    breaks = breaking_changes(committed, live)
    if os.environ.get("NOC_UPDATE_SNAPSHOTS") == "1" and (
            not breaks or os.environ.get("NOC_ACCEPT_BREAKING") == "1"):
        SNAPSHOT.write_text(json.dumps(live, indent=1, sort_keys=True) + "\n")
        committed = live
    assert not breaks, ("the public API v1 changed in a way that breaks its clients:\n  "
                        + "\n  ".join(breaks))
    assert committed == live, (
        "the public API v1 grew (nothing breaks): review the change, then refresh the "
        "snapshot with NOC_UPDATE_SNAPSHOTS=1 .venv/bin/pytest "
        "tests/contracts/test_openapi_snapshot.py")


def test_the_snapshot_covers_the_public_api() -> None:
    committed = json.loads(SNAPSHOT.read_text())
    assert all(path.startswith("/api/v1/") for path in committed["paths"])
    assert {"/api/v1/hosts", "/api/v1/procedures/{procedure_id}/runs",
            "/api/v1/executions/{execution_id}/events"} <= set(committed["paths"])
