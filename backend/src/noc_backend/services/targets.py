"""Turn a run target (host names or a group) into the inventory's enabled hosts, resolved.

A group target takes the hosts of the group and of every group nested under it; ``all`` takes
every host and ``ungrouped`` those in no group. Each host goes out with its effective vars, its
effective credential and its effective node selector (each its own, else the nearest group's).
"""

from __future__ import annotations

import re

from noc_backend.core.errors import Invalid
from noc_backend.core.security import SecretBox
from noc_backend.models import Credential, Host, Procedure
from noc_backend.services.credentials import secret_for
from noc_backend.services.grouptree import GroupTree, load_tree
from noc_backend.services.host_query import group_members
from noc_backend.services.hosts import groups_of
from noc_backend.services.hostvars import target_host
from noc_backend.services.procedures import current_graph
from noc_contracts import CredentialSecret, ErrorCode, ResolvedRun, Target, TargetHost
from noc_contracts.api.fields import HOST_NAME_PATTERN, LABEL_PATTERN

_SHOWN = 50  # names listed in an error message
_NAME = re.compile(HOST_NAME_PATTERN)
_GROUP = re.compile(LABEL_PATTERN)


def target_hosts(target: Target, tree: GroupTree | None = None) -> list[Host]:
    """The target's enabled hosts, by name; 422 naming ``target.hosts`` or ``target.group``."""
    tree = tree if tree is not None else load_tree()
    query = Host.with_credential()
    if target.hosts is not None:
        wanted = list(dict.fromkeys(target.hosts))
        names = [n for n in wanted if _NAME.match(n)]  # others cannot exist
        rows = list(query.where(Host.name.in_(names))) if names else []
        missing = sorted(set(wanted) - {h.name for h in rows})
        if missing:
            more = f" (and {len(missing) - _SHOWN} more)" if len(missing) > _SHOWN else ""
            raise Invalid.on_field("target.hosts", "unknown hosts: "
                                   + ", ".join(missing[:_SHOWN]) + more,
                                   code=ErrorCode.unknown_hosts)
        enabled = [h for h in rows if h.enabled]
        if not enabled:
            raise Invalid.on_field("target.hosts", "every named host is disabled",
                                   code=ErrorCode.no_hosts)
        return sorted(enabled, key=lambda h: h.name)
    group = target.group or ""
    if not _GROUP.match(group) or not tree.knows(group):
        raise Invalid.on_field("target.group", f"group '{group}' is unknown",
                               code=ErrorCode.no_hosts)
    enabled = list(group_members(query, group, tree).where(Host.enabled).order_by(Host.name))
    if not enabled:
        raise Invalid.on_field("target.group", f"group '{group}' has no enabled hosts",
                               code=ErrorCode.no_hosts)
    return enabled


def resolve_hosts(hosts: list[Host], tree: GroupTree, box: SecretBox) -> list[TargetHost]:
    """Each host with effective vars, labels, node selector and decrypted effective
    credential."""
    direct = groups_of([h.id for h in hosts])
    from_groups = {tree.nearest_credential(direct[h.id]) for h in hosts if h.credential is None}
    from_groups.discard(None)
    group_credentials = {c.id: c for c in Credential.select().where(
        Credential.id.in_(list(from_groups)))} if from_groups else {}
    secrets: dict[int, CredentialSecret] = {}
    depths = tree.depths()
    resolved = []
    for host in hosts:
        row = host.credential
        if row is None:
            credential_id = tree.nearest_credential(direct[host.id])
            row = group_credentials.get(credential_id) if credential_id is not None else None
        secret = None
        if row is not None:
            if row.id not in secrets:
                secrets[row.id] = secret_for(credential=row, box=box)
            secret = secrets[row.id]
        resolved.append(target_host(host, direct[host.id], tree, depths, secret))
    return resolved


def resolve(*, procedure: Procedure, target: Target, box: SecretBox) -> ResolvedRun:
    """The current version of ``procedure`` and its target's hosts with decrypted credentials."""
    tree = load_tree()
    hosts = target_hosts(target, tree)
    return ResolvedRun(procedure_id=procedure.id, procedure_name=procedure.name,
                       procedure_version=procedure.current_version,
                       graph=current_graph(procedure), hosts=resolve_hosts(hosts, tree, box))
