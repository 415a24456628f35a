"""The settings given to make run: each layer's reach it over the stack's defaults, the few the
stack owns are ignored with why, and no value is ever printed."""

from pathlib import Path

from noc_devstack import StackConfig, load_or_create_secrets
from noc_devstack.given_settings import OWNED, layer_of, report, split_given
from noc_devstack.stack import layer_env, process_env

GIVEN = {
    "NOC_NODE_SMTP_HOST": "smtp.example.test",
    "NOC_NODE_SMTP_PASSWORD": "smtp-secret-value",
    "NOC_NODE_TELEGRAM_BOT_TOKEN": "42:telegram-secret",
    "NOC_SCHEDULER_DATABASE_URL": "postgresql://db.example.test/noc",
    "NOC_BACKEND_TOKEN_TTL_S": "600",
    "NOC_NODE_TOKEN": "given-node-token",
    "NOC_BACKEND_SCHEDULER_URL": "http://elsewhere:1",
    "NOC_NODE_TLS_CERT_FILE": "/etc/cert.pem",
    "NOC_NODES_SMTP_HOST": "typo",
    "NOC_RUN_BASE_PORT": "9000",
    "NOC_BOOTSTRAP_ADMIN_PASSWORD": "admin-secret",
    "PATH": "/usr/bin",
}


def test_each_layer_gets_its_own_settings_and_owned_ones_are_ignored_with_why() -> None:
    given = split_given(GIVEN)
    assert given.layers == {
        "backend": {"NOC_BACKEND_TOKEN_TTL_S": "600"},
        "scheduler": {"NOC_SCHEDULER_DATABASE_URL": "postgresql://db.example.test/noc"},
        "node": {"NOC_NODE_SMTP_HOST": "smtp.example.test",
                 "NOC_NODE_SMTP_PASSWORD": "smtp-secret-value",
                 "NOC_NODE_TELEGRAM_BOT_TOKEN": "42:telegram-secret"},
    }
    ignored = dict(given.ignored)
    assert set(ignored) == {"NOC_NODE_TOKEN", "NOC_BACKEND_SCHEDULER_URL",
                            "NOC_NODE_TLS_CERT_FILE", "NOC_NODES_SMTP_HOST"}
    assert "inter-layer token" in ignored["NOC_NODE_TOKEN"]
    assert "ports" in ignored["NOC_BACKEND_SCHEDULER_URL"]
    assert "plain HTTP" in ignored["NOC_NODE_TLS_CERT_FILE"]
    assert "not a setting" in ignored["NOC_NODES_SMTP_HOST"]


def test_the_report_names_variables_and_never_their_values() -> None:
    lines = report(split_given(GIVEN))
    text = "\n".join(lines)
    assert ("node gets NOC_NODE_SMTP_HOST, NOC_NODE_SMTP_PASSWORD, NOC_NODE_TELEGRAM_BOT_TOKEN"
            in lines)
    assert any(line.startswith("ignored NOC_NODE_TOKEN: ") for line in lines)
    for name, value in GIVEN.items():
        if name.startswith("NOC_"):
            assert value not in text, name


def test_only_a_layers_prefix_with_a_name_after_it_is_a_setting() -> None:
    assert layer_of("NOC_SCHEDULER_WORKERS") == "scheduler"
    assert layer_of("NOC_NODE_") is None
    assert layer_of("NOC_DESKTOP_X") is None


def test_every_setting_the_stack_wires_between_layers_is_owned(tmp_path: Path) -> None:
    """A setting the stack sets that would break the wiring if given (a URL, a token, a key)
    must be owned; the rest of what it sets are defaults a given one replaces."""
    cfg = StackConfig(var_dir=tmp_path)
    envs = layer_env(cfg, load_or_create_secrets(tmp_path))
    stack_set = {name for env in envs.values() for name in env}
    defaults = {"NOC_BACKEND_DATABASE_URL", "NOC_BACKEND_BOOTSTRAP_ADMIN_PASSWORD",
                "NOC_SCHEDULER_DATABASE_URL", "NOC_SCHEDULER_QUEUE_URL",
                "NOC_SCHEDULER_QUEUE_NAME", "NOC_NODE_NAME", "NOC_NODE_DATA_DIR",
                "NOC_NODE_QUEUE_URL", "NOC_NODE_QUEUE_NAME"}
    assert stack_set - defaults == {name for name in OWNED if "_TLS_" not in name}


def test_the_process_env_takes_given_settings_over_defaults_but_keeps_owned_ones(
        tmp_path: Path) -> None:
    sec = load_or_create_secrets(tmp_path)
    cfg = StackConfig(var_dir=tmp_path, layer_settings={
        "scheduler": {"NOC_SCHEDULER_DATABASE_URL": "sqlite:////elsewhere.db",
                      "NOC_SCHEDULER_API_TOKEN": "given"},
        "node": {"NOC_NODE_SMTP_HOST": "smtp.example.test", "NOC_NODE_TOKEN": "given"}})
    scheduler = process_env(cfg, sec, "scheduler")
    node = process_env(cfg, sec, "node")
    backend = process_env(cfg, sec, "backend")
    assert scheduler["NOC_SCHEDULER_DATABASE_URL"] == "sqlite:////elsewhere.db"
    assert scheduler["NOC_SCHEDULER_API_TOKEN"] == sec.backend_to_scheduler
    assert node["NOC_NODE_SMTP_HOST"] == "smtp.example.test"
    assert node["NOC_NODE_TOKEN"] == sec.node_token
    assert "NOC_NODE_SMTP_HOST" not in backend and "NOC_NODE_SMTP_HOST" not in scheduler
