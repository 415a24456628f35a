"""Users: create, list, change (role, disabled, command right, password reset), own password.

The last enabled admin can never be disabled or demoted (409). Disabling a user or resetting
their password revokes every token they hold; changing one's own password revokes every
other token. Every change is audited in its own transaction.
"""

from __future__ import annotations

import logging
from typing import Any

from peewee import PostgresqlDatabase

from noc_backend.auth.actor import Actor
from noc_backend.core.db import database_proxy as db
from noc_backend.core.errors import Conflict, Forbidden, NotFound
from noc_backend.core.security import Passwords
from noc_backend.models import User
from noc_backend.services import audit, tokens
from noc_contracts import ErrorCode
from noc_contracts.api import PasswordChange, UserCreate, UserPublic, UsersPublic, UserUpdate

logger = logging.getLogger(__name__)


def to_public(user: User) -> UserPublic:
    return UserPublic(id=user.id, username=user.username, role=user.role,
                      disabled=user.disabled, can_run_commands=user.can_run_commands,
                      created_at=user.created_at)


def ensure_admin(*, password: str, passwords: Passwords) -> bool:
    """Create user ``admin`` (role admin) unless it exists; True when it was created."""
    with db.atomic():
        if User.select().where(User.username == "admin").exists():
            return False
        User.create(username="admin", role="admin", password_hash=passwords.hash(password))
    logger.info("bootstrap user 'admin' created")
    return True


def create_user(*, username: str, password: str, role: str, passwords: Passwords,
                can_run_commands: bool = False) -> User:
    """Insert a user row (the caller checked the policy and audits)."""
    with db.atomic():
        return User.create(username=username, role=role, password_hash=passwords.hash(password),
                           can_run_commands=can_run_commands)


def add_user(*, actor: Actor, data: UserCreate, passwords: Passwords) -> UserPublic:
    password_hash = passwords.hash(data.password.get_secret_value())  # outside the transaction
    with db.atomic():
        if User.select().where(User.username == data.username).exists():
            raise Conflict.on_field("username", f"a user named '{data.username}' already exists")
        user = User.create(username=data.username, role=data.role, password_hash=password_hash,
                           can_run_commands=data.can_run_commands)
        audit.record(actor, "user.create", target_type="user", target_id=user.id,
                     target_name=user.username,
                     details={"role": data.role, "can_run_commands": data.can_run_commands})
    logger.info("user %s (%s) created by %s", user.username, user.role, actor.username)
    return to_public(user)


def list_users(*, limit: int, offset: int) -> UsersPublic:
    query = User.select().order_by(User.username)
    return UsersPublic(data=[to_public(u) for u in query.limit(limit).offset(offset)],
                       count=query.count())


def get_user(*, user_id: int) -> UserPublic:
    return to_public(_row(user_id))


def _row(user_id: int) -> User:
    user = User.get_or_none(User.id == user_id)
    if user is None:
        raise NotFound(f"no user with id {user_id}")
    return user


def _lock_admins() -> list[int]:
    """The enabled admins' ids; on PostgreSQL their rows stay locked until the transaction
    ends, so two concurrent demotions cannot both see another admin left (SQLite's writer
    transactions are already serial)."""
    query = User.select(User.id).where((User.role == "admin") & ~User.disabled)
    if isinstance(db.obj, PostgresqlDatabase):
        query = query.for_update()
    return [u.id for u in query]


def _check_admin_left(user: User, changes: dict[str, Any]) -> None:
    loses_admin = ((changes.get("role", user.role) != "admin")
                   or bool(changes.get("disabled", user.disabled)))
    if user.role != "admin" or user.disabled or not loses_admin:
        return
    if _lock_admins() == [user.id]:
        field = "disabled" if changes.get("disabled") else "role"
        raise Conflict.on_field(field, f"'{user.username}' is the last enabled admin; make "
                                "another admin first", code=ErrorCode.last_admin)


def update_user(*, actor: Actor, user_id: int, data: UserUpdate,
                passwords: Passwords) -> UserPublic:
    changes: dict[str, Any] = {f: getattr(data, f) for f in data.model_fields_set
                               if getattr(data, f) is not None}
    password = changes.pop("password", None)
    new_hash = passwords.hash(password.get_secret_value()) if password is not None else None
    with db.atomic():
        user = _row(user_id)
        _check_admin_left(user, changes)
        for field, value in changes.items():
            setattr(user, field, value)
        if new_hash is not None:
            user.password_hash = new_hash
        user.save()
        revoked = 0
        if new_hash is not None or changes.get("disabled"):
            revoked = tokens.revoke_all(user_id=user.id)
        audit.record(actor, "user.update", target_type="user", target_id=user.id,
                     target_name=user.username,
                     details={**changes, "password_reset": new_hash is not None,
                              "tokens_revoked": revoked})
    logger.info("user %s updated by %s (%s)", user.username, actor.username,
                ", ".join(sorted(data.model_fields_set)))
    return to_public(user)


def change_own_password(*, actor: Actor, data: PasswordChange, passwords: Passwords) -> None:
    """Check the current password, set the new one, revoke every other token of the caller."""
    assert actor.user is not None
    if not passwords.verify(actor.user.password_hash, data.current_password.get_secret_value()):
        raise Forbidden.on_field("current_password", "the current password is wrong")
    new_hash = passwords.hash(data.new_password.get_secret_value())
    with db.atomic():
        User.update(password_hash=new_hash).where(User.id == actor.user_id).execute()
        revoked = tokens.revoke_all(user_id=actor.user.id, keep_id=actor.token_id)
        audit.record(actor, "password.change", target_type="user", target_id=actor.user_id,
                     target_name=actor.username, details={"tokens_revoked": revoked})


def reset_password(*, actor: Actor, username: str, password: str,
                   passwords: Passwords) -> int:
    """Set a user's password and revoke their tokens (the CLI's reset); tokens revoked."""
    new_hash = passwords.hash(password)
    with db.atomic():
        user = User.get_or_none(User.username == username)
        if user is None:
            raise NotFound(f"no user named '{username}'")
        user.password_hash = new_hash
        user.save()
        revoked = tokens.revoke_all(user_id=user.id)
        audit.record(actor, "user.password_reset", target_type="user", target_id=user.id,
                     target_name=user.username, details={"tokens_revoked": revoked})
    return revoked
