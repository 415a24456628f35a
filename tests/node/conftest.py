"""Fixtures for the node tests: settings in a temp data dir, a fake scheduler, a live node."""

from __future__ import annotations

import base64
import io
import ssl
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from noc_contracts import TaskRequest
from noc_node.app import create_app
from noc_node.cli import uvicorn_options
from noc_node.core.config import Settings
from tests.node.receiver import Receiver, run_receiver
from tests.support.server import ServerThread

TOKEN = "node-test-token-0123456789"
#: the discovered interpreter on this machine may be a pyenv shim: pin a real one
PY = {"ansible_python_interpreter": "/usr/bin/python3"}


def local_host(name: str = "me", **extra: Any) -> dict[str, Any]:
    return {"name": name, "address": "localhost", "connection": "local", "vars": dict(PY),
            **extra}


def zip_files(zip_data: bytes) -> dict[str, bytes]:
    """The files of a module payload's base64 zip."""
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(zip_data))) as payload:
        return {name: payload.read(name) for name in payload.namelist()}


def payload_files(entry: Path) -> dict[str, bytes]:
    """The files of a module payload as Ansible caches it (its pickled ``_CachedModule``)."""
    import ansible.cli  # noqa: F401  # first, as Ansible does (module_common alone cycles)
    from ansible.executor.module_common import _CachedModule

    return zip_files(_CachedModule.load(str(entry)).zip_data)


def task(task_id: str, task_type: str, params: dict[str, Any], hosts: list[dict[str, Any]],
         **extra: Any) -> TaskRequest:
    return TaskRequest.model_validate({"task_id": task_id, "execution_id": "ex-1",
                                       "step_id": "step", "task_type": task_type,
                                       "params": params, "hosts": hosts, **extra})


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with run_receiver() as rec:
        yield rec


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {"token": TOKEN, "data_dir": tmp_path / "node",
                                  "heartbeat_s": 0.2, "retry_base_s": 0.1, "retry_max_s": 0.5,
                                  "workers": 2}
        values.update(overrides)
        return Settings(**values)
    return make


@contextmanager
def serve(settings: Settings, verify: ssl.SSLContext | bool = True) -> Iterator[httpx.Client]:
    """The node app under a real uvicorn on an ephemeral port; yields an authorised client.

    With TLS settings it serves https (as ``noc-node serve`` does); ``verify`` is how the
    client checks its certificate.
    """
    server = ServerThread(create_app(settings), stop_timeout_s=60, **uvicorn_options(settings))
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with server, httpx.Client(base_url=server.url, verify=verify, timeout=30,
                              headers=headers) as client:
        yield client
