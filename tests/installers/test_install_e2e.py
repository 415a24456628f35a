"""The three server installers as an admin runs them on one machine, with ``--no-systemd``:
install backend, scheduler and node into temporary prefixes from the offline wheel folder
(``make wheels``; nothing is fetched here), start each from its installed files
(``<prefix>/bin/noc-<layer> serve --config ...``) on SQLite + SqliteHuey under tmp, the node
registered by its installer through the backend; run a procedure through the REST API on a
``local`` host; ``--upgrade`` each (config and data kept), run again; ``--uninstall`` (data and
config kept). The slow test of the installers (a few minutes: three venvs, reinstalled once)."""

from __future__ import annotations

import os
import pwd
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from noc_devstack.stack import stop_processes, wait_healthy
from tests.e2e.flows import created, local_host, procedure, run_now, wait_finished
from tests.support.services import free_port

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]

REPO = Path(__file__).resolve().parents[2]
WHEELS = Path(os.environ.get("NOC_TEST_WHEELS", REPO / "build" / "wheels"))
ADMIN_PASSWORD = "installer-admin-pw-1"
ROOT = os.geteuid() == 0


@pytest.fixture(scope="module")
def wheels() -> Path:
    if not any(WHEELS.glob("noc_node-*.whl")):
        if os.environ.get("CI"):
            pytest.fail(f"no wheel folder at {WHEELS}: `make wheels` builds it (make test does)")
        pytest.skip(f"no wheel folder at {WHEELS}: run `make wheels`")
    return WHEELS


@dataclass
class Layer:
    name: str
    root: Path
    port: int

    @property
    def prefix(self) -> Path:
        return self.root / "opt" / self.name

    @property
    def config(self) -> Path:
        return self.root / "etc" / f"{self.name}.env"

    @property
    def data(self) -> Path:
        return self.root / "data" / self.name

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def args(self) -> list[str]:
        return ["--prefix", str(self.prefix), "--config", str(self.config), "--data-dir",
                str(self.data)]


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOC_")}
    env["NOC_INSTALL_ADMIN_PASSWORD"] = ADMIN_PASSWORD
    return env


def installer(layer: Layer, *argv: str) -> str:
    """``installers/<layer>/install`` run as an admin would (its own shebang's python3), with a
    hardened server's umask (077): what it makes must not depend on it."""
    done = subprocess.run([str(REPO / "installers" / layer.name / "install"), *argv],
                          env=clean_env(), capture_output=True, text=True, timeout=600,
                          umask=0o077)
    assert done.returncode == 0, f"{layer.name} installer:\n{done.stdout}\n{done.stderr}"
    assert ADMIN_PASSWORD not in done.stdout + done.stderr
    return done.stdout


@dataclass
class Servers:
    layers: dict[str, Layer]
    stack: ExitStack

    def start(self, *names: str) -> None:
        procs = []
        for name in names:
            layer = self.layers[name]
            log = layer.root / f"{name}.log"
            with log.open("ab") as out:
                proc = subprocess.Popen(
                    [str(layer.prefix / "bin" / f"noc-{name}"), "serve", "--config",
                     str(layer.config), "--host", "127.0.0.1", "--port", str(layer.port)],
                    cwd=layer.data, env=clean_env(), stdout=out, stderr=subprocess.STDOUT,
                    start_new_session=True)
            procs.append(proc)
            self.stack.callback(stop_processes, [proc], 20)
            wait_healthy(layer.url, proc, log, timeout=90)
        self.running = procs

    def stop(self) -> None:
        stop_processes(self.running, 20)


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[Servers]:
    layers = {name: Layer(name, tmp_path, free_port())
              for name in ("backend", "scheduler", "node")}
    with ExitStack() as stack:
        yield Servers(layers, stack)
        for name in layers:
            log = tmp_path / f"{name}.log"
            if log.exists():
                print(f"----- {name} log (tail) -----\n{log.read_text()[-3000:]}")


def api(backend: Layer) -> httpx.Client:
    base = f"{backend.url}/api/v1"
    login = httpx.post(f"{base}/auth/login", timeout=30,
                       json={"username": "admin", "password": ADMIN_PASSWORD})
    assert login.status_code == 200, login.text
    return httpx.Client(base_url=base, timeout=30, headers={
        "Authorization": f"Bearer {login.json()['access_token']}"})


def wait_node_up(client: httpx.Client, name: str) -> dict[str, object]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        nodes = {n["name"]: n for n in client.get("/nodes").json()}
        if name in nodes and nodes[name]["health"] == "up":
            return dict(nodes[name])
        time.sleep(0.3)
    raise AssertionError(f"node {name} never came up: {client.get('/nodes').text}")


def run_once(client: httpx.Client, procedure_id: int, marker: Path) -> None:
    execution = wait_finished(client, run_now(client, procedure_id, group="lab"), timeout=120)
    assert execution["status"] == "success", execution
    assert marker.is_dir()


def test_install_run_upgrade_run_uninstall(wheels: Path, servers: Servers,
                                           tmp_path: Path) -> None:
    backend, scheduler, node = (servers.layers[n] for n in ("backend", "scheduler", "node"))
    me = pwd.getpwuid(os.getuid()).pw_name  # tests never create system users
    common = ["--no-systemd", "--user", me, "--wheels", str(wheels)]
    said = installer(backend, *backend.args(), *common, "--port", str(backend.port),
                     "--scheduler-url", scheduler.url)
    assert "database: applied" in said and "generated once" in said
    installer(scheduler, *scheduler.args(), *common, "--port", str(scheduler.port),
              "--backend-url", backend.url, "--peer-config", str(backend.config))
    for layer in (backend, scheduler):  # root's, the service's group reads it; else 0600
        assert oct(layer.config.stat().st_mode & 0o777) == ("0o640" if ROOT else "0o600")
        assert layer.config.stat().st_uid == os.getuid()
        assert oct(layer.config.parent.stat().st_mode & 0o777) == "0o755"  # not umask 077's
        assert oct(layer.prefix.stat().st_mode & 0o777) == "0o755"
        assert oct(layer.data.stat().st_mode & 0o777) == "0o700"
    servers.start("backend", "scheduler")
    said = installer(node, *node.args(), *common, "--port", str(node.port), "--scheduler-url",
                     scheduler.url, "--backend-url", backend.url, "--name", "lab-1",
                     "--label", "site=lab", "--capacity", "4")
    assert "registered node lab-1" in said
    servers.start("node")
    client = api(backend)
    assert wait_node_up(client, "lab-1")["labels"] == {"site": "lab"}

    marker = tmp_path / "made-by-the-procedure"
    local_host(client, "self", "lab",
               ansible_python_interpreter=str(node.prefix / "bin" / "python"))
    made = created(client.post("/procedures", json=procedure(
        "installed", [{"id": "mkdir", "type": "task", "task": "file",
                       "params": {"path": str(marker), "state": "directory"}},
                      {"id": "done", "type": "end", "result": "success"}],
        [("mkdir", "done", "success")], "mkdir")))
    run_once(client, made["id"], marker)
    client.close()
    servers.stop()

    configs = {n: servers.layers[n].config.read_text() for n in servers.layers}
    for layer in (backend, scheduler, node):
        said = installer(layer, "--upgrade", "--prefix", str(layer.prefix), "--wheels",
                         str(wheels))
        assert "reinstalled" in said and "values unchanged" in said
        assert layer.config.read_text() == configs[layer.name]  # secrets and all kept
    marker.rmdir()
    servers.start("backend", "scheduler", "node")
    client = api(backend)  # the admin (and every row) kept
    assert [e["status"] for e in client.get("/executions").json()["data"]] == ["success"]
    wait_node_up(client, "lab-1")
    run_once(client, made["id"], marker)
    client.close()
    servers.stop()

    for layer in (backend, scheduler, node):
        said = installer(layer, "--uninstall", "--prefix", str(layer.prefix))
        assert not layer.prefix.exists()
        assert layer.config.read_text() == configs[layer.name]
        assert "kept: config" in said
    assert (backend.data / "backend.db").exists() and (scheduler.data / "scheduler.db").exists()
