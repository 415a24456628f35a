"""The launcher's secrets: created once, 0600, reused, and a given admin password wins."""

import stat
from pathlib import Path

from noc_devstack import load_or_create_secrets


def test_secrets_are_created_private_and_then_reused(tmp_path: Path) -> None:
    first = load_or_create_secrets(tmp_path)
    assert first.admin_password_generated
    assert len({first.backend_to_scheduler, first.scheduler_to_backend, first.node_token}) == 3
    for path in [*(tmp_path / "secrets").iterdir(), tmp_path / "admin-password"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE((tmp_path / "secrets").stat().st_mode) == 0o700
    again = load_or_create_secrets(tmp_path)
    assert not again.admin_password_generated
    assert again == first.__class__(**{**first.__dict__, "admin_password_generated": False})


def test_a_given_admin_password_is_used_and_not_written(tmp_path: Path) -> None:
    sec = load_or_create_secrets(tmp_path, admin_password="from-env")
    assert sec.admin_password == "from-env" and not sec.admin_password_generated
    assert not (tmp_path / "admin-password").exists()
