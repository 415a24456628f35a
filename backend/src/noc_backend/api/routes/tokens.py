"""Named API tokens for scripts, and the caller's sessions: ``/tokens``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from noc_backend.api.deps import Authenticated, IdPath, ServicesDep
from noc_backend.services import tokens
from noc_contracts.api import TokenCreate, TokenCreated, TokensPublic

router = APIRouter(tags=["auth"])

UserFilter = Annotated[int | None, Query(ge=1, le=2_147_483_647)]


@router.post("/tokens", response_model=TokenCreated, status_code=201)
def create_token(body: TokenCreate, actor: Authenticated,
                 services: ServicesDep) -> TokenCreated:
    """A named API token for the caller, valid ``expires_in_days``; shown in this answer only."""
    with services.db.connection_context():
        return tokens.create_api_token(actor=actor, data=body)


@router.get("/tokens", response_model=TokensPublic)
def list_tokens(actor: Authenticated, services: ServicesDep,
                user_id: UserFilter = None) -> TokensPublic:
    """The caller's live tokens (sessions and API tokens), newest first, never the token
    itself; another user's with ``user_id`` and the ``tokens:admin`` permission."""
    with services.db.connection_context():
        return tokens.list_tokens(actor=actor, user_id=user_id)


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(token_id: IdPath, actor: Authenticated, services: ServicesDep) -> Response:
    """Revoke one of the caller's tokens (anyone's with ``tokens:admin``)."""
    with services.db.connection_context():
        tokens.revoke(actor=actor, token_id=token_id)
    return Response(status_code=204)
