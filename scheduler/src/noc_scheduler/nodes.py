"""The node registry: add/update a node, recognise a caller by token, heartbeats, health."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from noc_contracts import NodeHeartbeat, NodeInfo
from noc_scheduler.crypto import SecretBox, token_sha256
from noc_scheduler.models import Node

logger = logging.getLogger(__name__)


def register(box: SecretBox, name: str, url: str, token: str) -> Node:
    """Create or update the node ``name`` (idempotent); call in a write transaction."""
    token = token.strip()
    if not token:
        raise ValueError("node token is empty")
    digest = token_sha256(token)
    node = Node.get_or_none(Node.name == name)
    other = Node.get_or_none(Node.token_sha256 == digest)
    if other is not None and (node is None or other.id != node.id):
        raise ValueError(f"that token already belongs to node '{other.name}'")
    if node is None:
        node = Node(name=name)
    node.url = url.rstrip("/")
    node.token_enc = box.encrypt(token)
    node.token_sha256 = digest
    node.save()
    logger.info("node %s registered at %s", name, node.url)
    return node


def by_token(token: str) -> Node | None:
    return Node.get_or_none(Node.token_sha256 == token_sha256(token))


def healthy(node: Node, now: datetime, stale_s: float) -> bool:
    return node.last_seen_at is not None and now - node.last_seen_at <= timedelta(
        seconds=stale_s)


def heartbeat(node: Node, beat: NodeHeartbeat, now: datetime) -> None:
    node.capacity = beat.capacity
    node.queue_depth = beat.queue_depth
    node.running = beat.running
    node.last_seen_at = now
    node.save()


def info(node: Node, now: datetime, stale_s: float) -> NodeInfo:
    return NodeInfo(name=node.name, url=node.url, healthy=healthy(node, now, stale_s),
                    capacity=node.capacity, queue_depth=node.queue_depth, running=node.running,
                    last_seen_at=node.last_seen_at)


def choose(now: datetime, stale_s: float) -> Node | None:
    """The healthy node with the lowest load relative to its capacity."""
    candidates = [n for n in Node.select().order_by(Node.name) if healthy(n, now, stale_s)
                  and n.capacity > 0]
    if not candidates:
        return None
    return min(candidates, key=lambda n: (n.queue_depth + n.running) / n.capacity)
