"""Every router, mounted: public API v1 under ``/api/v1``, internal API, health."""

from __future__ import annotations

from fastapi import APIRouter

from noc_backend.api.routes import (
    audit,
    connection_tests,
    credentials,
    executions,
    groups,
    health,
    hosts,
    internal,
    inventory,
    login,
    nodes,
    procedures,
    runs,
    schedules,
    simulations,
    tokens,
    users,
)

API_V1 = "/api/v1"

api_router = APIRouter(prefix=API_V1)
for _module in (login, hosts, credentials, procedures, simulations, runs, executions, nodes):
    api_router.include_router(_module.router)
for _module in (groups, inventory, connection_tests):
    api_router.include_router(_module.router)
api_router.include_router(schedules.router)
for _module in (users, tokens, audit):
    api_router.include_router(_module.router)

root_router = APIRouter()
root_router.include_router(health.router)
root_router.include_router(internal.router)
root_router.include_router(api_router)
