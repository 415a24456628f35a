"""``noc-backend rotate-secrets-key``: every credential re-encrypted, nothing lost, the old key
no longer opens them, and OLD_SECRETS_KEYS lets a backend read what an old key wrote."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken
from fastapi.testclient import TestClient

from noc_backend.core.config import Settings
from noc_backend.core.security import SecretBox
from noc_backend.main import create_app
from noc_backend.models import Credential
from tests.backend.utils import INTERNAL, ed25519_key, graph, host_body, login, make_settings

CLI = [sys.executable, "-m", "noc_backend.cli"]


def _secrets(settings: Settings) -> dict[str, dict[str, str]]:
    """Each credential's secrets as the resolve call reveals them."""
    with TestClient(create_app(settings)) as client:
        headers = login(client)
        proc = client.post("/api/v1/procedures", headers=headers,
                           json={"name": "p", "graph": graph()}).json()
        proc_id = proc.get("id") or client.get("/api/v1/procedures",
                                               headers=headers).json()["data"][0]["id"]
        hosts = client.post("/internal/v1/resolve", headers=INTERNAL, json={
            "procedure_id": proc_id, "target": {"group": "g"}}).json()["hosts"]
    return {h["credential"]["name"]: h["credential"] for h in hosts}


def _rotate(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOC_BACKEND_")}
    for name, value in settings.model_dump().items():
        if value is not None:
            raw = value.get_secret_value() if hasattr(value, "get_secret_value") else value
            env[f"NOC_BACKEND_{name.upper()}"] = str(raw)
    return subprocess.run([*CLI, "rotate-secrets-key", *args], env=env, capture_output=True,
                          text=True, timeout=60, check=False)


def test_rotation_keeps_every_secret(settings: Settings, tmp_path: Path) -> None:
    with TestClient(create_app(settings)) as client:
        headers = login(client)
        client.post("/api/v1/credentials", headers=headers, json={
            "name": "key", "kind": "ssh_key", "private_key": ed25519_key(b"pp"),
            "passphrase": "pp", "become_password": "bp"})
        client.post("/api/v1/credentials", headers=headers, json={
            "name": "pw", "kind": "password", "password": "s3cret"})
        client.post("/api/v1/hosts", headers=headers,
                    json=host_body("h1", groups=["g"], credential="key"))
        client.post("/api/v1/hosts", headers=headers,
                    json=host_body("h2", groups=["g"], credential="pw"))
    before = _secrets(settings)
    assert set(before) == {"key", "pw"}
    old_key = settings.secrets_key.get_secret_value()  # type: ignore[union-attr]
    new_key = Fernet.generate_key().decode()
    while not new_key.startswith("-"):  # such a key must pass as --new-key's value (1 in 64)
        new_key = Fernet.generate_key().decode()
    key_file = tmp_path / "new.key"
    key_file.write_text(new_key + "\n")

    refused = _rotate(settings, "--new-key", "not-a-key")
    assert refused.returncode == 2 and "Fernet" in refused.stderr
    done = _rotate(settings, "--new-key-file", str(key_file))
    assert done.returncode == 0, done.stderr
    assert "2 credential" in done.stdout and new_key not in done.stdout + done.stderr

    rotated = Settings(**{**settings.model_dump(), "secrets_key": new_key})
    assert _secrets(rotated) == before
    with TestClient(create_app(rotated)) as client:
        services = client.app.state.services  # type: ignore[attr-defined]
        with services.db.connection_context():
            for row in Credential.select():
                with pytest.raises(InvalidToken):
                    Fernet(old_key.encode()).decrypt(row.secret.encode())
    again = _rotate(rotated, "--new-key", new_key)
    assert again.returncode == 2 and "already in use" in again.stderr


def test_old_keys_still_decrypt(settings: Settings) -> None:
    old_key = Fernet.generate_key().decode()
    sealed = SecretBox(Fernet(old_key.encode())).seal({"password": "x"})
    box = SecretBox.from_settings(Settings(**{**settings.model_dump(),
                                              "old_secrets_keys": f" {old_key} ,"}))
    assert box.open(sealed) == {"password": "x"}
    assert old_key not in repr(box)
    with pytest.raises(ValueError, match="OLD_SECRETS_KEYS"):
        Settings(**{**settings.model_dump(), "old_secrets_keys": "nope"})


def _config_file(settings: Settings, path: Path) -> Path:
    """``settings`` as an installer's config file (``NOC_BACKEND_*=value`` lines, 0600)."""
    lines = []
    for name, value in settings.model_dump().items():
        if value is not None:
            raw = value.get_secret_value() if hasattr(value, "get_secret_value") else value
            lines.append(f"NOC_BACKEND_{name.upper()}={raw}\n")
    path.write_text("".join(lines))
    path.chmod(0o600)
    return path


def test_rotation_reads_the_installed_servers_config_file(tmp_path: Path) -> None:
    """On an installed server the settings live in its config file, not the environment:
    ``--config FILE`` rotates that database, and nothing is made in the working folder."""
    settings = make_settings(f"sqlite:///{tmp_path / 'data' / 'backend.db'}")
    with TestClient(create_app(settings)) as client:
        headers = login(client)
        client.post("/api/v1/credentials", headers=headers, json={
            "name": "pw", "kind": "password", "password": "s3cret"})
        client.post("/api/v1/hosts", headers=headers,
                    json=host_body("h1", groups=["g"], credential="pw"))
    before = _secrets(settings)
    config = _config_file(settings, tmp_path / "backend.env")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    new_key = Fernet.generate_key().decode()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOC_BACKEND_")}
    done = subprocess.run([*CLI, "rotate-secrets-key", "--config", str(config),
                           "--new-key", new_key], env=env, cwd=elsewhere, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "re-encrypted 1 credential(s)" in done.stdout
    assert f"NOC_BACKEND_SECRETS_KEY in {config}" in done.stdout
    assert list(elsewhere.iterdir()) == []
    assert _secrets(Settings(**{**settings.model_dump(), "secrets_key": new_key})) == before
