"""``POST /internal/v1/probe`` (backend token): a synchronous connection test through a node."""

from __future__ import annotations

from fastapi import APIRouter

from noc_contracts import ProbeRequest, ProbeResult
from noc_scheduler.api.deps import BackendAuth, RuntimeDep
from noc_scheduler.dispatch import probe as probing

router = APIRouter(prefix="/internal/v1")


@router.post("/probe", dependencies=[BackendAuth])
def probe(body: ProbeRequest, rt: RuntimeDep) -> ProbeResult:
    return probing.probe(rt, body)
