"""``Actor``: who is doing something, as the route dependency saw them; passed to services so
the audit entry written in the change's own transaction names them."""

from __future__ import annotations

from dataclasses import dataclass

from noc_backend.auth.permissions import allows
from noc_backend.models import User
from noc_contracts.api.auth import ActorKind


@dataclass(frozen=True)
class Actor:
    """The caller: a user (by session or API token), the CLI, or the scheduler.

    ``user`` is None only for the scheduler and for a failed login's unknown user;
    ``token_id`` is the token the request presented (logout revokes it).
    """

    kind: ActorKind
    username: str
    user: User | None = None
    address: str | None = None
    token_id: int | None = None

    @property
    def user_id(self) -> int | None:
        return int(self.user.id) if self.user is not None else None

    @property
    def role(self) -> str:
        return str(self.user.role) if self.user is not None else ""

    def may(self, permission: str) -> bool:
        return self.user is not None and allows(self.user.role, permission)

    def may_run_commands(self) -> bool:
        """Admins, and users granted ``can_run_commands``, may save command-type tasks."""
        return self.user is not None and (self.user.role == "admin"
                                          or bool(self.user.can_run_commands))


def cli_actor(username: str) -> Actor:
    return Actor(kind="cli", username=username)


SCHEDULER = Actor(kind="scheduler", username="scheduler")
