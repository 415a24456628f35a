"""``noc-backend reset-password``: set a user's password from the host (lost admin password).

The new password is read from stdin (one line), or generated and printed with ``--generate``;
every token of the user is revoked and the reset is audited as done by the CLI.
"""

from __future__ import annotations

import getpass
import secrets
import sys

from noc_backend.auth.actor import cli_actor
from noc_backend.cli_support import (
    CommandRefused,
    load_settings,
    open_configured_database,
    refuse,
)
from noc_backend.core.db import close_database
from noc_backend.core.errors import NotFound
from noc_backend.core.security import Passwords
from noc_backend.services.users import reset_password
from noc_contracts.api.password_policy import password_problem

GENERATED_BYTES = 18  # 24 url-safe characters


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _new_password(generate: bool) -> str:
    if generate:
        return secrets.token_urlsafe(GENERATED_BYTES)
    return sys.stdin.readline().rstrip("\r\n")


def reset(username: str, generate: bool, config: str | None = None) -> int:
    """Exit status 0 when the password was set; 2 on refusal (nothing changed). ``config``:
    ``--config FILE``, the installed server's settings."""
    try:
        settings = load_settings(config)
        password = _new_password(generate)
        if (problem := password_problem(password)) is not None:
            raise refuse(f"password refused: {problem}")
        db = open_configured_database(settings)
    except CommandRefused:
        return 2
    try:
        with db.connection_context():
            revoked = reset_password(actor=cli_actor(f"cli:{_os_user()}"), username=username,
                                     password=password,
                                     passwords=Passwords.from_settings(settings))
    except NotFound as exc:
        print(f"noc-backend: {exc.message}", file=sys.stderr)
        return 2
    finally:
        close_database(db)
    if generate:
        print(password)
    print(f"password of '{username}' reset; {revoked} token(s) revoked", file=sys.stderr)
    return 0
