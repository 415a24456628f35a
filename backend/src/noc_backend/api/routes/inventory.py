"""Inventory import (with dry run) and export in Ansible INI or YAML."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse

from noc_backend.api.deps import HostsWrite, ServicesDep
from noc_backend.services import inventory_export, inventory_import
from noc_contracts.api import ImportPlanPublic, InventoryImport

router = APIRouter(tags=["inventory"])

_MEDIA = {"ini": "text/plain; charset=utf-8", "yaml": "application/yaml; charset=utf-8"}


@router.post("/inventory/import", response_model=ImportPlanPublic)
def import_inventory(body: InventoryImport, services: ServicesDep,
                     actor: HostsWrite) -> ImportPlanPublic:
    """The plan of the import; applied in one transaction unless ``dry_run``."""
    with services.db.connection_context():
        return inventory_import.plan_and_apply(body, actor)


@router.get("/inventory/export", response_class=PlainTextResponse)
def export_inventory(services: ServicesDep, _: HostsWrite,
                     format: Annotated[Literal["ini", "yaml"], Query()] = "ini",
                     ) -> PlainTextResponse:
    with services.db.connection_context():
        text = inventory_export.export(format)
    return PlainTextResponse(text, media_type=_MEDIA[format])
