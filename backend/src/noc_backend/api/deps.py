"""Request dependencies as ``Annotated`` aliases: the app's services and who is calling.

Dependencies that touch the database open their own connection: peewee connections are per
thread and FastAPI runs a sync dependency and the endpoint on different threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from peewee import Database

from noc_backend.core.config import Settings
from noc_backend.core.errors import Forbidden, Unauthorized
from noc_backend.core.security import Passwords, SecretBox, tokens_equal
from noc_backend.models import User
from noc_backend.scheduler_client import SchedulerClient
from noc_backend.services.users import user_for_token

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WRITER_ROLES = frozenset({"admin", "operator"})

_bearer = HTTPBearer(auto_error=False, description="token from POST /api/v1/auth/login")
_internal_bearer = HTTPBearer(auto_error=False, scheme_name="InternalToken")


@dataclass(frozen=True)
class Services:
    """What ``create_app`` builds once and every request shares."""

    settings: Settings
    db: Database
    passwords: Passwords
    box: SecretBox
    scheduler: SchedulerClient


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
InternalBearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_internal_bearer)]


def get_current_user(request: Request, services: ServicesDep, credentials: Bearer) -> User:
    """The token's user; a viewer may only read (any other method is 403)."""
    if credentials is None or not credentials.credentials:
        raise Unauthorized()
    with services.db.connection_context():
        user = user_for_token(token=credentials.credentials)
    if request.method not in READ_METHODS and user.role not in WRITER_ROLES:
        raise Forbidden(f"role '{user.role}' may only read")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


def get_admin_user(user: CurrentUser) -> User:
    if user.role != "admin":
        raise Forbidden("this needs the admin role")
    return user


AdminUser = Annotated[User, Depends(get_admin_user)]


def check_internal_caller(services: ServicesDep, credentials: InternalBearer) -> None:
    """Only the scheduler, presenting NOC_BACKEND_INTERNAL_TOKEN, may call /internal/*."""
    expected = services.settings.internal_token
    if credentials is None or expected is None or not tokens_equal(
            credentials.credentials, expected.get_secret_value()):
        raise Unauthorized("missing or wrong internal token")


InternalCaller = Annotated[None, Depends(check_internal_caller)]

IdPath = Annotated[int, Path(ge=1, le=2_147_483_647)]
Limit = Annotated[int, Query(ge=1, le=1_000)]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]
