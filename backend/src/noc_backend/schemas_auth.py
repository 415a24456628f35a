"""Request and response bodies of users, tokens, ``/me`` and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, SecretStr
from pydantic_core import PydanticCustomError

from noc_backend.auth.actor import ActorKind
from noc_backend.auth.password_policy import password_problem
from noc_backend.auth.permissions import Role

USERNAME_PATTERN = r"^[A-Za-z0-9_.@-]+$"


def _policy(value: SecretStr) -> SecretStr:
    problem = password_problem(value.get_secret_value())
    if problem is not None:
        raise PydanticCustomError("password_policy", problem)
    return value


NewPassword = Annotated[SecretStr, AfterValidator(_policy)]
Username = Annotated[str, Field(min_length=1, max_length=100, pattern=USERNAME_PATTERN)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class UserCreate(_In):
    username: Username
    password: NewPassword
    role: Role
    can_run_commands: bool = False


class UserUpdate(_In):
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


class PasswordChange(_In):
    current_password: Annotated[SecretStr, Field(min_length=1, max_length=1_000)]
    new_password: NewPassword


TokenKind = Literal["session", "api"]


class TokenCreate(_In):
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
