"""Connection tests: hand a ProbeRequest to the healthiest node and wait for its answer.

The request holds decrypted credentials: it is sent to the node and never logged or stored.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import httpx
from pydantic import ValidationError

from noc_contracts import REVEAL, ErrorCode, ProbeRequest, ProbeResult
from noc_scheduler.core.errors import ApiError
from noc_scheduler.nodes import registry
from noc_scheduler.store.models import utcnow

if TYPE_CHECKING:
    from noc_scheduler.runtime import Runtime

logger = logging.getLogger(__name__)

NODE_MARGIN_S = 10.0  # ansible's start-up and the node's own overhead around the ping


def probe(rt: Runtime, request: ProbeRequest) -> ProbeResult:
    """The node's per-host ping results; 503 with no healthy node, 502 when the node fails."""
    with rt.db.connection_context():
        node = registry.choose(utcnow(), rt.settings.node_stale_s)
        if node is None:
            raise ApiError(503, ErrorCode.no_node, "no healthy node can run the connection test")
        name, url, token = node.name, node.url, rt.box.decrypt(node.token_enc)
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
