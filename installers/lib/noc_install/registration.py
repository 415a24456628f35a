"""The node registers itself with its scheduler through the backend's public API: an admin's
login, ``POST /api/v1/nodes`` (the backend passes it to the scheduler and audits it), logout.
The password comes from ``NOC_INSTALL_ADMIN_PASSWORD`` or a prompt, never the command line."""

from __future__ import annotations

import contextlib
import getpass
import json
import ssl
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from noc_install.configfile import ADMIN_PASSWORD_ENV
from noc_install.errors import InstallError, usage

TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Registration:
    name: str
    url: str
    token: str
    capacity: int | None
    labels: dict[str, str]

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"name": self.name, "url": self.url, "token": self.token}
        if self.capacity is not None:
            body["capacity"] = self.capacity
        if self.labels:
            body["labels"] = self.labels
        return body


def admin_password(environ: dict[str, str]) -> str:
    password = environ.get(ADMIN_PASSWORD_ENV, "")
    if password:
        return password
    if not sys.stdin.isatty():
        raise usage(f"registering the node needs the admin's password: set "
                    f"{ADMIN_PASSWORD_ENV} or run the installer in a terminal")
    return getpass.getpass("password of the admin registering the node: ")


def _error_text(error: urllib.error.HTTPError) -> str:
    try:
        body = json.loads(error.read().decode("utf-8", "replace"))["error"]
        fields = [f"{d.get('field')}: {d.get('message')}" for d in body.get("details", [])
                  if d.get("field")]
        return str(body["message"]) + (f" ({'; '.join(fields)})" if fields else "")
    except (ValueError, KeyError, TypeError):
        return f"HTTP {error.code}"


class Backend:
    """The few calls the installer makes to the backend's API v1."""

    def __init__(self, url: str, ca_file: Path | None) -> None:
        self.base = url.rstrip("/") + "/api/v1"
        self.context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
        self.token = ""

    def call(self, method: str, path: str, body: dict[str, Any] | None) -> dict[str, Any]:
        request = urllib.request.Request(  # noqa: S310 - http(s) URLs only (options.check)
            self.base + path, method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json",
                     **({"Authorization": f"Bearer {self.token}"} if self.token else {})})
        try:
            with urllib.request.urlopen(  # noqa: S310
                    request, timeout=TIMEOUT_S,
                    context=self.context if self.base.startswith("https") else None) as answer:
                data: dict[str, Any] = json.loads(answer.read() or b"{}")
                return data
        except urllib.error.HTTPError as exc:
            raise InstallError(f"the backend refused {method} {path}: {_error_text(exc)}") from exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise InstallError(f"the backend at {self.base} cannot be reached: {exc}") from exc


def register(backend_url: str, ca_file: Path | None, admin: str, password: str,
             node: Registration) -> dict[str, Any]:
    """The node as the scheduler registered it (``NodeInfo``)."""
    backend = Backend(backend_url, ca_file)
    login = backend.call("POST", "/auth/login", {"username": admin, "password": password})
    backend.token = str(login.get("access_token", ""))
    try:
        return backend.call("POST", "/nodes", node.body())
    finally:
        with contextlib.suppress(InstallError):  # else the session expires on its own
            backend.call("POST", "/auth/logout", {})
