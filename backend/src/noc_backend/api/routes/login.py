"""Sessions and the caller themself: ``/auth/login``, ``/auth/logout``, ``/me``, own password."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from noc_backend.api.deps import Authenticated, PublicAccess, ServicesDep, client_address
from noc_backend.services import login as login_service
from noc_backend.services import tokens, users
from noc_contracts.api import LoginRequest, PasswordChange, TokenPublic, UserPublic

router = APIRouter(tags=["auth"])


@router.post("/auth/login", response_model=TokenPublic, dependencies=[PublicAccess],
             responses={429: {"description": "too many failed logins (see Retry-After)"},
                        503: {"description": "password checking at capacity; retry"}})
def login(body: LoginRequest, request: Request, services: ServicesDep) -> TokenPublic:
    """Exchange a username and password for a session token (throttled on failures)."""
    with services.db.connection_context():
        return login_service.login(
            username=body.username, password=body.password.get_secret_value(),
            address=client_address(request), passwords=services.passwords,
            throttle=services.throttle, ttl_s=services.settings.token_ttl_s)


@router.post("/auth/logout", status_code=204)
def logout(actor: Authenticated, services: ServicesDep) -> Response:
    """Revoke the token this request presents."""
    with services.db.connection_context():
        tokens.logout(actor=actor)
    return Response(status_code=204)


@router.get("/me", response_model=UserPublic)
def me(actor: Authenticated) -> UserPublic:
    assert actor.user is not None
    return users.to_public(actor.user)


@router.post("/me/password", status_code=204)
def change_password(body: PasswordChange, actor: Authenticated,
                    services: ServicesDep) -> Response:
    """Change one's own password (the current one is checked); other tokens are revoked."""
    with services.db.connection_context():
        users.change_own_password(actor=actor, data=body, passwords=services.passwords)
    return Response(status_code=204)
