"""The inventory's data rules: what a host or a group may hold, whoever sends it and however
(a request body or an imported INI/YAML inventory).

Inventory values reach Ansible as data, so the rules are about which data is safe to accept:

- a var that looks like a secret is refused for everyone (vars are stored in clear and shown
  to every user): it belongs in a credential;
- an ``ansible_*`` var outside ``ALLOWED_CONNECTION_VARS`` changes how Ansible connects or what
  it runs on either end (ssh arguments, executables, interpreters, connection plugins), so only
  an admin may set it; so is ``connection: local``, which runs tasks on the node itself. A
  value that is already stored unchanged is no new privilege: anyone may keep it;
- an allowed connection var still has to hold a valid value (an address, a port, a user that
  cannot read as an ssh option, a known become method);
- ``all`` and ``ungrouped`` (in any case) are Ansible's own groups, never a host's name.

Pure: names and values in, ``Refusal`` values out; ``enforce`` turns them into the one error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from pydantic import TypeAdapter, ValidationError

from noc_backend.core.errors import Forbidden, Invalid
from noc_contracts import ErrorDetail
from noc_contracts.api.fields import Address
from noc_contracts.inventory import ConnectionWord

RefusalCode = Literal["forbidden", "invalid"]

#: Ansible's implicit groups: never a host's name, and a group only by exactly these names
RESERVED_NAMES = frozenset({"all", "ungrouped"})
BECOME_METHODS = frozenset({"sudo", "su", "doas"})
_BOOLEANS = frozenset({"yes", "no", "true", "false", "on", "off", "1", "0", "y", "n"})

#: A var name is secret-looking when any of these matches it (case-insensitive): passwords and
#: keys of every connection plugin, and the plugins whose vars are mostly credentials.
SECRET_VAR_RULES: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"^ansible_.*pass",
    r"password",
    r"passwd",
    r"_key",
    r"private_key",
    r"secret",
    r"token",
    r"^ansible_su_",
    r"^ansible_winrm_",
    r"^ansible_httpapi_",
    r"^ansible_paramiko_",
))

_ADDRESS: TypeAdapter[str] = TypeAdapter(Address)
_WORD: TypeAdapter[str] = TypeAdapter(ConnectionWord)


class _Caller(Protocol):
    @property
    def role(self) -> str: ...


def is_admin(caller: _Caller) -> bool:
    """Whether the acting user (an ``Actor``) may set privileged inventory values."""
    return caller.role == "admin"


@dataclass(frozen=True)
class Refusal:
    """One rule a value breaks: the field it is in, a sentence, 403 ``forbidden`` or 422."""

    field: str
    message: str
    code: RefusalCode


def _validated(adapter: TypeAdapter[Any], value: Any) -> str | None:
    try:
        adapter.validate_python(value, strict=True)
    except ValidationError as exc:
        return str(exc.errors()[0]["msg"])
    return None


def _port(value: Any) -> str | None:
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65_535:
        return "must be a port number (1-65535)"
    return None


def _boolean(value: Any) -> str | None:
    if isinstance(value, bool) or (isinstance(value, str) and value.lower() in _BOOLEANS):
        return None
    return "must be true or false"


def _integer(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return None
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,9}", value):
        return None
    return "must be an integer"


def _become_method(value: Any) -> str | None:
    return None if isinstance(value, str) else "must be a string"


#: The ``ansible_*`` vars anyone may set, each with the check its value must pass.
ALLOWED_CONNECTION_VARS: Mapping[str, Callable[[Any], str | None]] = {
    "ansible_host": lambda v: _validated(_ADDRESS, v),
    "ansible_port": _port,
    "ansible_user": lambda v: _validated(_WORD, v),
    "ansible_become": _boolean,
    "ansible_become_user": lambda v: _validated(_WORD, v),
    "ansible_become_method": _become_method,  # sudo/su/doas; any other needs the admin role
    "ansible_group_priority": _integer,  # only orders group vars
}


def is_secret_var(name: str) -> bool:
    """Whether a var named ``name`` would hold a secret (see ``SECRET_VAR_RULES``)."""
    return any(rule.search(name) for rule in SECRET_VAR_RULES)


def needs_admin(name: str, value: Any) -> bool:
    """Whether setting var ``name`` to ``value`` takes the admin role."""
    lowered = name.lower()
    if not lowered.startswith("ansible_"):
        return False
    if name not in ALLOWED_CONNECTION_VARS:
        return True
    return name == "ansible_become_method" and value not in BECOME_METHODS


def is_reserved_name(name: str) -> bool:
    return name.lower() in RESERVED_NAMES


def _nested_keys(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """``(dotted path, key)`` of every dict key inside ``value``, without recursion."""
    pending = [(value, path)]
    while pending:
        current, where = pending.pop()
        if isinstance(current, Mapping):
            for key, item in current.items():
                inner = f"{where}.{key}"
                yield inner, str(key)
                pending.append((item, inner))
        elif isinstance(current, list):
            pending.extend((item, f"{where}.{i}") for i, item in enumerate(current))


def _secret(field: str, name: str) -> Refusal:
    return Refusal(field, f"'{name}' looks like a secret, and vars are stored in clear and "
                   "shown to every user: store it as a credential (POST /api/v1/credentials)",
                   "invalid")


def var_refusals(variables: Mapping[str, Any], *, is_admin: bool,
                 stored: Mapping[str, Any] | None = None) -> list[Refusal]:
    """What is wrong with host or group ``variables``; ``stored`` are the vars they replace
    (a privileged var kept with its stored value needs no admin)."""
    found: list[Refusal] = []
    before = stored or {}
    for name, value in variables.items():
        field = f"vars.{name}"
        if is_secret_var(name):
            found.append(_secret(field, name))
            continue
        nested = [(path, key) for path, key in _nested_keys(value, field) if is_secret_var(key)]
        if nested:
            found.extend(_secret(path, path.removeprefix("vars.")) for path, _ in nested)
            continue
        check = ALLOWED_CONNECTION_VARS.get(name)
        problem = check(value) if check is not None else None
        if problem is not None:
            found.append(Refusal(field, f"'{name}' {problem}", "invalid"))
        elif (needs_admin(name, value) and not is_admin
              and not (name in before and before[name] == value)):
            found.append(Refusal(field, f"'{name}' needs the admin role: it changes how "
                                 "Ansible connects to the host or what it runs", "forbidden"))
    return found


def host_refusals(fields: Mapping[str, Any], *, is_admin: bool,
                  stored: Mapping[str, Any] | None = None) -> list[Refusal]:
    """What is wrong with the host ``fields`` being set (any of name, address, user,
    connection, groups, vars); ``stored`` holds the host's current connection and vars."""
    before = stored or {}
    found: list[Refusal] = []
    name = fields.get("name")
    if isinstance(name, str) and is_reserved_name(name):
        found.append(Refusal("name", f"'{name}' is one of Ansible's implicit groups "
                             "('all', 'ungrouped'): not a host name", "invalid"))
    for field in ("address", "user"):
        value = fields.get(field)
        adapter = _ADDRESS if field == "address" else _WORD
        problem = _validated(adapter, value) if field in fields and value is not None else None
        if field == "address" and field in fields and value is None:
            problem = "is required"
        if problem is not None:
            found.append(Refusal(field, f"{field} {problem}", "invalid"))
    labels = fields.get("groups") or []
    reserved = [g for g in labels if isinstance(g, str) and is_reserved_name(g)]
    if reserved:
        found.append(Refusal("groups", f"'{reserved[0]}' is implicit and cannot be assigned",
                             "invalid"))
    connection = fields.get("connection")
    connection = getattr(connection, "value", connection)
    if connection == "local" and not is_admin and before.get("connection") != "local":
        found.append(Refusal("connection", "connection 'local' needs the admin role: its tasks "
                             "run on the execution node itself", "forbidden"))
    if fields.get("vars") is not None:
        found.extend(var_refusals(fields["vars"], is_admin=is_admin, stored=before.get("vars")))
    return found


def group_refusals(fields: Mapping[str, Any], *, is_admin: bool,
                   stored_vars: Mapping[str, Any] | None = None) -> list[Refusal]:
    """What is wrong with the group ``fields`` being set (name, vars)."""
    found: list[Refusal] = []
    name = fields.get("name")
    if isinstance(name, str) and is_reserved_name(name) and name not in RESERVED_NAMES:
        found.append(Refusal("name", f"'{name}' reads as Ansible's implicit group "
                             f"'{name.lower()}': use that name or another", "invalid"))
    if fields.get("vars") is not None:
        found.extend(var_refusals(fields["vars"], is_admin=is_admin, stored=stored_vars))
    return found


def enforce(refusals: Sequence[Refusal], prefix: str = "", subject: str = "") -> None:
    """Raise the one error for ``refusals``: 422 if any value is invalid, else 403, with every
    refusal of that kind as a detail (fields under ``prefix``); nothing when there are none."""
    if not refusals:
        return
    invalid = [r for r in refusals if r.code == "invalid"]
    chosen = invalid or list(refusals)
    message = f"{subject}{chosen[0].message}"
    if len(chosen) > 1:
        message += f" (and {len(chosen) - 1} more)"
    details = [ErrorDetail(field=prefix + r.field, message=r.message) for r in chosen]
    raise (Invalid if invalid else Forbidden)(message, details)
