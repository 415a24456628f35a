"""Procedure routes: CRUD (every PUT is a new version), versions, validation, task types."""

from __future__ import annotations

from fastapi import APIRouter, Response

from noc_backend.api.deps import (
    IdPath,
    Limit,
    Offset,
    ProceduresRead,
    ProceduresWrite,
    ServicesDep,
)
from noc_backend.services import procedures, schedule_use
from noc_contracts import CATALOGUE, TaskTypeSpec, task_type_spec
from noc_contracts.api import (
    ProcedureCreate,
    ProcedurePublic,
    ProceduresPublic,
    ProcedureUpdate,
    ProcedureValidate,
    ProcedureVersionsPublic,
    ValidationResult,
)

router = APIRouter(tags=["procedures"])


@router.get("/task-types", response_model=list[TaskTypeSpec])
def list_task_types(_: ProceduresRead) -> list[TaskTypeSpec]:
    """The task catalogue: each type's kind, module and JSON schema of its params."""
    return [task_type_spec(t) for t in CATALOGUE.values()]


@router.get("/procedures", response_model=ProceduresPublic)
def list_procedures(services: ServicesDep, _: ProceduresRead, limit: Limit = 100,
                    offset: Offset = 0) -> ProceduresPublic:
    with services.db.connection_context():
        return procedures.list_procedures(limit=limit, offset=offset)


@router.post("/procedures/validate", response_model=ValidationResult)
def validate_procedure(body: ProcedureValidate, _: ProceduresRead) -> ValidationResult:
    """Check a graph without saving it: 200 with every problem found (none = valid)."""
    return procedures.check_graph(body.graph)


@router.post("/procedures", response_model=ProcedurePublic, status_code=201)
def create_procedure(body: ProcedureCreate, services: ServicesDep,
                     actor: ProceduresWrite) -> ProcedurePublic:
    """Save version 1; command-type tasks need the admin role or ``can_run_commands``."""
    with services.db.connection_context():
        return procedures.create_procedure(data=body, actor=actor)


@router.get("/procedures/{procedure_id}", response_model=ProcedurePublic)
def get_procedure(procedure_id: IdPath, services: ServicesDep,
                  _: ProceduresRead) -> ProcedurePublic:
    with services.db.connection_context():
        return procedures.get_procedure(procedure_id=procedure_id)


@router.put("/procedures/{procedure_id}", response_model=ProcedurePublic)
def update_procedure(procedure_id: IdPath, body: ProcedureUpdate, services: ServicesDep,
                     actor: ProceduresWrite) -> ProcedurePublic:
    """Save the body as the procedure's next version (command tasks: as for create). With
    ``base_version``, 409 ``conflict`` when someone saved a newer version meanwhile (the
    message names it and who saved it); without it, last writer wins."""
    with services.db.connection_context():
        return procedures.update_procedure(procedure_id=procedure_id, data=body, actor=actor)


@router.delete("/procedures/{procedure_id}", status_code=204)
def delete_procedure(procedure_id: IdPath, services: ServicesDep,
                     actor: ProceduresWrite) -> Response:
    """409 `in_use` while a live schedule runs the procedure."""
    live = schedule_use.live_schedules(services.scheduler)
    with services.db.connection_context():
        schedule_use.refuse_procedure(live, procedure_id)
        procedures.delete_procedure(procedure_id=procedure_id, actor=actor)
    return Response(status_code=204)


@router.get("/procedures/{procedure_id}/versions", response_model=ProcedureVersionsPublic)
def list_versions(procedure_id: IdPath, services: ServicesDep,
                  _: ProceduresRead) -> ProcedureVersionsPublic:
    """Every saved version, newest first."""
    with services.db.connection_context():
        return procedures.list_versions(procedure_id=procedure_id)
