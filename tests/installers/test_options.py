"""The installers' command line: every refusal exits 2 naming the option, before anything on
the machine changes, and never with a traceback; the installer runs on the standard library
alone (the system python3, before any venv exists)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from noc_install import options
from noc_install.errors import USAGE, InstallError
from noc_install.layers import BACKEND, NODE, SCHEDULER, Layer

REPO = Path(__file__).resolve().parents[2]
LIB = REPO / "installers" / "lib" / "noc_install"


def refused(layer: Layer, argv: list[str]) -> str:
    with pytest.raises(InstallError) as caught:
        options.parse(layer, argv)
    assert caught.value.status == USAGE
    return caught.value.message


@pytest.mark.parametrize(("layer", "argv", "named"), [
    (BACKEND, ["--port", "70000"], "--port"),
    (BACKEND, ["--prefix", "relative/dir"], "--prefix"),
    (BACKEND, ["--config", "backend.env"], "--config"),
    (BACKEND, ["--purge"], "--purge"),
    (BACKEND, ["--user", "Bad User"], "--user"),
    (BACKEND, ["--host", "a b"], "--host"),
    (BACKEND, ["--scheduler-url", "ftp://x"], "--scheduler-url"),
    (BACKEND, ["--database-url", "mysql://x/y"], "--database-url"),
    (BACKEND, ["--peer-config", "/nonexistent/scheduler.env"], "--peer-config"),
    (SCHEDULER, ["--backend-url", "not a url"], "--backend-url"),
    (SCHEDULER, ["--queue-url", "amqp://x"], "--queue-url"),
    (SCHEDULER, ["--wheels", "/nonexistent/wheels"], "--wheels"),
    (NODE, ["--no-register", "--label", "site"], "--label"),
    (NODE, ["--no-register", "--label", "site=rio", "--label", "site=sp"], "--label"),
    (NODE, ["--no-register", "--name", "bad name"], "--name"),
    (NODE, ["--no-register", "--capacity", "0"], "--capacity"),
    (NODE, ["--no-register", "--url", "http://a:1,http://b:2"], "--url"),
    (NODE, [], "--backend-url"),  # a fresh node is registered unless told not to
])
def test_a_bad_option_is_refused_naming_it(layer: Layer, argv: list[str], named: str) -> None:
    assert named in refused(layer, argv)


def test_good_options_are_read() -> None:
    opts = options.parse(NODE, ["--backend-url", "https://noc.example/", "--label", "site=rio",
                                "--label", "zone=dmz", "--capacity", "8", "--no-systemd",
                                "--prefix", "/opt/x", "--scheduler-url", "http://a:1, http://b:2/"])
    assert (opts.mode, opts.systemd, opts.capacity) == ("install", False, 8)
    assert opts.labels == {"site": "rio", "zone": "dmz"}
    assert opts.backend_url == "https://noc.example"
    assert opts.scheduler_url == "http://a:1,http://b:2"
    assert options.parse(NODE, ["--upgrade"]).mode == "upgrade"  # registering is optional there
    assert options.parse(BACKEND, ["--uninstall", "--purge"]).purge is True


def test_options_a_layer_does_not_have_are_refused_by_argparse() -> None:
    with pytest.raises(SystemExit) as caught:
        options.parse(BACKEND, ["--label", "site=rio"])
    assert caught.value.code == 2


def _imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_the_installer_imports_only_the_standard_library() -> None:
    files = sorted(LIB.glob("*.py"))
    assert len(files) > 5
    for path in files:
        foreign = _imported_roots(path) - set(sys.stdlib_module_names) - {"noc_install"}
        assert not foreign, f"{path.name} imports {foreign}"


@pytest.mark.parametrize("layer", ["backend", "scheduler", "node"])
def test_each_installer_runs_without_site_packages_and_refuses_cleanly(layer: str) -> None:
    """``-S -I``: no site-packages, no PYTHONPATH: the system python3 before any venv."""
    script = REPO / "installers" / layer / "install"
    done = subprocess.run([sys.executable, "-S", "-I", str(script), "--port", "0"],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == f"installers/{layer}/install: --port: 0 is not a port (1-65535)"
    assert "Traceback" not in done.stderr
    helped = subprocess.run([sys.executable, "-S", "-I", str(script), "--help"],
                            capture_output=True, text=True, timeout=30)
    assert helped.returncode == 0 and "--upgrade" in helped.stdout
    assert "NOC_INSTALL_ADMIN_PASSWORD" in helped.stdout


def test_an_upgrade_keeps_what_the_install_chose_unless_given_again() -> None:
    from noc_install import actions, state

    installed = state.State(layer="backend", config="/srv/etc/b.env", data_dir="/srv/b",
                            user="svc", user_created=False, host="0.0.0.0", port=9700,
                            systemd=False, unit="noc-backend.service", installed_at="x")
    kept = actions.target(options.parse(BACKEND, ["--upgrade"]), installed)
    assert (kept.systemd, kept.host, kept.port, kept.user) == (False, "0.0.0.0", 9700, "svc")
    assert (str(kept.config), str(kept.data_dir)) == ("/srv/etc/b.env", "/srv/b")
    moved = actions.target(options.parse(BACKEND, ["--upgrade", "--port", "9800"]), installed)
    assert moved.port == 9800 and moved.systemd is False
    fresh = actions.target(options.parse(BACKEND, []), None)
    assert (fresh.systemd, fresh.port, str(fresh.config)) == (True, 8700, "/etc/noc/backend.env")


def test_more_labels_than_a_node_may_have_are_refused_before_anything() -> None:
    from noc_contracts.nodes import MAX_LABELS

    words = [f"--label=k{i}=v" for i in range(MAX_LABELS + 1)]
    assert "--label" in refused(NODE, ["--no-register", *words])
    assert len(options.parse(NODE, ["--no-register", *words[:-1]]).labels) == MAX_LABELS


# The installer runs before any venv, so it keeps its own copies of the rules the registration
# meets in the backend (noc_contracts, pydantic): they must refuse what the contracts refuse,
# else the node is installed and only then refused at its registration.
@pytest.mark.parametrize("word", [
    "site=rio", "a=", "a.b_c-d=x.y", "-a=x", "a-=x", "a=-x", "a b=x", "site=rio sul",
    "k" * 63 + "=v", "k" * 64 + "=v", "a=" + "v" * 64, "é=x", "a=x=y"])
def test_the_installers_labels_are_the_contracts(word: str) -> None:
    from noc_contracts import parse_labels

    try:
        parse_labels([word])
        contract = True
    except ValueError:
        contract = False
    try:
        options.parse(NODE, ["--no-register", f"--label={word}"])
        installer = True
    except InstallError:
        installer = False
    assert installer == contract


@pytest.mark.parametrize("name", ["rio-1", "r", "a.b_c-d", "-a", "a b", "n" * 100, "n" * 101,
                                  "é", ".a"])
def test_the_installers_node_names_are_the_contracts(name: str) -> None:
    from pydantic import ValidationError

    from noc_contracts import NodeRegistration

    try:
        NodeRegistration(name=name, url="http://127.0.0.1:9", token="t" * 16)
        contract = True
    except ValidationError:
        contract = False
    try:
        options.parse(NODE, ["--no-register", f"--name={name}"])
        installer = True
    except InstallError:
        installer = False
    assert installer == contract


def test_the_installers_capacity_bound_is_the_contracts() -> None:
    from noc_contracts.nodes import MAX_CAPACITY

    assert options.parse(NODE, ["--no-register", "--capacity", str(MAX_CAPACITY)]).capacity
    assert "--capacity" in refused(NODE, ["--no-register", "--capacity", str(MAX_CAPACITY + 1)])
