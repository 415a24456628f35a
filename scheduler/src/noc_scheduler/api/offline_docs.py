"""``/docs`` (Swagger UI) and ``/redoc`` with their scripts, styles and icon served by this
process, so the API's reference works on a server with no Internet access (FastAPI's own pages
load them from a CDN). The files are those the ``fastapi-offline`` package ships (Swagger UI 5,
which renders OpenAPI 3.1, and ReDoc); create the app with ``docs_url=None, redoc_url=None``
and call ``install``. The same text in the backend and the scheduler (a test keeps it so).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

#: where the assets are served
ASSETS = "/docs-assets"
SWAGGER_JS, SWAGGER_CSS = "swagger-ui-bundle.js", "swagger-ui.css"
REDOC_JS, FAVICON = "redoc.standalone.js", "favicon.png"
#: Swagger UI's defaults fetch a badge from an online validator: off
OFFLINE_PARAMETERS: dict[str, Any] = {"validatorUrl": None}


def assets_dir() -> Path:
    """The folder of the packaged files."""
    return Path(str(files("fastapi_offline").joinpath("static")))


def install(app: FastAPI, docs_url: str = "/docs", redoc_url: str = "/redoc") -> None:
    """Mount the assets and add both pages (outside the OpenAPI schema)."""
    openapi_url = app.openapi_url
    if openapi_url is None:
        raise ValueError("the offline docs need the app's OpenAPI document")
    app.mount(ASSETS, StaticFiles(directory=assets_dir()), name="docs-assets")
    parameters = {**(app.swagger_ui_parameters or {}), **OFFLINE_PARAMETERS}

    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{openapi_url}", title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{root}{ASSETS}/{SWAGGER_JS}",
            swagger_css_url=f"{root}{ASSETS}/{SWAGGER_CSS}",
            swagger_favicon_url=f"{root}{ASSETS}/{FAVICON}", swagger_ui_parameters=parameters)

    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}{openapi_url}", title=f"{app.title} - ReDoc",
            redoc_js_url=f"{root}{ASSETS}/{REDOC_JS}",
            redoc_favicon_url=f"{root}{ASSETS}/{FAVICON}", with_google_fonts=False)

    app.add_route(docs_url, swagger_ui, include_in_schema=False)
    app.add_route(redoc_url, redoc, include_in_schema=False)
