"""All routers of the API."""

from __future__ import annotations

from fastapi import APIRouter

from noc_scheduler.api.routes import executions, health, nodes, probe, schedules, simulate

api_router = APIRouter()
for module in (health, schedules, executions, nodes):
    api_router.include_router(module.router)
api_router.include_router(probe.router)
api_router.include_router(simulate.router)
