"""The config file the installers write: every key a setting of its layer, read the same by
the layer (pydantic-settings and python-dotenv) as written; secrets generated once and kept;
the peer's tokens taken; an upgrade keeps the admin's lines and values, sets only what the
command line gives and adds only what is missing; the file is 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from dotenv import dotenv_values
from pydantic import SecretStr

from noc_backend.core.config import Settings as BackendSettings
from noc_install import configfile, envfile, options
from noc_install.configfile import Where
from noc_install.envfile import Entry
from noc_install.errors import InstallError
from noc_install.layers import BACKEND, LAYERS, NODE, SCHEDULER, Layer, Setting
from noc_node.core.config import Settings as NodeSettings
from noc_scheduler.core.config import Settings as SchedulerSettings

SETTINGS: dict[str, Any] = {"backend": BackendSettings, "scheduler": SchedulerSettings,
                            "node": NodeSettings}
WHERE = Where("/var/lib/noc/x", "127.0.0.1", 8702)


def counter() -> Any:
    made: list[str] = []

    def secret(key: str) -> str:
        made.append(key)
        return configfile.fernet_key() if key.endswith("SECRETS_KEY") else f"{key.lower()}-{len(made)}-secret-value"
    return secret


def fresh(layer: Layer, argv: list[str] | None = None, **environ: str) -> configfile.Plan:
    extra = ["--no-register"] if layer.name == "node" else []
    opts = options.parse(layer, [*(argv or []), *extra])
    return configfile.plan(opts, WHERE, None, {}, secret=counter(), environ=environ)


@pytest.mark.parametrize("layer", list(LAYERS.values()), ids=list(LAYERS))
def test_every_key_is_a_setting_of_its_layer(layer: Layer) -> None:
    fields = set(SETTINGS[layer.name].model_fields)
    for setting in layer.settings:
        assert setting.name.lower() in fields, f"{layer.key(setting.name)} is not a setting"


@pytest.mark.parametrize("layer", list(LAYERS.values()), ids=list(LAYERS))
def test_the_written_file_is_what_the_layer_reads(layer: Layer, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in os.environ if n.startswith(layer.prefix)]:
        monkeypatch.delenv(name)
    plan = fresh(layer, NOC_INSTALL_ADMIN_PASSWORD="first-admin-password")
    path = tmp_path / f"{layer.name}.env"
    envfile.write_private(path, plan.text)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert {k: v or "" for k, v in dotenv_values(path).items()} == plan.values
    settings = SETTINGS[layer.name](_env_file=path)  # every generated secret is accepted
    key = getattr(settings, "secrets_key", None)
    if key is not None:
        Fernet(key.get_secret_value().encode())
    assert settings.metrics_token is not None


def test_a_first_install_generates_each_secret_and_takes_the_admin_password() -> None:
    plan = fresh(BACKEND, NOC_INSTALL_ADMIN_PASSWORD="first-admin-password")
    assert set(plan.generated) == {f"NOC_BACKEND_{k}" for k in BACKEND.secrets}
    assert plan.values["NOC_BACKEND_BOOTSTRAP_ADMIN_PASSWORD"] == "first-admin-password"
    assert plan.values["NOC_BACKEND_DATABASE_URL"] == "sqlite:////var/lib/noc/x/backend.db"
    generated = fresh(BACKEND)  # no password given: one is generated (and the admin told)
    assert "NOC_BACKEND_BOOTSTRAP_ADMIN_PASSWORD" in generated.generated
    assert len(generated.values["NOC_BACKEND_BOOTSTRAP_ADMIN_PASSWORD"]) >= 20


def test_the_peer_tokens_are_taken_and_must_be_there() -> None:
    backend = fresh(BACKEND)
    peer_text = envfile.render("the backend", [Entry(k, v, "") for k, v in
                                               backend.values.items()])
    taken = configfile.peer_tokens(SCHEDULER, peer_text, "backend.env")
    opts = options.parse(SCHEDULER, [])
    plan = configfile.plan(opts, WHERE, None, taken, secret=counter(), environ={})
    assert plan.values["NOC_SCHEDULER_API_TOKEN"] == backend.values["NOC_BACKEND_SCHEDULER_TOKEN"]
    assert plan.values["NOC_SCHEDULER_BACKEND_TOKEN"] == backend.values[
        "NOC_BACKEND_INTERNAL_TOKEN"]
    assert "NOC_SCHEDULER_API_TOKEN" not in plan.generated
    with pytest.raises(InstallError) as caught:
        configfile.peer_tokens(SCHEDULER, "NOC_BACKEND_SCHEDULER_TOKEN=x\n", "b.env")
    assert "NOC_BACKEND_INTERNAL_TOKEN" in caught.value.message


def test_an_upgrade_keeps_the_file_and_sets_only_what_is_given() -> None:
    first = fresh(NODE, ["--name", "rio-1"])
    edited = first.text.replace("NOC_NODE_WORKERS=4", "# my own note\nNOC_NODE_WORKERS=9")
    edited = edited.replace("NOC_NODE_METRICS_TOKEN=", "# NOC_NODE_METRICS_TOKEN=")  # gone
    edited += "NOC_NODE_SMTP_HOST=mail.example\n"
    opts = options.parse(NODE, ["--upgrade", "--scheduler-url", "http://sched.example:8701"])
    again = configfile.plan(opts, WHERE, edited, {}, secret=counter(), environ={})
    assert again.values["NOC_NODE_TOKEN"] == first.values["NOC_NODE_TOKEN"]  # kept
    assert again.values["NOC_NODE_NAME"] == "rio-1"
    assert again.values["NOC_NODE_WORKERS"] == "9" and "# my own note" in again.text
    assert again.values["NOC_NODE_SMTP_HOST"] == "mail.example"
    assert again.values["NOC_NODE_SCHEDULER_URL"] == "http://sched.example:8701"
    assert again.changed == ["NOC_NODE_SCHEDULER_URL"]
    assert again.generated == ["NOC_NODE_METRICS_TOKEN"]  # missing: added, the rest kept
    assert again.text.count("NOC_NODE_SCHEDULER_URL=") == 1
    assert "added by installers/node/install" in again.text
    unchanged = configfile.plan(options.parse(NODE, ["--upgrade"]), WHERE, again.text, {},
                                secret=counter(), environ={})
    assert unchanged.text == again.text and unchanged.generated == []


def test_the_admin_password_is_never_added_to_a_file_already_there() -> None:
    first = fresh(BACKEND)
    without = "\n".join(line for line in first.text.splitlines()
                        if not line.startswith("NOC_BACKEND_BOOTSTRAP_ADMIN_PASSWORD"))
    again = configfile.plan(options.parse(BACKEND, ["--upgrade"]), WHERE, without, {},
                            secret=counter(), environ={"NOC_INSTALL_ADMIN_PASSWORD": "x" * 12})
    assert "NOC_BACKEND_BOOTSTRAP_ADMIN_PASSWORD" not in again.values


@pytest.mark.parametrize(("value", "written"), [
    ("sqlite:////var/lib/noc/b.db", "sqlite:////var/lib/noc/b.db"),
    ("postgresql://noc:p%40ss@db:5432/noc", "postgresql://noc:p%40ss@db:5432/noc"),
    ("a $HOME b#c", "'a $HOME b#c'"),
    ("", ""),
])
def test_values_are_quoted_so_both_readers_agree(value: str, written: str,
                                                 tmp_path: Path) -> None:
    assert envfile.quoted(value) == written
    path = tmp_path / "x.env"
    path.write_text(envfile.render("h", [Entry("NOC_X", value, "what it is")]))
    assert (dotenv_values(path)["NOC_X"] or "") == value == envfile.parse(path.read_text())["NOC_X"]


def test_a_value_no_quoting_keeps_is_refused() -> None:
    for bad in ("it's", "two\nlines"):
        with pytest.raises(ValueError, match="single quote"):
            envfile.quoted(bad)


def test_write_private_replaces_a_looser_file(tmp_path: Path) -> None:
    path = tmp_path / "etc" / "node.env"
    path.parent.mkdir()
    path.write_text("old")
    path.chmod(0o644)
    envfile.write_private(path, "NOC_NODE_TOKEN=x\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text() == "NOC_NODE_TOKEN=x\n"
    assert [p.name for p in path.parent.iterdir()] == ["node.env"]


def installers_choice(layer: Layer, setting: Setting) -> bool:
    """Keys whose installed value is the installer's, not the layer's default: generated
    secrets and the first admin password, places under --data-dir, the node's name and URL."""
    return (setting.name in layer.secrets or setting.name == "BOOTSTRAP_ADMIN_PASSWORD"
            or "{data}" in setting.default
            or (layer.name == "node" and setting.name in ("NAME", "URL")))


def empty(value: object) -> bool:
    return value in (None, "") or (isinstance(value, SecretStr) and not value.get_secret_value())


@pytest.mark.parametrize("layer", list(LAYERS.values()), ids=list(LAYERS))
def test_the_defaults_the_file_shows_are_the_layers_own(layer: Layer, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A commented key "takes its default": the value shown must be what the layer uses when
    the key is absent. Each shown default is read by the layer's Settings as written (the
    file's text, the layer's types) and compared with the Settings' own default."""
    for name in [n for n in os.environ if n.startswith(layer.prefix)]:
        monkeypatch.delenv(name)
    plan = fresh(layer)
    shown = [s for s in layer.settings if not installers_choice(layer, s)]
    assert len(shown) >= 10
    lines = [f"{layer.key(s.name)}={envfile.quoted(s.default)}" for s in shown if s.default]
    path = tmp_path / "defaults.env"
    path.write_text(plan.text + "\n".join(lines) + "\n")
    read = SETTINGS[layer.name](_env_file=path)
    fields = SETTINGS[layer.name].model_fields
    for setting in shown:
        own = fields[setting.name.lower()].default
        if not setting.default:
            assert empty(own), f"{layer.key(setting.name)}: shown empty, the layer's is {own!r}"
            continue
        assert getattr(read, setting.name.lower()) == own, (
            f"{layer.key(setting.name)}: shown {setting.default!r}, the layer's is {own!r}")
