#!/usr/bin/python3
"""Ansible module: request a URL from the target host; report status, body match and latency.

Shipped with the node (``ANSIBLE_LIBRARY``) because ``ansible.builtin.uri`` reports whole
seconds only and fails on an unexpected status; a check should measure, not fail.
"""

from __future__ import annotations

import re
import ssl
import time
import urllib.error
import urllib.request
from typing import Any

from ansible.module_utils.basic import AnsibleModule

MAX_BODY = 1_000_000


def _fetch(url: str, timeout: int, validate_certs: bool) -> tuple[int, str, str]:
    """(status, body, error); status -1 when no HTTP response arrived."""
    context = None if validate_certs else ssl._create_unverified_context()  # noqa: S323
    if not url.startswith(("http://", "https://")):
        return -1, "", "only http:// and https:// URLs are checked"
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url, headers={"User-Agent": "noc-orchestrator-check"})
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as resp:  # noqa: S310
            return int(resp.status), resp.read(MAX_BODY).decode(errors="replace"), ""
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.read(MAX_BODY).decode(errors="replace"), ""
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return -1, "", str(reason)


def main() -> None:
    module = AnsibleModule(
        argument_spec={
            "url": {"type": "str", "required": True},
            "expect_status": {"type": "int", "default": 200},
            "body_regex": {"type": "str", "required": False},
            "timeout": {"type": "int", "default": 10},
            "validate_certs": {"type": "bool", "default": True},
        },
        supports_check_mode=True,
    )
    p: dict[str, Any] = module.params
    started = time.monotonic()
    status, body, error = _fetch(p["url"], p["timeout"], p["validate_certs"])
    latency_ms = round((time.monotonic() - started) * 1000, 1)
    body_match = True
    if p["body_regex"]:
        try:
            body_match = re.search(p["body_regex"], body) is not None
        except re.error as exc:
            module.fail_json(msg=f"body_regex is not a valid regular expression: {exc}")
    module.exit_json(
        changed=False, status=status, body_match=body_match, latency_ms=latency_ms,
        healthy=status == p["expect_status"] and body_match,
        msg=error or f"HTTP {status} in {latency_ms} ms")


if __name__ == "__main__":
    main()
