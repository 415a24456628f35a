"""The admin's changes to execution nodes, made by the scheduler (which owns the registry) and
audited here: registration, labels and capacity, drain, resume, remove."""

from __future__ import annotations

import logging

from noc_backend.auth.actor import Actor
from noc_backend.scheduler_client import SchedulerClient
from noc_backend.services import audit
from noc_contracts import NodeInfo, NodeRegistration, NodeRemoved, NodeUpdate

logger = logging.getLogger(__name__)


def register(*, scheduler: SchedulerClient, registration: NodeRegistration,
             actor: Actor) -> tuple[NodeInfo, bool]:
    """Register (or re-register) a node; audited without its token. True when it is new."""
    info, created = scheduler.register_node(registration)
    audit.record_alone(actor, "node.register", target_type="node", target_name=info.name,
                       details={"url": info.url, "capacity": registration.capacity,
                                "labels": registration.labels, "new": created})
    logger.info("node %s %sregistered at %s by %s", info.name, "" if created else "re-",
                info.url, actor.username)
    return info, created


def update(*, scheduler: SchedulerClient, name: str, change: NodeUpdate,
           actor: Actor) -> NodeInfo:
    info = scheduler.update_node(name, change)
    audit.record_alone(actor, "node.update", target_type="node", target_name=name,
                       details=change.model_dump(mode="json", exclude_unset=True))
    logger.info("node %s changed by %s", name, actor.username)
    return info


def set_draining(*, scheduler: SchedulerClient, name: str, draining: bool,
                 actor: Actor) -> NodeInfo:
    action = "drain" if draining else "resume"
    info = scheduler.set_draining(name, draining=draining)
    audit.record_alone(actor, f"node.{action}", target_type="node", target_name=name)
    logger.info("node %s: %s by %s", name, action, actor.username)
    return info


def remove(*, scheduler: SchedulerClient, name: str, actor: Actor) -> NodeRemoved:
    removed = scheduler.remove_node(name)
    audit.record_alone(actor, "node.remove", target_type="node", target_name=name,
                       details={"settled_steps": removed.settled_steps})
    logger.info("node %s removed by %s (%d step(s) ended lost)", name, actor.username,
                removed.settled_steps)
    return removed
