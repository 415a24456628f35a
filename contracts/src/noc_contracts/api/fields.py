"""Field types of the public API's request bodies: names, labels, addresses, free text, variables.

What a var may hold (secrets, privileged ``ansible_*`` vars) is the backend's inventory rules.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field, SecretStr, StringConstraints

from noc_contracts.inventory import ConnectionWord

LABEL_PATTERN = r"^[A-Za-z0-9_.-]+$"
#: what Ansible's inventories take as a host name (``web_1``, ``db@site``, ``сервер``, an IPv6
#: address), less whitespace, control characters, template braces (names are data), and what
#: Ansible's inventories read as something else (``[1:3]`` a range, ``=`` a variable)
HOST_NAME_PATTERN = r"^[^\s\x00-\x1f\x7f{}\[\]=]+$"
#: a DNS label; underscores as resolvers and ssh take them (``db_1``), as Ansible connects to them
_HOST_LABEL = re.compile(r"^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$")
_VAR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _address(value: str) -> str:
    """A hostname (RFC 1123 labels, underscores too) or an IPv4/IPv6 address (``ConnectionWord``
    refused blanks)."""
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        pass
    labels = value.rstrip(".").split(".")
    if (len(value) > 253 or not all(_HOST_LABEL.match(label) for label in labels)
            or labels[-1].isdigit()):
        raise ValueError("must be a hostname or an IP address")
    return value


def _var_names(value: dict[str, Any]) -> dict[str, Any]:
    bad = sorted(k for k in value if not _VAR_NAME.match(k))
    if bad:
        raise ValueError("variable names must be identifiers: " + ", ".join(bad[:10]))
    return value


Name = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=LABEL_PATTERN)]
HostName = Annotated[str, StringConstraints(min_length=1, max_length=255,
                                            pattern=HOST_NAME_PATTERN)]
Text = Annotated[str, AfterValidator(_no_nul)]
#: addresses and users reach ssh's command line: nothing that reads as an option (contracts)
Address = Annotated[ConnectionWord, AfterValidator(_address)]
RemoteUser = ConnectionWord
Vars = Annotated[dict[str, Any], AfterValidator(_var_names)]
Secret = Annotated[SecretStr, Field(min_length=1, max_length=100_000)]
