"""Inventory values reach Ansible as literal text, on task runs and on connection tests alike.

A real node (uvicorn) runs a task and a probe over real sshd hosts whose inventory entries
carry templates and a ProxyCommand that would each create a marker file if anything on the
node evaluated or executed them: no marker may ever appear, whatever each step's status.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from noc_contracts import REVEAL
from noc_node.core.config import Settings
from tests.node.conftest import PY, serve, task
from tests.node.receiver import Receiver
from tests.support.sshd import SshHost, start_sshd_hosts

pytestmark = pytest.mark.sshd
RESULTS = "/internal/v1/results"


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshHost]:
    with start_sshd_hosts(tmp_path_factory.mktemp("sshd"), ["127.0.0.2"]) as hosts:
        yield hosts[0]


class Markers:
    """Unique marker paths in /tmp, and the templates/commands that would create them."""

    def __init__(self) -> None:
        self.tag = uuid.uuid4().hex[:10]
        self.paths: dict[str, Path] = {}

    def path(self, what: str) -> Path:
        return self.paths.setdefault(what, Path(f"/tmp/noc-data-{self.tag}-{what}"))

    def lookup(self, what: str) -> str:
        return "{{ lookup('pipe', 'touch " + str(self.path(what)) + "') }}"

    def word(self, what: str) -> str:
        """The same template without spaces (addresses and users may not hold any)."""
        return "{{lookup('pipe','touch${IFS}" + str(self.path(what)) + "')}}"

    def appeared(self) -> list[str]:
        return sorted(what for what, path in self.paths.items() if path.exists())

    def remove(self) -> None:
        for path in self.paths.values():
            path.unlink(missing_ok=True)


@pytest.fixture
def markers() -> Iterator[Markers]:
    found = Markers()
    yield found
    found.remove()


def hostile_hosts(sshd: SshHost, m: Markers) -> list[dict[str, Any]]:
    """One host entry per attack; all point at the real sshd with the right key."""
    base: dict[str, Any] = {"address": sshd.address, "port": sshd.port, "user": sshd.user,
                            "credential": {"name": "k", "kind": "ssh_key",
                                           "private_key": sshd.private_key}}

    def host(name: str, **changes: Any) -> dict[str, Any]:
        entry = dict(base, name=name, vars=dict(PY))
        entry["vars"].update(changes.pop("vars", {}))
        entry.update(changes)
        return entry

    return [
        host("plain-var", vars={"motd": m.lookup("host-var"),
                                "nested": {"k": [m.lookup("nested-var")]}}),
        host("group-var", vars={"site": m.lookup("group-var")}),  # group vars arrive merged
        host("interpreter", vars={"ansible_python_interpreter": m.lookup("interpreter")}),
        host("remote-tmp", vars={"ansible_remote_tmp": m.lookup("remote-tmp")}),
        host("common-args", vars={"ansible_ssh_common_args": m.lookup("common-args")}),
        host("extra-args", vars={"ansible_ssh_extra_args": m.lookup("extra-args")}),
        host("proxy", vars={"ansible_ssh_common_args":
                            f"-o ProxyCommand='touch {m.path('proxy-command')}'"}),
        host("address", address=m.word("address")),
        host("user", user=m.word("user")),
        host(m.lookup("name")),
    ]


def test_inventory_values_never_execute_on_a_run_or_a_probe(
        make_settings: Callable[..., Settings], receiver: Receiver, sshd: SshHost,
        markers: Markers) -> None:
    hosts = hostile_hosts(sshd, markers)
    with serve(make_settings(scheduler_url=receiver.url)) as client:
        request = task("t-data", "command", {"cmd": "echo reached"}, hosts)
        body = request.model_dump(mode="json", by_alias=True, context=REVEAL)
        assert client.post("/tasks", json=body).status_code == 202
        names = {h["name"] for h in hosts}
        deadline = time.monotonic() + 90
        while set(receiver.host_results("t-data")) != names:
            assert time.monotonic() < deadline, receiver.host_results("t-data")
            time.sleep(0.1)
        run = receiver.host_results("t-data")
        probe = client.post("/probe", json={"hosts": body["hosts"], "timeout_s": 30})
        assert probe.status_code == 200, probe.text
        probed = {r["host"]: r for r in probe.json()["results"]}

    assert markers.appeared() == []
    for results in (run, probed):
        assert set(results) == {h["name"] for h in hosts}
        status = {name: r["status"] for name, r in results.items()}
        # literal, harmless values: the host runs and the text stays text
        assert status["plain-var"] == status["group-var"] == "ok", results
        assert status[markers.lookup("name")] == "ok"  # the name is the host's name, verbatim
        # literal values that cannot work: the step fails, nothing runs
        for name in ("interpreter", "address", "user"):
            assert status[name] != "ok", results[name]
        assert "lookup('pipe'" in results["interpreter"]["msg"]  # shown as text, not run
        for name in ("common-args", "extra-args", "proxy"):  # refused by the node up front
            assert status[name] == "error", results[name]
            assert "ansible_ssh_" in results[name]["msg"]
    assert run["plain-var"]["stdout"] == "reached"
