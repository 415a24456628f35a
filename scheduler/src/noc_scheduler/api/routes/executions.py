"""``POST /internal/v1/executions/{id}/cancel``."""

from __future__ import annotations

from fastapi import APIRouter

from noc_contracts import ErrorCode
from noc_scheduler.api.deps import BackendAuth, RuntimeDep
from noc_scheduler.api.params import ExecutionId
from noc_scheduler.core.errors import ApiError
from noc_scheduler.runs.executions import cancel_execution
from noc_scheduler.store.db import lock
from noc_scheduler.store.models import Execution, utcnow

router = APIRouter(prefix="/internal/v1/executions", dependencies=[BackendAuth])


@router.post("/{execution_id}/cancel", status_code=202)
def cancel(execution_id: ExecutionId, rt: RuntimeDep) -> dict[str, str]:
    with rt.db.connection_context(), rt.db.atomic():
        execution = lock(Execution.select().where(Execution.id == execution_id), rt.db).first()
        if execution is None:
            raise ApiError(404, ErrorCode.not_found, f"no execution '{execution_id}'")
        remote = cancel_execution(execution, utcnow())
        status = execution.status
    for item in remote:
        rt.enqueue_cancel(item.task_id, item.node)
    return {"execution_id": execution_id, "status": status}
