"""Credential routes: secrets go in, never come out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from noc_backend.api.deps import (
    CredentialsRead,
    CredentialsWrite,
    Limit,
    Offset,
    ServicesDep,
)
from noc_backend.services import credentials
from noc_contracts.api import (
    CredentialCreate,
    CredentialPublic,
    CredentialsPublic,
)
from noc_contracts.api.fields import LABEL_PATTERN

router = APIRouter(tags=["credentials"])

NamePath = Annotated[str, Path(max_length=100, pattern=LABEL_PATTERN)]


@router.get("/credentials", response_model=CredentialsPublic)
def list_credentials(services: ServicesDep, _: CredentialsRead, limit: Limit = 100,
                     offset: Offset = 0) -> CredentialsPublic:
    with services.db.connection_context():
        return credentials.list_credentials(limit=limit, offset=offset)


@router.post("/credentials", response_model=CredentialPublic, status_code=201)
def create_credential(body: CredentialCreate, services: ServicesDep,
                      actor: CredentialsWrite) -> CredentialPublic:
    with services.db.connection_context():
        return credentials.create_credential(data=body, box=services.box, actor=actor)


@router.delete("/credentials/{name}", status_code=204)
def delete_credential(name: NamePath, services: ServicesDep,
                      actor: CredentialsWrite) -> Response:
    with services.db.connection_context():
        credentials.delete_credential(name=name, actor=actor)
    return Response(status_code=204)
