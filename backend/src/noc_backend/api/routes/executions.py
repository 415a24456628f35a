"""Execution history routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from noc_backend.api.deps import CurrentUser, Limit, Offset, ServicesDep
from noc_backend.schemas import ExecutionDetail, ExecutionsPublic
from noc_backend.services import executions
from noc_contracts import ExecutionStatus

router = APIRouter(tags=["executions"])

ExecutionId = Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
ProcedureFilter = Annotated[int | None, Query(alias="procedure", ge=1, le=2_147_483_647)]


@router.get("/executions", response_model=ExecutionsPublic)
def list_executions(services: ServicesDep, _: CurrentUser, limit: Limit = 100,
                    offset: Offset = 0, procedure: ProcedureFilter = None,
                    status: ExecutionStatus | None = None) -> ExecutionsPublic:
    """Executions, newest first, optionally of one procedure or in one status."""
    with services.db.connection_context():
        return executions.list_executions(limit=limit, offset=offset, procedure_id=procedure,
                                          status=status.value if status else None)


@router.get("/executions/{execution_id}", response_model=ExecutionDetail)
def get_execution(execution_id: ExecutionId, services: ServicesDep,
                  _: CurrentUser) -> ExecutionDetail:
    """One execution with, per host, its status, current node, path and step results."""
    with services.db.connection_context():
        return executions.get_execution(execution_id=execution_id)
