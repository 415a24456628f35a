"""Parse an SSH private key (OpenSSH or PEM, optionally encrypted) and fingerprint it."""

from __future__ import annotations

import base64
import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from noc_backend.core.errors import Invalid


def _load(data: bytes, password: bytes | None) -> PrivateKeyTypes:
    if b"BEGIN OPENSSH PRIVATE KEY" in data:
        return serialization.load_ssh_private_key(data, password)
    return serialization.load_pem_private_key(data, password)


def _is_encrypted(data: bytes) -> bool:
    try:
        _load(data, None)
    except TypeError:
        return True
    except Exception:  # unparsable whatever the password
        return False
    return False


def fingerprint(private_key: str, passphrase: str | None) -> str:
    """The OpenSSH ``SHA256:...`` fingerprint of the key's public half.

    Raises ``Invalid`` naming ``private_key`` (unparsable) or ``passphrase`` (wrong or missing).
    """
    data = private_key.strip().encode() + b"\n"
    password = passphrase.encode() if passphrase else None
    try:
        key = _load(data, password)
    except TypeError as exc:
        message = ("the key is encrypted: give its passphrase" if password is None
                   else "the key is not encrypted: omit the passphrase")
        raise Invalid.on_field("passphrase", message) from exc
    except Exception as exc:  # cryptography raises ValueError and friends for bad input
        if password is not None and _is_encrypted(data):
            raise Invalid.on_field("passphrase", "wrong passphrase for this key") from exc
        raise Invalid.on_field(
            "private_key", "not a private key in OpenSSH or PEM format") from exc
    try:
        public = key.public_key().public_bytes(
            serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    except (ValueError, TypeError) as exc:
        raise Invalid.on_field("private_key", "this key type cannot be used by SSH") from exc
    blob = base64.b64decode(public.split()[1])
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
    return f"SHA256:{digest}"
