"""The backend's ``/docs`` and ``/redoc`` work offline: every script, style, icon and schema
they load comes from the backend itself, and answers (FastAPI's own pages use a CDN)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.support.offline_docs import assert_works_offline


def test_docs_and_redoc_load_only_their_own_assets(client: TestClient) -> None:
    docs = assert_works_offline(client, "/docs")
    assert {"/docs-assets/swagger-ui-bundle.js", "/docs-assets/swagger-ui.css",
            "/openapi.json"} <= set(docs)
    redoc = assert_works_offline(client, "/redoc")
    assert "/docs-assets/redoc.standalone.js" in redoc
    assert "noc-orchestrator backend" in client.get("/docs").text
    assert client.get("/openapi.json").json()["openapi"].startswith("3.1")
