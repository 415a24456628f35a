"""The role -> permission map."""

from __future__ import annotations

import pytest

from noc_backend.auth.permissions import ALL_PERMISSIONS, allows, permissions_of


def test_viewer_reads_only() -> None:
    assert permissions_of("viewer") == {
        "hosts:read", "procedures:read", "executions:read", "schedules:read", "nodes:read",
        "credentials:read"}


def test_operator_adds_the_day_to_day_writes() -> None:
    assert permissions_of("operator") - permissions_of("viewer") == {
        "hosts:write", "procedures:write", "runs:write", "schedules:write"}


def test_admin_has_everything() -> None:
    assert permissions_of("admin") == ALL_PERMISSIONS
    assert {"users:admin", "credentials:write", "nodes:admin", "audit:read",
            "tokens:admin"} <= ALL_PERMISSIONS - permissions_of("operator")


def test_unknown_role_has_nothing_and_unknown_permission_is_a_bug() -> None:
    assert not allows("root", "hosts:read")
    with pytest.raises(ValueError, match="unknown permission"):
        allows("admin", "hosts:delete")
