"""Procedures: validated graphs saved as immutable, numbered versions."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError

from noc_backend.auth.actor import Actor
from noc_backend.core.db import database_proxy as db
from noc_backend.core.errors import Conflict, Forbidden, Invalid, NotFound, validation_details
from noc_backend.models import Procedure, ProcedureVersion, utcnow
from noc_backend.services import audit
from noc_contracts import (
    CATALOGUE,
    ErrorCode,
    ErrorDetail,
    ProcedureGraph,
    TaskNode,
    validate_graph,
)
from noc_contracts.api import (
    ProcedureCreate,
    ProcedurePublic,
    ProceduresPublic,
    ProcedureSummary,
    ProcedureUpdate,
    ProcedureVersionPublic,
    ProcedureVersionsPublic,
    ValidationResult,
)

logger = logging.getLogger(__name__)

MAX_ID = 2_147_483_647


def check_graph(raw: dict[str, Any]) -> ValidationResult:
    """Validate an unsaved graph: its shape first, then the rules that span nodes."""
    try:
        graph = ProcedureGraph.model_validate(raw)
    except ValidationError as exc:
        problems = validation_details(exc.errors(), raw)
        return ValidationResult(valid=False, problems=problems)
    problems = validate_graph(graph)
    return ValidationResult(valid=not problems, problems=problems)


def require_valid(graph: ProcedureGraph) -> dict[str, Any]:
    """The graph as stored, or 422 (``invalid_graph``) listing the rules it breaks."""
    problems = validate_graph(graph)
    if problems:
        raise Invalid(f"the procedure graph has {len(problems)} problem(s)", problems,
                      code=ErrorCode.invalid_graph)
    return graph.model_dump(mode="json", by_alias=True)


def command_nodes(graph: ProcedureGraph) -> list[TaskNode]:
    """The task nodes whose task type runs arbitrary commands."""
    return [n for n in graph.nodes if isinstance(n, TaskNode)
            and (t := CATALOGUE.get(n.task)) is not None and t.requires_allow_command]


def check_may_save(graph: ProcedureGraph, actor: Actor) -> None:
    """Only an admin or a user with ``can_run_commands`` saves command-type tasks (403)."""
    if actor.may_run_commands():
        return
    nodes = command_nodes(graph)
    if nodes:
        raise Forbidden(
            f"saving command-type tasks needs the admin role or the can_run_commands right "
            f"(node '{nodes[0].id}')",
            [ErrorDetail(field=f"graph.nodes.{n.id}.task", node=n.id,
                         message=f"task type '{n.task}' runs arbitrary commands")
             for n in nodes], code=ErrorCode.commands_not_allowed)


def _summary(row: Procedure) -> ProcedureSummary:
    return ProcedureSummary(id=row.id, name=row.name, description=row.description,
                            version=row.current_version, created_by=row.created_by,
                            created_at=row.created_at, updated_at=row.updated_at)


def get_row(procedure_id: int) -> Procedure:
    row = (Procedure.get_or_none(Procedure.id == procedure_id)
           if 1 <= procedure_id <= MAX_ID else None)
    if row is None:
        raise NotFound(f"no procedure with id {procedure_id}")
    return row


def current_graph(procedure: Procedure) -> ProcedureGraph:
    version = ProcedureVersion.get((ProcedureVersion.procedure == procedure.id)
                                   & (ProcedureVersion.version == procedure.current_version))
    return ProcedureGraph.model_validate(version.graph)


def _check_name_free(name: str, procedure_id: int | None = None) -> None:
    query = Procedure.select().where(Procedure.name == name)
    if procedure_id is not None:
        query = query.where(Procedure.id != procedure_id)
    if query.exists():
        raise Conflict.on_field("name", f"a procedure named '{name}' already exists")


def get_procedure(*, procedure_id: int) -> ProcedurePublic:
    row = get_row(procedure_id)
    return ProcedurePublic(**_summary(row).model_dump(), graph=current_graph(row))


def list_procedures(*, limit: int, offset: int) -> ProceduresPublic:
    query = Procedure.select().order_by(Procedure.name)
    rows = query.limit(limit).offset(offset)
    return ProceduresPublic(data=[_summary(r) for r in rows], count=query.count())


def create_procedure(*, data: ProcedureCreate, actor: Actor) -> ProcedurePublic:
    check_may_save(data.graph, actor)
    graph = require_valid(data.graph)
    user = actor.username
    with db.atomic():
        _check_name_free(data.name)
        now = utcnow()
        row = Procedure.create(name=data.name, description=data.description, created_by=user,
                               created_at=now, updated_at=now)
        ProcedureVersion.create(procedure=row, version=1, name=data.name, created_at=now,
                                description=data.description, graph=graph, created_by=user)
        audit.record(actor, "procedure.create", target_type="procedure", target_id=row.id,
                     target_name=row.name, details={"version": 1, **_graph_facts(data.graph)})
    logger.info("procedure %s (%d) created by %s", row.name, row.id, user)
    return get_procedure(procedure_id=row.id)


def update_procedure(*, procedure_id: int, data: ProcedureUpdate,
                     actor: Actor) -> ProcedurePublic:
    """Save a new version; the row update comes first so concurrent saves queue on its lock.
    With ``data.base_version`` the update only lands while that is still the current version (one
    conditional UPDATE, so two saves from the same base cannot both win): else 409."""
    check_may_save(data.graph, actor)
    graph = require_valid(data.graph)
    user = actor.username
    with db.atomic():
        get_row(procedure_id)
        _check_name_free(data.name, procedure_id)
        query = Procedure.update(current_version=Procedure.current_version + 1, name=data.name,
                                 description=data.description, updated_at=utcnow(),
                                 ).where(Procedure.id == procedure_id)
        if data.base_version is not None:
            query = query.where(Procedure.current_version == data.base_version)
        if query.execute() == 0:
            raise _moved_on(procedure_id, data.base_version)
        version = get_row(procedure_id).current_version
        ProcedureVersion.create(procedure=procedure_id, version=version, name=data.name,
                                description=data.description, graph=graph, created_by=user)
        audit.record(actor, "procedure.update", target_type="procedure",
                     target_id=procedure_id, target_name=data.name,
                     details={"version": version, **_graph_facts(data.graph)})
    logger.info("procedure %d saved as version %d by %s", procedure_id, version, user)
    return get_procedure(procedure_id=procedure_id)


def _moved_on(procedure_id: int, base_version: int | None) -> Conflict:
    """409 for a save based on an old version: names the current one, who saved it and when."""
    row = get_row(procedure_id)
    current = ProcedureVersion.get((ProcedureVersion.procedure == procedure_id)
                                   & (ProcedureVersion.version == row.current_version))
    when = current.created_at.isoformat(timespec="seconds")
    message = (f"the procedure is at version {row.current_version}, saved by "
               f"{current.created_by} at {when}; this edit started from version {base_version}")
    return Conflict(message, [ErrorDetail(field="base_version", message=message)])


def delete_procedure(*, procedure_id: int, actor: Actor) -> None:
    with db.atomic():
        row = get_row(procedure_id)
        ProcedureVersion.delete().where(ProcedureVersion.procedure == procedure_id).execute()
        row.delete_instance()
        audit.record(actor, "procedure.delete", target_type="procedure",
                     target_id=procedure_id, target_name=row.name,
                     details={"version": row.current_version})
    logger.info("procedure %d deleted", procedure_id)


def _graph_facts(graph: ProcedureGraph) -> dict[str, Any]:
    return {"nodes": len(graph.nodes),
            "command_nodes": [n.id for n in command_nodes(graph)][:50]}


def list_versions(*, procedure_id: int) -> ProcedureVersionsPublic:
    get_row(procedure_id)
    rows = (ProcedureVersion.select().where(ProcedureVersion.procedure == procedure_id)
            .order_by(ProcedureVersion.version.desc()))
    data = [ProcedureVersionPublic(version=r.version, name=r.name, description=r.description,
                                   graph=ProcedureGraph.model_validate(r.graph),
                                   created_by=r.created_by, created_at=r.created_at)
            for r in rows]
    return ProcedureVersionsPublic(data=data, count=len(data))
