"""Turn a run target (host names or a group label) into the inventory's enabled hosts."""

from __future__ import annotations

import re

from peewee import JOIN

from noc_backend.core.errors import Invalid
from noc_backend.core.fields import LABEL_PATTERN
from noc_backend.core.security import SecretBox
from noc_backend.models import Credential, Host, HostGroup, Procedure
from noc_backend.services.credentials import secret_for
from noc_backend.services.hosts import groups_of
from noc_backend.services.procedures import current_graph
from noc_contracts import ResolvedRun, Target, TargetHost

_SHOWN = 50  # names listed in an error message
_NAME = re.compile(LABEL_PATTERN)


def target_hosts(target: Target) -> list[Host]:
    """The target's enabled hosts, by name; 422 naming ``target.hosts`` or ``target.group``."""
    query = Host.select(Host, Credential).join(
        Credential, join_type=JOIN.LEFT_OUTER, on=(Host.credential == Credential.id))
    if target.hosts is not None:
        wanted = list(dict.fromkeys(target.hosts))
        names = [n for n in wanted if _NAME.match(n)]  # others cannot exist
        rows = list(query.where(Host.name.in_(names))) if names else []
        missing = sorted(set(wanted) - {h.name for h in rows})
        if missing:
            more = f" (and {len(missing) - _SHOWN} more)" if len(missing) > _SHOWN else ""
            raise Invalid.on_field("target.hosts", "unknown hosts: "
                                   + ", ".join(missing[:_SHOWN]) + more, code="unknown_hosts")
        enabled = [h for h in rows if h.enabled]
        if not enabled:
            raise Invalid.on_field("target.hosts", "every named host is disabled",
                                   code="no_hosts")
        return sorted(enabled, key=lambda h: h.name)
    group = target.group or ""
    if not _NAME.match(group):
        raise Invalid.on_field("target.group", f"group '{group}' is unknown", code="no_hosts")
    members = HostGroup.select(HostGroup.host).where(HostGroup.name == target.group)
    enabled = list(query.where(Host.id.in_(members) & Host.enabled).order_by(Host.name))
    if not enabled:
        raise Invalid.on_field("target.group",
                               f"group '{target.group}' is unknown or has no enabled hosts",
                               code="no_hosts")
    return enabled


def resolve(*, procedure: Procedure, target: Target, box: SecretBox) -> ResolvedRun:
    """The current version of ``procedure`` and its target's hosts with decrypted credentials."""
    hosts = target_hosts(target)
    groups = groups_of([h.id for h in hosts])
    resolved = [
        TargetHost(name=h.name, address=h.address, port=h.port, user=h.user,
                   connection=h.connection, groups=groups[h.id], vars=h.vars,
                   credential=secret_for(credential=h.credential, box=box)
                   if h.credential is not None else None)
        for h in hosts
    ]
    return ResolvedRun(procedure_id=procedure.id, procedure_name=procedure.name,
                       procedure_version=procedure.current_version,
                       graph=current_graph(procedure), hosts=resolved)
