"""``GET /healthz``: no token needed."""

from __future__ import annotations

from fastapi import APIRouter

from noc_backend.api.deps import PublicAccess

router = APIRouter(tags=["health"])


@router.get("/healthz", dependencies=[PublicAccess])
def healthz() -> dict[str, str]:
    return {"status": "ok", "layer": "backend"}
