"""``noc-node check --config FILE`` against a real scheduler on a loopback port: a good config
passes every line (this environment's ansible and ansible-runner found); an unreachable
scheduler, an unwritable data folder, a missing key and Ansible missing from the run's PATH
each fail naming what is wrong, one line per check, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from noc_node.cli import main
from tests.backend.servers import serve_scheduler
from tests.support.services import free_port


@pytest.fixture(autouse=True)
def _no_node_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the config file speaks (the environment would win over it)."""
    for name in [n for n in os.environ if n.startswith("NOC_NODE_")]:
        monkeypatch.delenv(name)


@pytest.fixture(scope="module")
def scheduler_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_scheduler(tmp_path_factory.mktemp("sched")) as served:
        yield served.url


def config(tmp_path: Path, **values: str) -> str:
    path = tmp_path / "node.env"
    path.write_text("".join(f"NOC_NODE_{k.upper()}={v}\n" for k, v in values.items()))
    return str(path)


def good(tmp_path: Path, scheduler_url: str) -> dict[str, str]:
    return {"token": "node-token-0123456789", "data_dir": str(tmp_path / "node"),
            "scheduler_url": scheduler_url}


def run(capsys: pytest.CaptureFixture[str], path: str) -> tuple[int, list[str]]:
    code = main(["check", "--config", path])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out.splitlines()


def test_a_good_config_passes(tmp_path: Path, scheduler_url: str,
                              capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(capsys, config(tmp_path, **good(tmp_path, scheduler_url)))
    assert code == 0, lines
    assert [line.split(":")[0] for line in lines] == [
        "ok   settings", "ok   data", "ok   queue", "ok   scheduler", "ok   ansible"]
    assert "ansible-playbook" in lines[-1]


def test_problems_fail_naming_the_key(tmp_path: Path, scheduler_url: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"  # where the data folder's parent should be: even root fails
    blocker.write_text("")
    nobody = f"http://127.0.0.1:{free_port()}"
    values = {**good(tmp_path, f"{scheduler_url},{nobody}"),
              "data_dir": str(blocker / "node")}
    code, lines = run(capsys, config(tmp_path, **values))
    assert code == 1
    text = "\n".join(lines)
    assert f"FAIL data: NOC_NODE_DATA_DIR: {blocker} is not a folder this user can write" \
        in text
    assert f"ok   scheduler: {scheduler_url} is a scheduler" in text
    assert f"FAIL scheduler: NOC_NODE_SCHEDULER_URL: {nobody} unreachable" in text
    del values["token"]
    code, lines = run(capsys, config(tmp_path, **values))
    assert code == 2
    assert lines == ["FAIL settings: NOC_NODE_TOKEN: Field required"]


def test_ansible_missing_from_the_runs_path_fails(tmp_path: Path, scheduler_url: str) -> None:
    """An interpreter without ansible beside it and a PATH without it: as a node installed
    without ansible-core would find it."""
    bare = tmp_path / "bare" / "bin"
    bare.mkdir(parents=True)
    (bare / "python").symlink_to(Path(sys.executable).resolve())
    done = subprocess.run(
        [str(bare / "python"), "-c", "import sys; from noc_node.cli import main; "
         "sys.exit(main(sys.argv[1:]))", "check", "--config",
         config(tmp_path, **good(tmp_path, scheduler_url))],
        capture_output=True, text=True, timeout=60, check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("FAIL")]
    assert line.startswith("FAIL ansible: ansible, ansible-playbook not found beside")


def test_a_misspelled_key_is_named_with_the_setting_it_resembles(
        tmp_path: Path, scheduler_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Also when the settings are refused: the missing token was given under a wrong name."""
    values = good(tmp_path, scheduler_url)
    values["tokne"] = values.pop("token")
    path = config(tmp_path, **values)
    code, lines = run(capsys, path)
    assert code == 2
    assert lines == ["FAIL settings: NOC_NODE_TOKEN: Field required",
                     f"FAIL unknown setting: NOC_NODE_TOKNE (in {path}) is not a setting and "
                     "is ignored; did you mean NOC_NODE_TOKEN?"]
