"""SSH key fingerprints match ``ssh-keygen -lf``; bad keys and passphrases name their field."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from noc_backend.core.errors import Invalid
from noc_backend.services.sshkeys import fingerprint
from tests.backend.utils import ed25519_key
from tests.support.services import require


def _ssh_keygen_fingerprint(key: str, tmp_path: Path) -> str:
    path = tmp_path / "id"
    path.write_text(key)
    path.chmod(0o600)
    out = subprocess.run(["ssh-keygen", "-lf", str(path)], check=True, capture_output=True,
                         text=True).stdout
    return out.split()[1]


def test_fingerprint_matches_openssh(tmp_path: Path) -> None:
    require(shutil.which("ssh-keygen") is not None, "ssh-keygen not installed")
    key = ed25519_key()
    assert fingerprint(key, None) == _ssh_keygen_fingerprint(key, tmp_path)


def test_rsa_pem_key_is_fingerprinted() -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM,
                            serialization.PrivateFormat.TraditionalOpenSSL,
                            serialization.BestAvailableEncryption(b"pw")).decode()
    assert fingerprint(pem, "pw").startswith("SHA256:")
    with pytest.raises(Invalid) as info:
        fingerprint(pem, "wrong")
    assert info.value.details[0].field == "passphrase"


def test_encrypted_key_needs_the_right_passphrase() -> None:
    key = ed25519_key(b"s3cret")
    assert fingerprint(key, "s3cret").startswith("SHA256:")
    for passphrase in (None, "wrong"):
        with pytest.raises(Invalid) as info:
            fingerprint(key, passphrase)
        assert info.value.details[0].field == "passphrase"


def test_garbage_names_private_key() -> None:
    with pytest.raises(Invalid) as info:
        fingerprint("-----BEGIN OPENSSH PRIVATE KEY-----\nnope\n", None)
    assert info.value.details[0].field == "private_key"
