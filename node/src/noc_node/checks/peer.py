"""``check``'s look at a peer layer: its ``/healthz`` answers 200 and says it is the layer
expected (not another service on that port). The same text in the backend, the scheduler and
the node (a test keeps it so): the layers share no HTTP code."""

from __future__ import annotations

import ssl

import httpx

from noc_contracts.checks import CheckFailed

#: a check never waits long for a peer
TIMEOUT_S = 5.0


def check_peer(url: str, layer: str, setting: str,
               verify: ssl.SSLContext | bool = True) -> str:
    """What ``url``'s ``/healthz`` says; ``CheckFailed`` naming ``setting`` when it is not
    the ``layer`` answering."""
    try:
        response = httpx.get(f"{url}/healthz", timeout=TIMEOUT_S, verify=verify)
    except httpx.HTTPError as exc:
        raise CheckFailed(f"{setting}: {url} unreachable ({type(exc).__name__}: "
                          f"{exc})") from None
    try:
        said = response.json().get("layer") if response.status_code == 200 else None
    except ValueError:
        said = None
    if said != layer:
        raise CheckFailed(f"{setting}: {url} is not a {layer} (GET /healthz answered "
                          f"{response.status_code}{f', layer {said}' if said else ''})")
    return f"{url} is a {layer} and answers"
