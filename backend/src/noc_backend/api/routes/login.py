"""``POST /auth/login`` and ``GET /me``."""

from __future__ import annotations

from fastapi import APIRouter

from noc_backend.api.deps import CurrentUser, ServicesDep
from noc_backend.schemas import LoginRequest, TokenPublic, UserPublic
from noc_backend.services import users

router = APIRouter(tags=["auth"])


@router.post("/auth/login", response_model=TokenPublic)
def login(body: LoginRequest, services: ServicesDep) -> TokenPublic:
    """Exchange a username and password for a bearer token."""
    with services.db.connection_context():
        return users.login(username=body.username, password=body.password.get_secret_value(),
                           passwords=services.passwords, ttl_s=services.settings.token_ttl_s)


@router.get("/me", response_model=UserPublic)
def me(user: CurrentUser) -> UserPublic:
    return UserPublic(username=user.username, role=user.role)
