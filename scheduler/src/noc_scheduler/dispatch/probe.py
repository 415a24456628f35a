"""Connection tests: hand a ProbeRequest to the least loaded healthy node matching its hosts'
selector (hosts of different selectors to one node each) and wait for the answers.

The request holds decrypted credentials: it is sent to the node and never logged or stored.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import httpx
from pydantic import ValidationError

from noc_contracts import (
    REVEAL,
    ErrorCode,
    HostResult,
    ProbeRequest,
    ProbeResult,
    StepStatus,
    TargetHost,
    format_labels,
)
from noc_contracts.nodes import labels_of
from noc_scheduler.core.errors import ApiError
from noc_scheduler.nodes import registry
from noc_scheduler.store.models import utcnow

if TYPE_CHECKING:
    from noc_scheduler.runtime import Runtime

logger = logging.getLogger(__name__)

NODE_MARGIN_S = 10.0  # ansible's start-up and the node's own overhead around the ping
MAX_PARALLEL = 8  # nodes asked at once for one connection test


def probe(rt: Runtime, request: ProbeRequest) -> ProbeResult:
    """The nodes' per-host ping results: hosts go to a node matching their selector, hosts of
    different selectors to different nodes at once. 503 when no healthy node may take any of
    them (hosts only some nodes lack end ``error`` naming what they needed), 502 when a node
    fails."""
    by_selector: dict[str, list[TargetHost]] = {}
    for host in request.hosts:
        by_selector.setdefault(format_labels(host.node_selector), []).append(host)
    placed: list[tuple[str, str, str, ProbeRequest]] = []
    unplaced: list[HostResult] = []
    with rt.db.connection_context():
        for selector, hosts in sorted(by_selector.items()):
            node = registry.choose(utcnow(), rt.settings.node_stale_s, labels_of(selector))
            wanted = f" with {selector}" if selector else ""
            if node is None:
                unplaced += [HostResult(host=h.name, status=StepStatus.error,
                                        msg=f"no healthy node{wanted} can run the connection "
                                            "test", finished_at=utcnow()) for h in hosts]
                continue
            placed.append((node.name, node.url, rt.box.decrypt(node.token_enc),
                           request.model_copy(update={"hosts": hosts})))
    if not placed:
        raise ApiError(503, ErrorCode.no_node, unplaced[0].msg)
    if len(placed) == 1:
        answers = [_on_node(rt, *placed[0])]
    else:
        with ThreadPoolExecutor(max_workers=min(len(placed), MAX_PARALLEL)) as pool:
            answers = list(pool.map(lambda p: _on_node(rt, *p), placed))
    results = [r for answer in answers for r in answer.results] + unplaced
    return ProbeResult(node=", ".join(a.node for a in answers), results=results)


def _on_node(rt: Runtime, name: str, url: str, token: str, request: ProbeRequest) -> ProbeResult:
    payload = request.model_dump(mode="json", by_alias=True, context=REVEAL)
    try:
        response = rt.http.post(f"{url}/probe", json=payload,
                                headers={"Authorization": f"Bearer {token}"},
                                timeout=request.timeout_s + NODE_MARGIN_S)
    except httpx.HTTPError as exc:
        logger.warning("probe on node %s failed: %s", name, type(exc).__name__)
        raise ApiError(502, ErrorCode.node_unreachable, f"node '{name}' cannot be reached") from exc
    if response.status_code != 200:
        logger.warning("probe on node %s answered HTTP %d", name, response.status_code)
        raise ApiError(502, ErrorCode.node_failed,
                       f"node '{name}' refused the connection test (HTTP {response.status_code})")
    try:
        result = ProbeResult.model_validate(response.json())
    except (ValueError, ValidationError) as exc:
        raise ApiError(502, ErrorCode.node_failed, f"node '{name}' answered unreadably") from exc
    logger.info("probe on node %s: %d host(s)", name, len(result.results))
    return result
