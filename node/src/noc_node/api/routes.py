"""The node's REST routes (docs/internal-api.md): thin, the work is in ``NodeRuntime``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, status

from noc_contracts import TaskAccepted, TaskRequest
from noc_node.api.access import public_access, require_scheduler
from noc_node.runtime import NodeRuntime


class TaskNotFound(Exception):
    """A cancel for a task this node never accepted."""

    def __init__(self, task_id: str) -> None:
        super().__init__(f"task '{task_id}' is not known to this node")
        self.task_id = task_id


def get_runtime(request: Request) -> NodeRuntime:
    runtime: NodeRuntime = request.app.state.runtime
    return runtime


Runtime = Annotated[NodeRuntime, Depends(get_runtime)]

public = APIRouter(dependencies=[Depends(public_access)])
protected = APIRouter(dependencies=[Depends(require_scheduler)])


@public.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok", "layer": "node"}


@protected.get("/status")
def node_status(runtime: Runtime) -> dict[str, Any]:
    snap = runtime.snapshot()
    return {"name": snap.name, "capacity": snap.capacity, "queue_depth": snap.queue_depth,
            "running": snap.running}


@protected.post("/tasks", status_code=status.HTTP_202_ACCEPTED)
def submit_task(body: TaskRequest, runtime: Runtime) -> TaskAccepted:
    return runtime.submit(body)


@protected.post("/tasks/{task_id}/cancel", status_code=status.HTTP_202_ACCEPTED)
def cancel_task(task_id: str, runtime: Runtime) -> dict[str, str]:
    previous = runtime.cancel(task_id)
    if previous is None:
        raise TaskNotFound(task_id)
    return {"task_id": task_id, "status": previous}
