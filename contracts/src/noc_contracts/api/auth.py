"""Request and response bodies of login, users, tokens, ``/me`` and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, SecretStr
from pydantic_core import PydanticCustomError

from noc_contracts.api.base import Input
from noc_contracts.api.fields import Text
from noc_contracts.api.password_policy import password_problem

USERNAME_PATTERN = r"^[A-Za-z0-9_.@-]+$"

Role = Literal["admin", "operator", "viewer"]
ROLES: tuple[Role, ...] = ("admin", "operator", "viewer")
#: who did something: a user (session or API token), the command line, or the scheduler
ActorKind = Literal["user", "api-token", "cli", "scheduler"]


def _policy(value: SecretStr) -> SecretStr:
    problem = password_problem(value.get_secret_value())
    if problem is not None:
        raise PydanticCustomError("password_policy", problem)
    return value


NewPassword = Annotated[SecretStr, AfterValidator(_policy)]
Username = Annotated[str, Field(min_length=1, max_length=100, pattern=USERNAME_PATTERN)]


class LoginRequest(Input):
    username: Annotated[Text, Field(min_length=1, max_length=100)]
    password: Annotated[SecretStr, Field(min_length=1, max_length=1_000)]


class TokenPublic(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - a scheme name
    expires_at: datetime


class UserCreate(Input):
    username: Username
    password: NewPassword
    role: Role
    can_run_commands: bool = False


class UserUpdate(Input):
    """Only the fields sent change; ``password`` is an admin's reset (revokes their tokens)."""

    role: Role | None = None
    disabled: bool | None = None
    can_run_commands: bool | None = None
    password: NewPassword | None = None


class UserPublic(BaseModel):
    """A user as the API shows them: never a password hash."""

    id: int
    username: str
    role: Role
    disabled: bool
    can_run_commands: bool
    created_at: datetime


class UsersPublic(BaseModel):
    data: list[UserPublic]
    count: int


class PasswordChange(Input):
    current_password: Annotated[SecretStr, Field(min_length=1, max_length=1_000)]
    new_password: NewPassword


TokenKind = Literal["session", "api"]


class TokenCreate(Input):
    name: Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f]+$")]
    expires_in_days: int = Field(ge=1, le=365)


class TokenInfo(BaseModel):
    """A token's metadata: never the token itself."""

    id: int
    user_id: int
    username: str
    name: str | None
    kind: TokenKind
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    current: bool = Field(description="the token this request presented")


class TokenCreated(TokenInfo):
    token: str = Field(description="shown once: only its hash is stored")


class TokensPublic(BaseModel):
    data: list[TokenInfo]
    count: int



class AuditEntryPublic(BaseModel):
    id: int
    at: datetime
    actor: str
    actor_user_id: int | None
    actor_kind: ActorKind
    client_address: str | None
    action: str
    target_type: str
    target_id: str | None
    target_name: str | None
    details: dict[str, Any]


class AuditPublic(BaseModel):
    data: list[AuditEntryPublic]
    count: int
