"""The scheduler's ``/docs`` and ``/redoc`` work offline: every script, style, icon and schema
they load comes from the scheduler itself, and answers."""

from __future__ import annotations

from pathlib import Path

import httpx

from noc_scheduler.app import create_app
from tests.scheduler.conftest import make_settings
from tests.support.offline_docs import assert_works_offline
from tests.support.server import ServerThread


def test_docs_and_redoc_load_only_their_own_assets(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path, f"sqlite:///{tmp_path / 's.db'}"),
                     background=False)
    with ServerThread(app) as server, httpx.Client(base_url=server.url, timeout=10) as http:
        docs = assert_works_offline(http, "/docs")
        assert {"/docs-assets/swagger-ui-bundle.js", "/docs-assets/swagger-ui.css",
                "/openapi.json"} <= set(docs)
        redoc = assert_works_offline(http, "/redoc")
        assert "/docs-assets/redoc.standalone.js" in redoc
        assert "validatorUrl" in http.get("/docs").text  # no badge from an online validator
        # what the pages load is the real Swagger UI 5 (it renders OpenAPI 3.1)
        bundle = http.get("/docs-assets/swagger-ui-bundle.js")
        assert bundle.headers["content-type"].startswith(("application/javascript",
                                                          "text/javascript"))
        assert len(bundle.content) > 500_000
        assert http.get("/openapi.json").json()["openapi"].startswith("3.1")
