"""Task type + params -> module and args, and the unsafe marking of every string."""

from __future__ import annotations

import json

import pytest

from noc_contracts import CATALOGUE
from noc_node.ansible.modules import mark_unsafe, module_args_json, module_for, validate_params
from noc_node.core.errors import InvalidTaskError


@pytest.mark.parametrize(("task_type", "params", "module", "args"), [
    ("ping", {}, "ansible.builtin.ping", {}),
    ("command", {"cmd": "uptime", "chdir": "/tmp"}, "ansible.builtin.command",
     {"cmd": "uptime", "chdir": "/tmp"}),
    ("file", {"path": "/srv/x"}, "ansible.builtin.file", {"path": "/srv/x", "state": "directory"}),
    ("copy", {"dest": "/etc/motd", "content": "hi", "mode": "0644"}, "ansible.builtin.copy",
     {"dest": "/etc/motd", "content": "hi", "mode": "0644"}),
    ("service", {"name": "nginx", "state": "started", "enabled": True},
     "ansible.builtin.service", {"name": "nginx", "state": "started", "enabled": True}),
    ("service", {"name": "nginx", "enabled": False}, "ansible.builtin.service",
     {"name": "nginx", "enabled": False}),
    ("service_status", {"name": "ssh"}, "ansible.builtin.service_facts", {}),
    ("port_open", {"port": 8080}, "ansible.builtin.wait_for",
     {"host": "127.0.0.1", "port": 8080, "timeout": 5, "state": "started"}),
    ("http_check", {"url": "http://h/x", "body_regex": "ok"}, "noc_http_check",
     {"url": "http://h/x", "expect_status": 200, "body_regex": "ok", "timeout": 10,
      "validate_certs": True}),
    ("disk_usage", {}, "ansible.builtin.command", {"argv": ["df", "-P", "-k", "/"]}),
    ("process_running", {"pattern": "sshd -D", "full": True}, "ansible.builtin.command",
     {"argv": ["pgrep", "-f", "--", "sshd -D"]}),
    ("process_running", {"pattern": "sshd"}, "ansible.builtin.command",
     {"argv": ["pgrep", "-x", "--", "sshd"]}),
    ("user", {"name": "ops", "groups": ["adm"]}, "noc_user",
     {"name": "ops", "state": "present", "groups": ["adm"], "remove_home": False}),
    ("package", {"name": ["curl"], "state": "absent"}, "ansible.builtin.package",
     {"name": ["curl"], "state": "absent"}),
    ("reboot", {}, "ansible.builtin.reboot",
     {"reboot_timeout": 600, "msg": "Reboot requested by noc-orchestrator"}),
])
def test_each_catalogue_type_maps_to_its_module(task_type: str, params: dict[str, object],
                                                module: str, args: dict[str, object]) -> None:
    assert module_for(task_type, params) == (module, args)


def test_every_catalogue_entry_is_mapped() -> None:
    minimal = {"command": {"cmd": "true"}, "command_check": {"cmd": "true"},
               "file": {"path": "/x"}, "copy": {"dest": "/x", "content": ""},
               "service": {"name": "s", "state": "started"}, "service_status": {"name": "s"},
               "port_open": {"port": 22}, "http_check": {"url": "http://x/"},
               "process_running": {"pattern": "sshd"}, "user": {"name": "bob"},
               "package": {"name": ["curl"]}, "email": {"to": ["a@b"], "subject": "s", "body": ""},
               "telegram": {"text": "hi"}}
    for name, spec in CATALOGUE.items():
        assert module_for(name, minimal.get(name, {}))[0] == spec.module


def test_unknown_task_type_names_task_type() -> None:
    with pytest.raises(InvalidTaskError) as err:
        validate_params("reboot_everything", {})
    assert [d.field for d in err.value.details] == ["task_type"]
    assert "reboot_everything" in err.value.details[0].message


def test_bad_params_name_the_field() -> None:
    with pytest.raises(InvalidTaskError) as err:
        validate_params("file", {"path": "/x", "state": "melted", "bogus": 1})
    assert {d.field for d in err.value.details} == {"params.state", "params.bogus"}


def test_every_string_is_wrapped_recursively_but_not_keys_or_scalars() -> None:
    value = {"a": "{{ x }}", "n": 3, "b": True, "none": None,
             "nested": {"list": ["s", 1, {"k": "v"}]}}
    assert mark_unsafe(value) == {
        "a": {"__ansible_unsafe": "{{ x }}"}, "n": 3, "b": True, "none": None,
        "nested": {"list": [{"__ansible_unsafe": "s"}, 1, {"k": {"__ansible_unsafe": "v"}}]},
    }


def test_module_args_json_round_trips() -> None:
    text = module_args_json({"cmd": "echo {{ 1+1 }}", "chdir": "/tmp"})
    assert json.loads(text) == {"cmd": {"__ansible_unsafe": "echo {{ 1+1 }}"},
                                "chdir": {"__ansible_unsafe": "/tmp"}}


def test_service_needs_a_state_or_enabled() -> None:
    with pytest.raises(InvalidTaskError) as err:
        validate_params("service", {"name": "nginx"})
    assert "state" in err.value.details[0].message
