"""``GET /healthz``: no token, no database."""

from __future__ import annotations

from fastapi import APIRouter

from noc_scheduler.api.deps import PublicAccess

router = APIRouter()


@router.get("/healthz", dependencies=[PublicAccess])
def healthz() -> dict[str, str]:
    return {"status": "ok", "layer": "scheduler"}
