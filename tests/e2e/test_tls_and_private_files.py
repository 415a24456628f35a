"""Every listener over TLS by setting alone, and every file a layer writes under ``var/``
private to the service user.

One stack with a self-made CA: the three layers serve https with it and trust only it; a run
goes backend -> scheduler -> node -> scheduler -> backend over TLS; plain http is refused on
every port. Then every file under ``var/`` is 0600 (or stricter) in 0700 directories.
"""

from __future__ import annotations

import ssl
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from noc_devstack import Stack, StackConfig, StackTls, start_stack
from tests.e2e.conftest import ADMIN_PASSWORD
from tests.e2e.flows import created, local_host, procedure, run_now, wait_finished
from tests.support.services import free_port
from tests.support.tls import make_tls_files

pytestmark = pytest.mark.e2e


@pytest.fixture
def tls_stack(tmp_path: Path) -> Iterator[tuple[Stack, Path]]:
    files = make_tls_files(tmp_path / "tls")
    cfg = StackConfig(var_dir=tmp_path / "var", backend_port=free_port(),
                      scheduler_port=free_port(), node_port=free_port(),
                      admin_password=ADMIN_PASSWORD,
                      queue_prefix=f"noc-tls-{uuid.uuid4().hex[:8]}",
                      tls=StackTls(ca=files.ca, cert=files.cert, key=files.key))
    stack = start_stack(cfg)
    try:
        yield stack, files.ca
    finally:
        stack.stop()
        for layer in ("backend", "scheduler", "node"):
            log = cfg.var_dir / "log" / f"{layer}.log"
            if log.exists():
                print(f"----- {layer} log (tail) -----\n{log.read_text()[-3000:]}")


def test_every_hop_runs_over_tls_and_var_is_private(tls_stack: tuple[Stack, Path]) -> None:
    stack, ca = tls_stack
    cfg = stack.config
    assert stack.backend_url.startswith("https://")
    base = f"{stack.backend_url}/api/v1"
    login = httpx.post(f"{base}/auth/login", verify=ssl.create_default_context(cafile=str(ca)),
                       json={"username": "admin", "password": ADMIN_PASSWORD})
    assert login.status_code == 200, login.text
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    with httpx.Client(base_url=base, headers=headers, verify=ssl.create_default_context(cafile=str(ca)), timeout=30) as api:
        local_host(api, "tls-local", "tls")
        proc = created(api.post("/procedures", json=procedure(
            "tls ping", [{"id": "p", "type": "task", "task": "ping"}, {"id": "e", "type": "end"}],
            [("p", "e", "success")], "p")))
        execution = wait_finished(api, run_now(api, proc["id"], group="tls"))
        assert execution["status"] == "success", execution
        nodes = api.get("/nodes")
        assert nodes.status_code == 200 and nodes.json()[0]["name"] == cfg.node_name

    for port in (cfg.backend_port, cfg.scheduler_port, cfg.node_port):
        with pytest.raises(httpx.HTTPError):  # a TLS listener does not speak plain HTTP
            httpx.get(f"http://{cfg.host}:{port}/healthz", timeout=5).raise_for_status()
        with pytest.raises(httpx.ConnectError):  # and a client without the CA does not trust it
            httpx.get(f"https://{cfg.host}:{port}/healthz", timeout=5)

    stack.stop()
    loose: list[str] = []
    for path in [cfg.var_dir, *cfg.var_dir.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if path.is_symlink():
            continue
        if mode & 0o077:
            loose.append(f"{path.relative_to(cfg.var_dir.parent)} {oct(mode)}")
    assert not loose, "files under var/ readable by others:\n" + "\n".join(loose)
