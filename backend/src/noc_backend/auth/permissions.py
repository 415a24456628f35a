"""Roles and the permissions each grants: a pure map, checked by the route dependencies.

``viewer`` reads; ``operator`` also changes the inventory and procedures, launches and cancels
runs, manages schedules and runs connection tests; ``admin`` may do everything, including
users, credentials (secrets), nodes, the audit log and other users' tokens.
"""

from __future__ import annotations

from typing import Final

HOSTS_READ: Final = "hosts:read"
HOSTS_WRITE: Final = "hosts:write"  # hosts, groups, inventory import and export
PROCEDURES_READ: Final = "procedures:read"
PROCEDURES_WRITE: Final = "procedures:write"
EXECUTIONS_READ: Final = "executions:read"
RUNS_WRITE: Final = "runs:write"  # launch, cancel, connection tests
SCHEDULES_READ: Final = "schedules:read"
SCHEDULES_WRITE: Final = "schedules:write"
NODES_READ: Final = "nodes:read"
NODES_ADMIN: Final = "nodes:admin"
CREDENTIALS_READ: Final = "credentials:read"  # names, kinds, fingerprints: never a secret
CREDENTIALS_WRITE: Final = "credentials:write"
USERS_ADMIN: Final = "users:admin"
AUDIT_READ: Final = "audit:read"
TOKENS_ADMIN: Final = "tokens:admin"  # list and revoke other users' tokens

VIEWER: Final = frozenset({HOSTS_READ, PROCEDURES_READ, EXECUTIONS_READ, SCHEDULES_READ,
                           NODES_READ, CREDENTIALS_READ})
OPERATOR: Final = VIEWER | {HOSTS_WRITE, PROCEDURES_WRITE, RUNS_WRITE, SCHEDULES_WRITE}
ADMIN: Final = OPERATOR | {CREDENTIALS_WRITE, NODES_ADMIN, USERS_ADMIN, AUDIT_READ,
                           TOKENS_ADMIN}

ROLE_PERMISSIONS: Final[dict[str, frozenset[str]]] = {
    "viewer": VIEWER, "operator": OPERATOR, "admin": ADMIN}
ALL_PERMISSIONS: Final = ADMIN


def permissions_of(role: str) -> frozenset[str]:
    """What ``role`` may do; an unknown role may do nothing."""
    return ROLE_PERMISSIONS.get(role, frozenset())


def allows(role: str, permission: str) -> bool:
    if permission not in ALL_PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")
    return permission in permissions_of(role)
