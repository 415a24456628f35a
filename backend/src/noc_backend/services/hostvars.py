"""A host as Ansible sees it: its own vars (connection fields as ``ansible_*``) and, with the
group graph, its effective vars, labels, credential and node selector, which resolve sends as
a TargetHost.
"""

from __future__ import annotations

from typing import Any

from noc_backend.models import Host
from noc_backend.services.grouptree import SPECIAL, GroupTree
from noc_contracts import Connection, CredentialSecret, TargetHost

CONNECTION_KEYS = ("ansible_host", "ansible_port", "ansible_user", "ansible_connection")
DEFAULT_PORT = 22
DEFAULT_CONNECTION = "ssh"


def own_vars(host: Host) -> dict[str, Any]:
    """The vars an inventory gives this host: connection fields that are set, then its vars.

    A field at its default (address == name, port 22, ssh) is written only when an import gave
    it explicitly, so a round trip gives Ansible back the same host.
    """
    explicit = set(host.inventory_keys or ())
    found: dict[str, Any] = {}
    if host.address != host.name or "ansible_host" in explicit:
        found["ansible_host"] = host.address
    if host.port != DEFAULT_PORT or "ansible_port" in explicit:
        found["ansible_port"] = host.port
    if host.user is not None:
        found["ansible_user"] = host.user
    if host.connection != DEFAULT_CONNECTION or "ansible_connection" in explicit:
        found["ansible_connection"] = host.connection
    found.update(host.vars or {})
    return found


def labels(tree: GroupTree, direct: list[str]) -> list[str]:
    """Every group the host is in, directly or through nesting, sorted."""
    found: set[str] = set()
    for name in direct:
        found |= tree.ancestors(name)
    return sorted(found - SPECIAL)


def _port(value: Any, fallback: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 65_535:
        return value
    if isinstance(value, str) and value.isdigit() and 1 <= int(value) <= 65_535:
        return int(value)
    return fallback


def target_host(host: Host, direct: list[str], tree: GroupTree, depths: dict[str, int],
                credential: CredentialSecret | None) -> TargetHost:
    """The host for the scheduler and the node: effective vars decide the connection too.

    ``ansible_host``/``_port``/``_user`` (and an ssh/local ``ansible_connection``) become the
    TargetHost's fields and leave ``vars``, so the node's own connection settings win cleanly.
    The node selector is the host's own when it has one, else its nearest group's.
    """
    effective = tree.effective_vars(direct, own_vars(host), depths)
    address = effective.get("ansible_host")
    user = effective.get("ansible_user")
    connection = effective.get("ansible_connection")
    # the connection fields carry these; ``vars`` keeps only what they cannot say
    folded = [k for k in CONNECTION_KEYS
              if k != "ansible_connection" or connection in ("ssh", "local")]
    variables = {k: v for k, v in effective.items() if k not in folded}
    return TargetHost(
        name=host.name,
        address=address if isinstance(address, str) and address else host.address,
        port=_port(effective.get("ansible_port"), host.port),
        user=user if isinstance(user, str) and user else None,
        connection=Connection(connection) if connection in ("ssh", "local")
        else Connection(host.connection),
        groups=labels(tree, direct), vars=variables, credential=credential,
        node_selector=host.node_selector or tree.nearest_selector(direct))
