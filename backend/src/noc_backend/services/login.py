"""Logging in: throttled per username and address, hashing bounded, every outcome audited."""

from __future__ import annotations

import logging
from datetime import timedelta

from noc_backend.auth.actor import Actor
from noc_backend.auth.hash_gate import GateBusy
from noc_backend.auth.throttle import LoginThrottle, Throttled
from noc_backend.core.db import database_proxy as db
from noc_backend.core.errors import Busy, TooManyRequests, Unauthorized
from noc_backend.core.security import Passwords
from noc_backend.models import User
from noc_backend.services import audit, tokens
from noc_contracts.api import TokenPublic

logger = logging.getLogger(__name__)

BAD_LOGIN = "wrong username or password"


def login(*, username: str, password: str, address: str, passwords: Passwords,
          throttle: LoginThrottle, ttl_s: int) -> TokenPublic:
    """A session token for valid credentials; the same 401 for an unknown user, a wrong
    password or a disabled user; 429 when throttled; 503 when hashing stays at capacity."""
    try:
        attempt = throttle.begin(username, address)
    except Throttled as exc:
        logger.warning("login throttled (%s) for %r from %s", exc.scope, username[:100], address)
        raise TooManyRequests(str(exc), exc.retry_after_s) from exc
    user: User | None = User.get_or_none(User.username == username)
    try:
        ok = passwords.verify(user.password_hash if user else None, password)
    except GateBusy as exc:
        raise Busy("the server is busy checking passwords; retry shortly") from exc
    actor = Actor(kind="user", username=username, user=user, address=address)
    if user is None or not ok or user.disabled:
        reason = ("unknown user" if user is None else "disabled" if user.disabled and ok
                  else "wrong password")
        audit.record_alone(actor, "login.failed", target_type="user",
                           target_id=user.id if user else None, target_name=username,
                           details={"reason": reason})
        logger.info("failed login for %r from %s", username[:100], address)
        raise Unauthorized(BAD_LOGIN)
    throttle.succeeded(attempt)
    rehash = passwords.hash(password) if passwords.needs_rehash(user.password_hash) else None
    with db.atomic():
        token, row = tokens.issue(user=user, kind="session", ttl=timedelta(seconds=ttl_s))
        if rehash is not None:
            User.update(password_hash=rehash).where(User.id == user.id).execute()
        audit.record(actor, "login.succeeded", target_type="user", target_id=user.id,
                     target_name=user.username)
    logger.info("user %s logged in from %s", user.username, address)
    return TokenPublic(access_token=token, expires_at=row.expires_at)
