"""Connection tests: resolve hosts as a run would, ping them through the scheduler and a node.

The request carries the hosts' decrypted credentials (as resolve does); nothing of it is
logged. Every host asked about gets one answer, reachable or not, with the reason.
"""

from __future__ import annotations

import logging

from noc_backend.auth.actor import Actor
from noc_backend.core.errors import Invalid, NotFound
from noc_backend.core.security import SecretBox
from noc_backend.models import Host
from noc_backend.scheduler_client import SchedulerClient
from noc_backend.services import audit
from noc_backend.services.grouptree import load_tree
from noc_backend.services.host_query import group_members
from noc_backend.services.targets import resolve_hosts
from noc_contracts import ErrorCode, ProbeRequest, ProbeResult, StepStatus, TargetHost
from noc_contracts.api import ConnectionTestResult, HostReachability

logger = logging.getLogger(__name__)

MAX_HOSTS = 1_000


def host_targets(*, host_id: int, box: SecretBox) -> list[TargetHost]:
    """One host (enabled or not: an operator may test before enabling it)."""
    host = Host.get_or_none(Host.id == host_id)
    if host is None:
        raise NotFound(f"no host with id {host_id}")
    return resolve_hosts([host], load_tree(), box)


def group_targets(*, name: str, box: SecretBox) -> list[TargetHost]:
    """The enabled hosts of a group and its nested groups."""
    tree = load_tree()
    if not tree.knows(name):
        raise NotFound(f"no group named '{name}'")
    hosts = list(group_members(Host.with_credential(), name, tree).where(Host.enabled)
                 .order_by(Host.name).limit(MAX_HOSTS + 1))
    if not hosts:
        raise Invalid.on_field("name", f"group '{name}' has no enabled hosts",
                               code=ErrorCode.no_hosts)
    if len(hosts) > MAX_HOSTS:
        raise Invalid.on_field("name", f"group '{name}' has more than {MAX_HOSTS} enabled "
                               "hosts; test a smaller group", code=ErrorCode.too_many_hosts)
    return resolve_hosts(hosts, tree, box)


def summarise(hosts: list[TargetHost], probe: ProbeResult) -> ConnectionTestResult:
    """One line per host asked about, in the order asked."""
    by_host = {r.host: r for r in probe.results}
    results = []
    for host in hosts:
        found = by_host.get(host.name)
        if found is None:
            results.append(HostReachability(host=host.name, reachable=False,
                                            status=StepStatus.error,
                                            reason="the node returned no result for this host"))
            continue
        reason = found.msg or found.stderr or ("pong" if found.status is StepStatus.ok else "")
        results.append(HostReachability(host=host.name, reachable=found.status is StepStatus.ok,
                                        status=found.status, reason=reason.strip()[:2_000]))
    return ConnectionTestResult(node=probe.node, results=results)


def run_test(*, hosts: list[TargetHost], timeout_s: int, scheduler: SchedulerClient,
             actor: Actor, target_type: str, target_name: str) -> ConnectionTestResult:
    probe = scheduler.probe(ProbeRequest(hosts=hosts, timeout_s=timeout_s))
    result = summarise(hosts, probe)
    reachable = sum(r.reachable for r in result.results)
    audit.record_alone(actor, "connection_test.run", target_type=target_type,
                       target_name=target_name,
                       details={"node": probe.node, "hosts": len(hosts), "reachable": reachable,
                                "unreachable": [r.host for r in result.results
                                                if not r.reachable][:100]})
    logger.info("connection test on node %s: %d of %d host(s) reachable", probe.node,
                reachable, len(hosts))
    return result
