"""Inter-layer tokens, secrets keys and the admin password, created once into var/ (0600)."""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

NAMES = ("backend-to-scheduler.token", "scheduler-to-backend.token", "node-local.token",
         "backend-secrets.key", "scheduler-secrets.key")


def _fernet_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)


def _read_or_create(path: Path, make: str) -> tuple[str, bool]:
    if path.exists():
        return path.read_text().strip(), False
    _write_private(path, make)
    return make, True


@dataclass(frozen=True)
class StackSecrets:
    backend_to_scheduler: str
    scheduler_to_backend: str
    node_token: str
    node_token_file: Path
    backend_key: str
    scheduler_key: str
    admin_password: str
    admin_password_generated: bool


def load_or_create_secrets(var_dir: Path, admin_password: str | None = None) -> StackSecrets:
    """Reuse the secrets in ``var_dir`` or create them; a generated admin password is kept in
    ``var_dir/admin-password`` and reported as generated only the first time."""
    secret_dir = var_dir / "secrets"
    secret_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(secret_dir, 0o700)
    values = {}
    for name in NAMES:
        make = _fernet_key() if name.endswith(".key") else secrets.token_urlsafe(32)
        values[name], _ = _read_or_create(secret_dir / name, make)
    password_file = var_dir / "admin-password"
    generated = False
    if admin_password:
        password = admin_password
    else:
        password, generated = _read_or_create(password_file, secrets.token_urlsafe(12))
    return StackSecrets(
        backend_to_scheduler=values["backend-to-scheduler.token"],
        scheduler_to_backend=values["scheduler-to-backend.token"],
        node_token=values["node-local.token"],
        node_token_file=secret_dir / "node-local.token",
        backend_key=values["backend-secrets.key"],
        scheduler_key=values["scheduler-secrets.key"],
        admin_password=password,
        admin_password_generated=generated,
    )
