"""``/users``: accounts and roles (admin only)."""

from __future__ import annotations

from fastapi import APIRouter

from noc_backend.api.deps import IdPath, Limit, Offset, ServicesDep, UsersAdmin
from noc_backend.services import users
from noc_contracts.api import UserCreate, UserPublic, UsersPublic, UserUpdate

router = APIRouter(tags=["users"])


@router.get("/users", response_model=UsersPublic)
def list_users(services: ServicesDep, _: UsersAdmin, limit: Limit = 100,
               offset: Offset = 0) -> UsersPublic:
    with services.db.connection_context():
        return users.list_users(limit=limit, offset=offset)


@router.post("/users", response_model=UserPublic, status_code=201)
def create_user(body: UserCreate, services: ServicesDep, actor: UsersAdmin) -> UserPublic:
    with services.db.connection_context():
        return users.add_user(actor=actor, data=body, passwords=services.passwords)


@router.get("/users/{user_id}", response_model=UserPublic)
def get_user(user_id: IdPath, services: ServicesDep, _: UsersAdmin) -> UserPublic:
    with services.db.connection_context():
        return users.get_user(user_id=user_id)


@router.patch("/users/{user_id}", response_model=UserPublic)
def update_user(user_id: IdPath, body: UserUpdate, services: ServicesDep,
                actor: UsersAdmin) -> UserPublic:
    """Change role, disabled, can_run_commands, or reset the password; disabling or a reset
    revokes the user's tokens; the last enabled admin cannot be disabled or demoted (409)."""
    with services.db.connection_context():
        return users.update_user(actor=actor, user_id=user_id, data=body,
                                 passwords=services.passwords)
