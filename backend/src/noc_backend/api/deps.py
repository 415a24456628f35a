"""Request dependencies as ``Annotated`` aliases: the app's services and who is calling.

Every route depends on exactly one *access marker*: a dependency carrying a ``noc_access``
attribute (set by ``access``), walked by ``tests/backend/api/test_route_access.py``:

- ``public_access`` ("public"): anyone (``/healthz``, ``/auth/login``);
- ``authenticated`` ("authenticated"): any logged-in user (``/me``, logout, own tokens);
- ``require(permission)`` (the permission, e.g. "hosts:write"): a user whose role grants it;
- ``internal_caller`` ("scheduler"): the scheduler's ``NOC_BACKEND_INTERNAL_TOKEN``.

The user markers return an ``Actor`` (its ``user`` is the current User): routes pass it to
services, which audit in the change's transaction. FastAPI solves dependencies before it
validates the body but after it parses the JSON: ``caller_refusal`` lets the 422 handler refuse
the caller first, so a refused caller gets 401/403, never a 422 about a body it may not send;
the route-access test checks both.

Dependencies that touch the database open their own connection: peewee connections are per
thread and FastAPI runs a sync dependency and the endpoint on different threads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar, cast

from anyio import CapacityLimiter
from fastapi import Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from peewee import Database

from noc_backend.auth import permissions as perm
from noc_backend.auth.actor import SCHEDULER, Actor
from noc_backend.auth.permissions import ALL_PERMISSIONS, allows
from noc_backend.auth.throttle import LoginThrottle
from noc_backend.core.config import Settings
from noc_backend.core.errors import BackendError, Forbidden, Unauthorized
from noc_backend.core.security import Passwords, SecretBox, tokens_equal
from noc_backend.scheduler_client import SchedulerClient
from noc_backend.services.event_signal import EventSignal
from noc_backend.services.tokens import authenticate

F = TypeVar("F", bound=Callable[..., object])

_bearer = HTTPBearer(auto_error=False, description="token from POST /api/v1/auth/login or "
                     "POST /api/v1/tokens")
_internal_bearer = HTTPBearer(auto_error=False, scheme_name="InternalToken")


@dataclass(frozen=True)
class Services:
    """What ``create_app`` builds once and every request shares."""

    settings: Settings
    db: Database
    passwords: Passwords
    box: SecretBox
    scheduler: SchedulerClient
    throttle: LoginThrottle
    #: the threads the scheduler's calls back run on, apart from the public routes' pool
    callback_threads: CapacityLimiter
    #: wakes this process's live event streams when events are stored
    events_stored: EventSignal = field(default_factory=EventSignal)


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


async def _services(request: Request) -> Services:
    """The dependency: solved on the event loop, never waiting for a worker thread."""
    return get_services(request)


ServicesDep = Annotated[Services, Depends(_services)]
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
InternalBearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_internal_bearer)]


def access(kind: str) -> Callable[[F], F]:
    """Mark a dependency as the route's access declaration."""
    def mark(dependency: F) -> F:
        setattr(dependency, "noc_access", kind)  # noqa: B010 - a plain attribute, for tests
        return dependency
    return mark


def client_address(request: Request) -> str:
    """The peer address (a reverse proxy in front must be trusted to be the peer)."""
    return request.client.host if request.client is not None else "unknown"


def _actor(request: Request, services: Services,
           credentials: HTTPAuthorizationCredentials | None) -> Actor:
    if credentials is None or not credentials.credentials:
        raise Unauthorized()
    with services.db.connection_context():
        row = authenticate(credentials.credentials)
    return Actor(kind="api-token" if row.kind == "api" else "user", username=row.user.username,
                 user=row.user, address=client_address(request), token_id=row.id)


@access("public")
def public_access() -> None:
    """Anyone may call the route."""


@access("authenticated")
def authenticated(request: Request, services: ServicesDep, credentials: Bearer) -> Actor:
    """Any logged-in user, whatever their role."""
    return _actor(request, services, credentials)


def require(permission: str) -> Callable[..., Actor]:
    """The dependency admitting a user whose role grants ``permission`` (else 403)."""
    if permission not in ALL_PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")

    @access(permission)
    def dependency(request: Request, services: ServicesDep, credentials: Bearer) -> Actor:
        actor = _actor(request, services, credentials)
        if not allows(actor.role, permission):
            raise Forbidden(f"role '{actor.role}' lacks the permission '{permission}'")
        return actor

    dependency.__name__ = f"require_{permission.replace(':', '_')}"
    return dependency


def check_internal(services: Services,
                   credentials: HTTPAuthorizationCredentials | None) -> Actor:
    """Only the scheduler, presenting NOC_BACKEND_INTERNAL_TOKEN, may call /internal/*."""
    expected = services.settings.internal_token
    if credentials is None or expected is None or not tokens_equal(
            credentials.credentials, expected.get_secret_value()):
        raise Unauthorized("missing or wrong internal token")
    return SCHEDULER


@access("scheduler")
async def internal_caller(services: ServicesDep, credentials: InternalBearer) -> Actor:
    """``check_internal`` as a dependency solved on the event loop: the scheduler's calls
    never wait for a thread of the pool the public routes use."""
    return check_internal(services, credentials)


def _marker(dependant: Any) -> Callable[..., Any] | None:
    call = getattr(dependant, "call", None)
    if call is not None and hasattr(call, "noc_access"):
        return cast(Callable[..., Any], call)
    for sub in getattr(dependant, "dependencies", ()):
        if (found := _marker(sub)) is not None:
            return found
    return None


def _caller_refusal(request: Request) -> BackendError | None:
    route = request.scope.get("route")
    marker = _marker(getattr(route, "dependant", None))
    kind = getattr(marker, "noc_access", "public")
    if marker is None or kind == "public":
        return None
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    credentials = (HTTPAuthorizationCredentials(scheme=scheme, credentials=token.strip())
                   if scheme.lower() == "bearer" and token.strip() else None)
    services = get_services(request)
    try:
        if kind == "scheduler":
            check_internal(services, credentials)
        else:
            marker(request, services, credentials)
    except BackendError as exc:
        return exc
    return None


async def caller_refusal(request: Request) -> BackendError | None:
    """Why the caller may not call the matched route (401/403), or None when it may.

    The error handlers ask this before answering 422, since FastAPI parses a JSON body
    before it solves the route's access dependency."""
    return await run_in_threadpool(_caller_refusal, request)


PublicAccess = Depends(public_access)
Authenticated = Annotated[Actor, Depends(authenticated)]
InternalCaller = Annotated[Actor, Depends(internal_caller)]

HostsRead = Annotated[Actor, Depends(require(perm.HOSTS_READ))]
HostsWrite = Annotated[Actor, Depends(require(perm.HOSTS_WRITE))]
ProceduresRead = Annotated[Actor, Depends(require(perm.PROCEDURES_READ))]
ProceduresWrite = Annotated[Actor, Depends(require(perm.PROCEDURES_WRITE))]
ExecutionsRead = Annotated[Actor, Depends(require(perm.EXECUTIONS_READ))]
RunsWrite = Annotated[Actor, Depends(require(perm.RUNS_WRITE))]
SchedulesRead = Annotated[Actor, Depends(require(perm.SCHEDULES_READ))]
SchedulesWrite = Annotated[Actor, Depends(require(perm.SCHEDULES_WRITE))]
NodesRead = Annotated[Actor, Depends(require(perm.NODES_READ))]
NodesAdmin = Annotated[Actor, Depends(require(perm.NODES_ADMIN))]
CredentialsRead = Annotated[Actor, Depends(require(perm.CREDENTIALS_READ))]
CredentialsWrite = Annotated[Actor, Depends(require(perm.CREDENTIALS_WRITE))]
UsersAdmin = Annotated[Actor, Depends(require(perm.USERS_ADMIN))]
AuditRead = Annotated[Actor, Depends(require(perm.AUDIT_READ))]

IdPath = Annotated[int, Path(ge=1, le=2_147_483_647)]
Limit = Annotated[int, Query(ge=1, le=1_000)]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]
