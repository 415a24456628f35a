#!/usr/bin/python3
"""Ansible module: a local user present (groups, shell, an authorized key) or absent.

Shipped with the node because ansible-core alone has no ``authorized_key`` module and one
task runs one module. Uses useradd/usermod/userdel; honours check mode.
"""

from __future__ import annotations

import os
import pwd
from typing import Any

from ansible.module_utils.basic import AnsibleModule


def _groups_of(name: str, module: AnsibleModule) -> set[str]:
    rc, out, _ = module.run_command(["id", "-nG", name])
    return set(out.split()) if rc == 0 else set()


def _ensure_key(entry: pwd.struct_passwd, key: str, check: bool) -> bool:
    ssh_dir = os.path.join(entry.pw_dir, ".ssh")
    path = os.path.join(ssh_dir, "authorized_keys")
    existing = ""
    if os.path.exists(path):
        with open(path) as handle:
            existing = handle.read()
    if key.strip() in (line.strip() for line in existing.splitlines()):
        return False
    if check:
        return True
    os.makedirs(ssh_dir, mode=0o700, exist_ok=True)
    with open(path, "a") as handle:
        if existing and not existing.endswith("\n"):
            handle.write("\n")
        handle.write(key.strip() + "\n")
    os.chmod(path, 0o600)
    for item in (ssh_dir, path):
        os.chown(item, entry.pw_uid, entry.pw_gid)
    return True


def _present(module: AnsibleModule, p: dict[str, Any]) -> dict[str, Any]:
    name, check, changed = p["name"], module.check_mode, False
    try:
        entry: pwd.struct_passwd | None = pwd.getpwnam(name)
    except KeyError:
        entry = None
    groups = list(p["groups"] or [])
    if entry is None:
        cmd = ["useradd", "--create-home"]
        if groups:
            cmd += ["--groups", ",".join(groups)]
        if p["shell"]:
            cmd += ["--shell", p["shell"]]
        changed = True
        if check:
            return {"changed": True, "state": "present", "msg": f"would create user {name}"}
        module.run_command([*cmd, name], check_rc=True)
        entry = pwd.getpwnam(name)
    else:
        update: list[str] = []
        missing = set(groups) - _groups_of(name, module)
        if missing:
            update += ["--append", "--groups", ",".join(sorted(missing))]
        if p["shell"] and entry.pw_shell != p["shell"]:
            update += ["--shell", p["shell"]]
        if update:
            changed = True
            if not check:
                module.run_command(["usermod", *update, name], check_rc=True)
    if p["authorized_key"]:
        changed = _ensure_key(entry, p["authorized_key"], check) or changed
    return {"changed": changed, "state": "present", "uid": entry.pw_uid, "home": entry.pw_dir}


def main() -> None:
    module = AnsibleModule(
        argument_spec={
            "name": {"type": "str", "required": True},
            "state": {"type": "str", "default": "present", "choices": ["present", "absent"]},
            "groups": {"type": "list", "elements": "str", "default": []},
            "shell": {"type": "str", "required": False},
            "authorized_key": {"type": "str", "required": False, "no_log": False},
            "remove_home": {"type": "bool", "default": False},
        },
        supports_check_mode=True,
    )
    p: dict[str, Any] = module.params
    if p["state"] == "present":
        module.exit_json(**_present(module, p))
    try:
        pwd.getpwnam(p["name"])
    except KeyError:
        module.exit_json(changed=False, state="absent")
    if not module.check_mode:
        cmd = ["userdel", *(["--remove"] if p["remove_home"] else []), p["name"]]
        module.run_command(cmd, check_rc=True)
    module.exit_json(changed=True, state="absent")


if __name__ == "__main__":
    main()
