"""Re-encrypt every stored credential with a new secrets key, in one transaction.

The current box (``SECRETS_KEY`` plus ``OLD_SECRETS_KEYS``) opens each credential; the new key
seals it again and the result is checked before commit, so a failure changes nothing.
"""

from __future__ import annotations

import logging

from cryptography.fernet import Fernet, InvalidToken

from noc_backend.core.db import database_proxy as db
from noc_backend.core.security import SecretBox
from noc_backend.models import Credential

logger = logging.getLogger(__name__)


class KeyRotationError(ValueError):
    """The new key is unusable (not a Fernet key, or the one already in use)."""


def new_box(new_key: str, current: SecretBox) -> SecretBox:
    try:
        fernet = Fernet(new_key.strip().encode())
    except ValueError as exc:
        raise KeyRotationError("the new key is not a Fernet key (32 url-safe base64-encoded "
                               "bytes); generate one with `noc-backend generate-key`") from exc
    probe = current.fernet.encrypt(b"probe")
    try:
        fernet.decrypt(probe)
    except InvalidToken:
        return SecretBox(fernet)
    raise KeyRotationError("the new key is the one already in use")


def rotate_secrets(*, current: SecretBox, new_key: str) -> int:
    """Re-encrypt all credentials with ``new_key``; returns how many. All or nothing."""
    target = new_box(new_key, current)
    count = 0
    with db.atomic():
        for row in Credential.select().order_by(Credential.id):
            values = current.open(row.secret)
            sealed = target.seal(values)
            if target.open(sealed) != values:
                raise KeyRotationError(f"credential '{row.name}' did not survive re-encryption")
            Credential.update(secret=sealed).where(Credential.id == row.id).execute()
            count += 1
    logger.info("secrets key rotated: %d credential(s) re-encrypted", count)
    return count
