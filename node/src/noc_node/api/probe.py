"""``POST /probe``: a connection test answered synchronously (an ansible ``ping`` per host).

It runs in the request's thread through the node's executor, bypassing the queue, so a test
answers within its timeout even while workers are busy; shutdown cancels it like any task.
"""

from __future__ import annotations

import logging
import uuid

from fastapi import APIRouter, Depends

from noc_contracts import HostResult, ProbeRequest, ProbeResult, TaskRequest
from noc_node.api.access import require_scheduler
from noc_node.api.routes import Runtime
from noc_node.runtime import NodeRuntime

logger = logging.getLogger(__name__)

router = APIRouter(dependencies=[Depends(require_scheduler)])


def run_probe(runtime: NodeRuntime, probe: ProbeRequest) -> ProbeResult:
    """Ping every host of ``probe``; each gets exactly one result."""
    task_id = f"probe-{uuid.uuid4().hex}"
    request = TaskRequest(task_id=task_id, execution_id=task_id, step_id="probe",
                          task_type="ping", hosts=probe.hosts, timeout_s=probe.timeout_s)
    cancel = runtime.running.register(task_id)
    try:
        results: list[HostResult] = runtime.executor.execute(request, lambda _: None, cancel)
    finally:
        runtime.running.done(task_id)
    logger.info("probe %s: %d of %d host(s) answered ok", task_id,
                sum(r.status == "ok" for r in results), len(probe.hosts))
    return ProbeResult(node=runtime.settings.name, results=results)


@router.post("/probe")
def probe(body: ProbeRequest, runtime: Runtime) -> ProbeResult:
    return run_probe(runtime, body)
