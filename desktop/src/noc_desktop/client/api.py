"""``NocClient``: every call of the public API v1 the desktop makes, typed with the contracts'
models. No Qt here: widgets reach it through the thin ``@asyncSlot`` services."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from urllib.parse import quote

import httpx

from noc_contracts import (
    NodeInfo,
    NodeRemoved,
    NodeUpdate,
    RunRequest,
    ScheduleInfo,
    SchedulePreview,
    SimulationResult,
    TaskTypeSpec,
)
from noc_contracts.api import (
    ConnectionTestResult,
    CredentialCreate,
    CredentialPublic,
    CredentialsPublic,
    ExecutionDetail,
    ExecutionsPublic,
    GroupCreate,
    GroupMembers,
    GroupPublic,
    GroupsPublic,
    GroupUpdate,
    HostCreate,
    HostPublic,
    HostsPublic,
    HostUpdate,
    ImportPlanPublic,
    ProcedureCreate,
    ProcedurePublic,
    ProceduresPublic,
    ProcedureVersionsPublic,
    SchedulesPublic,
    SimulationRequest,
    TokenPublic,
    UserPublic,
    ValidationResult,
)
from noc_desktop.client.http import RestClient

InventoryFormat = Literal["ini", "yaml"]
SIMULATE_TIMEOUT_S = 45.0  # the server bounds a simulation's wall time (its steps, budgets)


def _name(value: str) -> str:
    return quote(value, safe="")


class NocClient:
    """The public API v1 of one backend, as one user (``token``) or before logging in."""

    def __init__(self, server_url: str, *, token: str | None = None,
                 transport: httpx.AsyncBaseTransport | None = None,
                 timeout_s: float = 15.0, verify: bool | str = True) -> None:
        self.rest = RestClient(server_url, token=token, transport=transport,
                               timeout_s=timeout_s, verify=verify)

    @property
    def server_url(self) -> str:
        return self.rest.server_url

    @property
    def token(self) -> str | None:
        return self.rest.token

    @token.setter
    def token(self, value: str | None) -> None:
        self.rest.token = value

    async def aclose(self) -> None:
        await self.rest.aclose()

    # ---- session ---------------------------------------------------------------------------
    async def login(self, username: str, password: str) -> TokenPublic:
        """Log in; the client keeps the token for the calls that follow."""
        token = await self.rest.send("POST", "/auth/login", TokenPublic,
                                     json_body={"username": username, "password": password})
        self.rest.token = token.access_token
        return token

    async def logout(self) -> None:
        """End the session on the server (the token stops working) and forget it here."""
        try:
            await self.rest.request("POST", "/auth/logout")
        finally:
            self.rest.token = None

    async def me(self) -> UserPublic:
        return await self.rest.get("/me", UserPublic)

    # ---- hosts -----------------------------------------------------------------------------
    async def list_hosts(self, *, limit: int = 100, offset: int = 0, name: str | None = None,
                         group: str | None = None, var: list[str] | None = None,
                         enabled: bool | None = None, sort: str = "name") -> HostsPublic:
        """A page of hosts; ``name`` is a glob, ``var`` items are ``key=value``; ``sort`` is a
        field name, ``-`` first for descending."""
        params: dict[str, Any] = {"limit": limit, "offset": offset, "name": name,
                                  "group": group, "var": var or None, "sort": sort,
                                  "enabled": None if enabled is None else str(enabled).lower()}
        return await self.rest.get("/hosts", HostsPublic, params=params)

    async def get_host(self, host_id: int) -> HostPublic:
        return await self.rest.get(f"/hosts/{host_id}", HostPublic)

    async def create_host(self, host: HostCreate) -> HostPublic:
        return await self.rest.send("POST", "/hosts", HostPublic, json_body=host)

    async def update_host(self, host_id: int, changes: HostUpdate) -> HostPublic:
        return await self.rest.send("PATCH", f"/hosts/{host_id}", HostPublic,
                                    json_body=changes)

    async def delete_host(self, host_id: int) -> None:
        await self.rest.request("DELETE", f"/hosts/{host_id}")

    async def test_host(self, host_id: int, timeout_s: int = 30) -> ConnectionTestResult:
        return await self.rest.send("POST", f"/hosts/{host_id}/test", ConnectionTestResult,
                                    json_body={"timeout_s": timeout_s},
                                    timeout_s=timeout_s + 15)

    # ---- groups ----------------------------------------------------------------------------
    async def list_groups(self) -> GroupsPublic:
        return await self.rest.get("/groups", GroupsPublic)

    async def get_group(self, name: str) -> GroupPublic:
        return await self.rest.get(f"/groups/{_name(name)}", GroupPublic)

    async def create_group(self, group: GroupCreate) -> GroupPublic:
        return await self.rest.send("POST", "/groups", GroupPublic, json_body=group)

    async def update_group(self, name: str, changes: GroupUpdate) -> GroupPublic:
        return await self.rest.send("PATCH", f"/groups/{_name(name)}", GroupPublic,
                                    json_body=changes)

    async def delete_group(self, name: str) -> None:
        await self.rest.request("DELETE", f"/groups/{_name(name)}")

    async def change_members(self, name: str, members: GroupMembers) -> GroupPublic:
        return await self.rest.send("POST", f"/groups/{_name(name)}/hosts", GroupPublic,
                                    json_body=members)

    async def test_group(self, name: str, timeout_s: int = 30) -> ConnectionTestResult:
        return await self.rest.send("POST", f"/groups/{_name(name)}/test",
                                    ConnectionTestResult, json_body={"timeout_s": timeout_s},
                                    timeout_s=timeout_s + 30)

    # ---- credentials -----------------------------------------------------------------------
    async def list_credentials(self, *, limit: int = 1_000, offset: int = 0
                               ) -> CredentialsPublic:
        return await self.rest.get("/credentials", CredentialsPublic,
                                   params={"limit": limit, "offset": offset})

    async def create_credential(self, credential: CredentialCreate) -> CredentialPublic:
        body = credential.model_dump(mode="json", exclude_none=True)
        for key in ("private_key", "passphrase", "password", "become_password"):
            secret = getattr(credential, key)
            if secret is not None:
                body[key] = secret.get_secret_value()
        return await self.rest.send("POST", "/credentials", CredentialPublic, json_body=body)

    async def delete_credential(self, name: str) -> None:
        await self.rest.request("DELETE", f"/credentials/{_name(name)}")

    # ---- inventory files -------------------------------------------------------------------
    async def import_inventory(self, content: str, fmt: InventoryFormat, *,
                               dry_run: bool) -> ImportPlanPublic:
        return await self.rest.send("POST", "/inventory/import", ImportPlanPublic,
                                    json_body={"format": fmt, "content": content,
                                               "dry_run": dry_run}, timeout_s=120)

    async def export_inventory(self, fmt: InventoryFormat) -> str:
        response = await self.rest.request("GET", "/inventory/export", params={"format": fmt},
                                           timeout_s=120)
        return response.text

    # ---- procedures ------------------------------------------------------------------------
    async def task_types(self) -> list[TaskTypeSpec]:
        return await self.rest.get("/task-types", list[TaskTypeSpec])

    async def list_procedures(self, *, limit: int = 1_000, offset: int = 0
                              ) -> ProceduresPublic:
        return await self.rest.get("/procedures", ProceduresPublic,
                                   params={"limit": limit, "offset": offset})

    async def get_procedure(self, procedure_id: int) -> ProcedurePublic:
        return await self.rest.get(f"/procedures/{procedure_id}", ProcedurePublic)

    async def create_procedure(self, procedure: ProcedureCreate) -> ProcedurePublic:
        return await self.rest.send("POST", "/procedures", ProcedurePublic,
                                    json_body=procedure.model_dump(mode="json",
                                                                   exclude_none=True))

    async def save_procedure(self, procedure_id: int, procedure: ProcedureCreate, *,
                             base_version: int | None = None) -> ProcedurePublic:
        """Save a new version. With ``base_version`` (the version the edit started from) the
        server refuses with ``Conflict`` when someone saved a newer one meanwhile."""
        body = procedure.model_dump(mode="json", exclude_none=True)
        if base_version is not None:
            body["base_version"] = base_version
        return await self.rest.send("PUT", f"/procedures/{procedure_id}", ProcedurePublic,
                                    json_body=body)

    async def delete_procedure(self, procedure_id: int) -> None:
        await self.rest.request("DELETE", f"/procedures/{procedure_id}")

    async def procedure_versions(self, procedure_id: int) -> ProcedureVersionsPublic:
        return await self.rest.get(f"/procedures/{procedure_id}/versions",
                                   ProcedureVersionsPublic)

    async def validate_procedure(self, graph: dict[str, Any]) -> ValidationResult:
        return await self.rest.send("POST", "/procedures/validate", ValidationResult,
                                    json_body={"graph": graph})

    async def simulate(self, request: SimulationRequest) -> SimulationResult:
        """Step through a graph for one host with scripted outcomes (nothing runs)."""
        body = request.model_dump(mode="json", exclude_none=True)
        return await self.rest.send("POST", "/procedures/simulate", SimulationResult,
                                    json_body=body, timeout_s=SIMULATE_TIMEOUT_S)

    # ---- runs and schedules ----------------------------------------------------------------
    async def start_run(self, procedure_id: int, request: RunRequest) -> ScheduleInfo:
        """Run now (the answer's ``execution_id``), at a time or on a cron schedule."""
        body = request.model_dump(mode="json", exclude_none=True)
        return await self.rest.send("POST", f"/procedures/{procedure_id}/runs", ScheduleInfo,
                                    json_body=body)

    async def preview_run(self, procedure_id: int, request: RunRequest, count: int = 5
                          ) -> SchedulePreview:
        """The next fire times the server computes for ``request``, before saving it."""
        body = request.model_dump(mode="json", exclude_none=True)
        return await self.rest.send("POST", f"/procedures/{procedure_id}/runs/preview",
                                    SchedulePreview, json_body=body, params={"count": count})

    async def list_schedules(self, *, limit: int = 1_000, offset: int = 0,
                             procedure: int | None = None) -> SchedulesPublic:
        return await self.rest.get("/schedules", SchedulesPublic,
                                   params={"limit": limit, "offset": offset,
                                           "procedure": procedure})

    async def pause_schedule(self, schedule_id: int) -> ScheduleInfo:
        return await self.rest.send("POST", f"/schedules/{schedule_id}/pause", ScheduleInfo)

    async def resume_schedule(self, schedule_id: int) -> ScheduleInfo:
        return await self.rest.send("POST", f"/schedules/{schedule_id}/resume", ScheduleInfo)

    async def delete_schedule(self, schedule_id: int) -> None:
        await self.rest.request("DELETE", f"/schedules/{schedule_id}")

    async def schedule_preview(self, schedule_id: int, count: int = 5) -> SchedulePreview:
        return await self.rest.get(f"/schedules/{schedule_id}/preview", SchedulePreview,
                                   params={"count": count})

    # ---- executions ------------------------------------------------------------------------
    async def list_executions(self, *, limit: int = 100, offset: int = 0,
                              procedure: int | None = None, status: str | None = None,
                              since: datetime | None = None, until: datetime | None = None
                              ) -> ExecutionsPublic:
        params = {"limit": limit, "offset": offset, "procedure": procedure, "status": status,
                  "since": since.isoformat() if since else None,
                  "until": until.isoformat() if until else None}
        return await self.rest.get("/executions", ExecutionsPublic, params=params)

    async def get_execution(self, execution_id: str) -> ExecutionDetail:
        return await self.rest.get(f"/executions/{_name(execution_id)}", ExecutionDetail)

    async def cancel_execution(self, execution_id: str) -> None:
        await self.rest.request("POST", f"/executions/{_name(execution_id)}/cancel")

    # ---- nodes -----------------------------------------------------------------------------
    async def list_nodes(self) -> list[NodeInfo]:
        return await self.rest.get("/nodes", list[NodeInfo])

    async def update_node(self, name: str, changes: NodeUpdate) -> NodeInfo:
        """Change a node's labels or capacity (admins); a field left out keeps its value."""
        return await self.rest.send("PATCH", f"/nodes/{_name(name)}", NodeInfo,
                                    json_body=changes)

    async def drain_node(self, name: str) -> NodeInfo:
        """The node finishes what it runs and takes nothing new (admins)."""
        return await self.rest.send("POST", f"/nodes/{_name(name)}/drain", NodeInfo)

    async def resume_node(self, name: str) -> NodeInfo:
        return await self.rest.send("POST", f"/nodes/{_name(name)}/resume", NodeInfo)

    async def remove_node(self, name: str) -> NodeRemoved:
        """Unregister the node (admins); the steps it had in hand end lost."""
        return await self.rest.send("DELETE", f"/nodes/{_name(name)}", NodeRemoved)
