"""Users and login tokens: argon2id passwords, random tokens stored as SHA-256, expiring."""

from __future__ import annotations

import logging
from datetime import timedelta

from noc_backend.core.db import database_proxy as db
from noc_backend.core.errors import Unauthorized
from noc_backend.core.security import Passwords, hash_token, new_token
from noc_backend.models import AuthToken, User, utcnow
from noc_backend.schemas import TokenPublic

logger = logging.getLogger(__name__)

BAD_LOGIN = "wrong username or password"


def ensure_admin(*, password: str, passwords: Passwords) -> bool:
    """Create user ``admin`` (role admin) unless it exists; True when it was created."""
    with db.atomic():
        if User.select().where(User.username == "admin").exists():
            return False
        User.create(username="admin", role="admin", password_hash=passwords.hash(password))
    logger.info("bootstrap user 'admin' created")
    return True


def create_user(*, username: str, password: str, role: str, passwords: Passwords) -> User:
    with db.atomic():
        return User.create(username=username, role=role, password_hash=passwords.hash(password))


def login(*, username: str, password: str, passwords: Passwords, ttl_s: int) -> TokenPublic:
    """A new token for valid credentials; the same 401 for an unknown user or a wrong password."""
    user = User.get_or_none(User.username == username)
    ok = passwords.verify(user.password_hash if user else None, password)
    if user is None or not ok or user.disabled:
        logger.info("failed login for %r", username[:100])
        raise Unauthorized(BAD_LOGIN)
    token = new_token()
    now = utcnow()
    expires_at = now + timedelta(seconds=ttl_s)
    with db.atomic():
        AuthToken.delete().where(AuthToken.expires_at < now).execute()
        AuthToken.create(token_hash=hash_token(token), user=user, expires_at=expires_at)
        if passwords.needs_rehash(user.password_hash):
            User.update(password_hash=passwords.hash(password)).where(User.id == user.id).execute()
    logger.info("user %s logged in", user.username)
    return TokenPublic(access_token=token, expires_at=expires_at)


def user_for_token(*, token: str) -> User:
    """The active user a token belongs to; 401 when unknown, expired or the user is disabled."""
    row = (AuthToken.select(AuthToken, User).join(User)
           .where(AuthToken.token_hash == hash_token(token)).first())
    if row is None or row.expires_at <= utcnow() or row.user.disabled:
        raise Unauthorized()
    return row.user  # type: ignore[no-any-return]
