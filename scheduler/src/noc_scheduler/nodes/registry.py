"""The node registry: add/update a node, recognise a caller by token, heartbeats, health,
placement, and the admin's drain / resume / remove."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from noc_contracts import NodeHealth, NodeHeartbeat, NodeInfo
from noc_contracts.nodes import check_labels, matches
from noc_scheduler.store.crypto import SecretBox, token_sha256
from noc_scheduler.store.models import DEFAULT_CAPACITY, Node

logger = logging.getLogger(__name__)

MAX_CAPACITY = 10_000
MAX_COUNT = 2**31 - 1  # an integer column


def _set_admin_fields(node: Node, capacity: int | None, labels: dict[str, str] | None) -> None:
    """The admin's capacity and labels onto ``node`` (None: keep); ValueError naming a bad one."""
    if capacity is not None:
        if not 1 <= capacity <= MAX_CAPACITY:
            raise ValueError(f"capacity must be between 1 and {MAX_CAPACITY}")
        node.capacity = capacity
    if labels is not None:
        node.labels = check_labels(labels)


def register(box: SecretBox, name: str, url: str, token: str,
             capacity: int | None = None, labels: dict[str, str] | None = None) -> Node:
    """Create or update the node ``name`` (idempotent); call in a write transaction.

    ``capacity`` (how many tasks it is given at once) and ``labels`` are the admin's: a new
    node without them gets ``DEFAULT_CAPACITY`` and no labels, an existing one keeps what it
    had.
    """
    token = token.strip()
    if not token:
        raise ValueError("node token is empty")
    digest = token_sha256(token)
    node = Node.get_or_none(Node.name == name)
    other = Node.get_or_none(Node.token_sha256 == digest)
    if other is not None and (node is None or other.id != node.id):
        raise ValueError(f"that token already belongs to node '{other.name}'")
    if node is None:
        node = Node(name=name, capacity=DEFAULT_CAPACITY, labels={})
    _set_admin_fields(node, capacity, labels)
    node.url = url.rstrip("/")
    node.token_enc = box.encrypt(token)
    node.token_sha256 = digest
    node.save()
    logger.info("node %s registered at %s, capacity %d, labels %s", name, node.url,
                node.capacity, node.labels or "none")
    return node


def update(name: str, capacity: int | None = None,
           labels: dict[str, str] | None = None) -> Node:
    """Change a node's capacity or labels (None: keep); in a write transaction."""
    node = named(name)
    _set_admin_fields(node, capacity, labels)
    node.save()
    logger.info("node %s: capacity %d, labels %s", name, node.capacity, node.labels or "none")
    return node


def by_token(token: str) -> Node | None:
    return Node.get_or_none(Node.token_sha256 == token_sha256(token))


def named(name: str) -> Node:
    """The node ``name``; ``ValueError`` naming it when there is none."""
    node = Node.get_or_none(Node.name == name)
    if node is None:
        raise ValueError(f"no node named '{name}'")
    return node


def healthy(node: Node, now: datetime, stale_s: float) -> bool:
    """Given work: heard from within ``stale_s`` (up or late)."""
    return node.last_seen_at is not None and now - node.last_seen_at <= timedelta(
        seconds=stale_s)


def health(node: Node, now: datetime, late_s: float, stale_s: float) -> NodeHealth:
    seen = node.last_seen_at
    if seen is None or not healthy(node, now, stale_s):
        return NodeHealth.down
    if now - seen > timedelta(seconds=min(late_s, stale_s)):
        return NodeHealth.late
    return NodeHealth.up


def effective_capacity(node: Node) -> int:
    """What placement uses: the registered capacity, lowered (never raised) by heartbeats."""
    if node.reported_capacity is None:
        return int(node.capacity)
    return min(int(node.capacity), int(node.reported_capacity))


def heartbeat(node: Node, beat: NodeHeartbeat, now: datetime) -> None:
    """Record a node's load; figures no column holds are capped (the capacity only lowers)."""
    node.reported_capacity = min(beat.capacity, MAX_CAPACITY)
    node.queue_depth = min(beat.queue_depth, MAX_COUNT)
    node.running = min(beat.running, MAX_COUNT)
    node.load = None if beat.load is None else round(beat.load, 2)
    node.unreachable_until = None  # it reached us: it may be given work again
    node.last_seen_at = now
    node.save()


def info(node: Node, now: datetime, late_s: float, stale_s: float) -> NodeInfo:
    seen = node.last_seen_at.replace(tzinfo=UTC) if node.last_seen_at is not None else None
    state = health(node, now, late_s, stale_s)
    return NodeInfo(name=node.name, url=node.url, healthy=state is not NodeHealth.down,
                    health=state, labels=node.labels or {}, capacity=effective_capacity(node),
                    queue_depth=node.queue_depth, running=node.running, load=node.load,
                    last_seen_at=seen, draining=node.draining)


def choose(now: datetime, stale_s: float, selector: dict[str, str] | None = None) -> Node | None:
    """The healthy, not draining, not just found unreachable node whose labels hold
    ``selector`` (None or empty: any node) with the lowest load relative to its capacity."""
    candidates = [n for n in Node.select().where(Node.draining == False)  # noqa: E712
                  .order_by(Node.name)
                  if healthy(n, now, stale_s) and effective_capacity(n) > 0
                  and (n.unreachable_until is None or n.unreachable_until <= now)
                  and matches(n.labels or {}, selector or {})]
    if not candidates:
        return None
    return min(candidates, key=lambda n: (n.queue_depth + n.running) / effective_capacity(n))


def unreachable(name: str, now: datetime, for_s: float) -> None:
    """A dispatch could not connect to ``name``: give it no work for ``for_s`` seconds or until
    its next heartbeat, whichever comes first."""
    Node.update(unreachable_until=now + timedelta(seconds=for_s)).where(
        Node.name == name).execute()


def set_draining(name: str, draining: bool) -> Node:
    """Drain (no new work; what it runs finishes) or resume a node; in a write transaction."""
    node = named(name)
    node.draining = draining
    node.save()
    logger.info("node %s %s", name, "draining" if draining else "resumed")
    return node
