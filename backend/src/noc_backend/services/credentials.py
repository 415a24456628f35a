"""Credentials: validated, fingerprinted, encrypted at rest, and shown without their secrets."""

from __future__ import annotations

import logging
from typing import Any

from noc_backend.auth.actor import Actor
from noc_backend.core.db import database_proxy as db
from noc_backend.core.errors import Conflict, Invalid, NotFound
from noc_backend.core.security import SecretBox
from noc_backend.models import Credential, Group, Host
from noc_backend.services import audit
from noc_backend.services.sshkeys import fingerprint
from noc_contracts import CredentialSecret, ErrorCode
from noc_contracts.api import CredentialCreate, CredentialPublic, CredentialsPublic

logger = logging.getLogger(__name__)

SECRET_FIELDS = ("private_key", "passphrase", "password", "become_password")
_ALLOWED = {
    "ssh_key": {"private_key", "passphrase", "become_password"},
    "password": {"password", "become_password"},
}
_REQUIRED = {"ssh_key": "private_key", "password": "password"}


def to_public(credential: Credential) -> CredentialPublic:
    return CredentialPublic(name=credential.name, kind=credential.kind,
                            fingerprint=credential.fingerprint,
                            created_at=credential.created_at)


def _secrets(data: CredentialCreate) -> dict[str, str]:
    """The given secrets in clear, after checking which the credential's kind needs and allows."""
    given = {f: getattr(data, f).get_secret_value() for f in SECRET_FIELDS
             if getattr(data, f) is not None}
    required = _REQUIRED[data.kind]
    if required not in given:
        raise Invalid.on_field(required, f"a {data.kind} credential needs '{required}'")
    for name in given:
        if name not in _ALLOWED[data.kind]:
            raise Invalid.on_field(name, f"not used by a {data.kind} credential")
    return given


def create_credential(*, data: CredentialCreate, box: SecretBox,
                      actor: Actor) -> CredentialPublic:
    secrets = _secrets(data)
    fp = None
    if data.kind == "ssh_key":
        fp = fingerprint(secrets["private_key"], secrets.get("passphrase"))
    with db.atomic():
        if Credential.select().where(Credential.name == data.name).exists():
            raise Conflict.on_field("name", f"a credential named '{data.name}' already exists")
        row = Credential.create(name=data.name, kind=data.kind, secret=box.seal(secrets),
                                fingerprint=fp)
        # which secrets were given, never their values
        audit.record(actor, "credential.create", target_type="credential", target_id=row.id,
                     target_name=row.name, details={"kind": row.kind, "fingerprint": fp,
                                                    "fields": sorted(secrets)})
    logger.info("credential %s (%s) created", row.name, row.kind)
    return to_public(row)


def list_credentials(*, limit: int, offset: int) -> CredentialsPublic:
    query = Credential.select().order_by(Credential.name)
    rows = query.limit(limit).offset(offset)
    return CredentialsPublic(data=[to_public(r) for r in rows], count=query.count())


def _users(kind: str, query: Any, shown: int = 20) -> str:
    """``used by <kind>: a, b (and N more)``, or "" when nothing of ``kind`` uses it."""
    names = [r.name for r in query.limit(shown + 1)]
    if not names:
        return ""
    more = f" (and {query.count() - shown} more)" if len(names) > shown else ""
    return f"used by {kind}: " + ", ".join(names[:shown]) + more


def delete_credential(*, name: str, actor: Actor) -> None:
    with db.atomic():
        row = Credential.get_or_none(Credential.name == name)
        if row is None:
            raise NotFound(f"no credential named '{name}'")
        uses = [_users("hosts", Host.select(Host.name).where(Host.credential == row)
                       .order_by(Host.name)),
                _users("groups", Group.select(Group.name).where(Group.credential == row)
                       .order_by(Group.name))]
        if any(uses):
            raise Conflict.on_field("name", "; ".join(u for u in uses if u),
                                    code=ErrorCode.in_use)
        row.delete_instance()
        audit.record(actor, "credential.delete", target_type="credential", target_id=row.id,
                     target_name=name, details={"kind": row.kind})
    logger.info("credential %s deleted", name)


def secret_for(*, credential: Credential, box: SecretBox) -> CredentialSecret:
    """The credential with its secrets decrypted: only for the scheduler's resolve call."""
    values = box.open(credential.secret)
    return CredentialSecret(name=credential.name, kind=credential.kind,
                            **{f: values[f] for f in SECRET_FIELDS if f in values})


def credential_id(name: str | None) -> int | None:
    """The id of the credential named ``name`` (None for none); 422 naming ``credential``."""
    if name is None:
        return None
    row = Credential.get_or_none(Credential.name == name)
    if row is None:
        raise Invalid.on_field("credential", f"no credential named '{name}'")
    return int(row.id)
