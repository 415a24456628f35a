"""Bearer tokens: login sessions and named API tokens. Random, shown once, stored as SHA-256,
expiring; revoked by deleting the row."""

from __future__ import annotations

from datetime import timedelta

from noc_backend.auth.actor import Actor
from noc_backend.auth.permissions import TOKENS_ADMIN
from noc_backend.core.db import database_proxy as db
from noc_backend.core.errors import NotFound, Unauthorized
from noc_backend.core.security import hash_token, new_token
from noc_backend.models import AuthToken, User, utcnow
from noc_backend.services import audit
from noc_contracts.api import TokenCreate, TokenCreated, TokenInfo, TokensPublic

#: ``last_used_at`` is written at most this often per token (a write per request would
#: serialise every read on SQLite's single writer)
LAST_USED_RESOLUTION = timedelta(seconds=60)


def issue(*, user: User, kind: str, ttl: timedelta, name: str | None = None,
          ) -> tuple[str, AuthToken]:
    """A new token for ``user`` (inside the caller's transaction); expired ones are purged."""
    now = utcnow()
    AuthToken.delete().where(AuthToken.expires_at < now).execute()
    token = new_token()
    row = AuthToken.create(token_hash=hash_token(token), user=user, kind=kind, name=name,
                           created_at=now, expires_at=now + ttl)
    return token, row


def authenticate(token: str) -> AuthToken:
    """The live token row (its user joined); 401 when unknown, expired or the user disabled."""
    row = (AuthToken.select(AuthToken, User).join(User)
           .where(AuthToken.token_hash == hash_token(token)).first())
    now = utcnow()
    if row is None or row.expires_at <= now or row.user.disabled:
        raise Unauthorized()
    if row.last_used_at is None or row.last_used_at <= now - LAST_USED_RESOLUTION:
        with db.atomic():
            AuthToken.update(last_used_at=now).where(AuthToken.id == row.id).execute()
        row.last_used_at = now
    return row  # type: ignore[no-any-return]


def _info(row: AuthToken, current_id: int | None) -> TokenInfo:
    return TokenInfo(id=row.id, user_id=row.user.id, username=row.user.username, name=row.name,
                     kind=row.kind, created_at=row.created_at, expires_at=row.expires_at,
                     last_used_at=row.last_used_at, current=row.id == current_id)


def create_api_token(*, actor: Actor, data: TokenCreate) -> TokenCreated:
    """A named token for scripts, for the caller; the token is in this answer only."""
    assert actor.user is not None
    with db.atomic():
        token, row = issue(user=actor.user, kind="api", name=data.name,
                           ttl=timedelta(days=data.expires_in_days))
        audit.record(actor, "token.create", target_type="token", target_id=row.id,
                     target_name=data.name, details={"kind": "api", "user": actor.username,
                                                     "expires_at": row.expires_at.isoformat()})
    return TokenCreated(**_info(row, actor.token_id).model_dump(), token=token)


def list_tokens(*, actor: Actor, user_id: int | None) -> TokensPublic:
    """The caller's live tokens; another user's with ``tokens:admin`` (else 404: no oracle)."""
    assert actor.user is not None
    wanted = actor.user_id if user_id is None else user_id
    if wanted != actor.user_id and not actor.may(TOKENS_ADMIN):
        raise NotFound(f"no user with id {user_id}")
    rows = (AuthToken.select(AuthToken, User).join(User)
            .where((AuthToken.user == wanted) & (AuthToken.expires_at > utcnow()))
            .order_by(AuthToken.created_at.desc(), AuthToken.id.desc()))
    data = [_info(r, actor.token_id) for r in rows]
    return TokensPublic(data=data, count=len(data))


def revoke(*, actor: Actor, token_id: int) -> None:
    """Revoke one of the caller's tokens, or anyone's with ``tokens:admin``."""
    with db.atomic():
        row = (AuthToken.select(AuthToken, User).join(User)
               .where(AuthToken.id == token_id).first())
        if row is None or (row.user.id != actor.user_id and not actor.may(TOKENS_ADMIN)):
            raise NotFound(f"no token with id {token_id}")
        row.delete_instance()
        audit.record(actor, "token.revoke", target_type="token", target_id=token_id,
                     target_name=row.name, details={"kind": row.kind, "user": row.user.username})


def logout(*, actor: Actor) -> None:
    """Revoke the token the request presented."""
    with db.atomic():
        AuthToken.delete().where(AuthToken.id == actor.token_id).execute()
        audit.record(actor, "logout", target_type="token", target_id=actor.token_id)


def revoke_all(*, user_id: int, keep_id: int | None = None) -> int:
    """Inside the caller's transaction: delete every token of the user (but ``keep_id``)."""
    query = AuthToken.delete().where(AuthToken.user == user_id)
    if keep_id is not None:
        query = query.where(AuthToken.id != keep_id)
    return int(query.execute())
