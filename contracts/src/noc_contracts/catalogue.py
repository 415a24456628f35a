"""The task catalogue: every task type an operator can put on the canvas.

Each type names its kind, the Ansible module it runs and a pydantic model of its params
(the JSON schema a form renders, and what the backend validates on save). How params become
module arguments is the node's business (``noc_node.modules``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class TaskKind(StrEnum):
    monitoring = "monitoring"
    action = "action"
    notification = "notification"


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid")


_MODE = Field(
    default=None,
    pattern=r"^0?[0-7]{3,4}$",
    title="Mode",
    description="Octal permissions, e.g. 0644",
)


class PingParams(_Params):
    """No parameters: checks that the host answers and can run Python."""


class CommandParams(_Params):
    cmd: str = Field(min_length=1, max_length=10_000, title="Command",
                     description="Command line, run without a shell")
    chdir: str | None = Field(default=None, title="Working directory")
    creates: str | None = Field(default=None, title="Skip if this path exists")
    removes: str | None = Field(default=None, title="Run only if this path exists")


class FileParams(_Params):
    path: str = Field(min_length=1, max_length=4_096, title="Path")
    state: Literal["file", "directory", "touch", "absent"] = Field(
        default="directory", title="State")
    mode: str | None = _MODE


class CopyParams(_Params):
    dest: str = Field(min_length=1, max_length=4_096, title="Destination path")
    content: str = Field(max_length=1_000_000, title="Content")
    mode: str | None = _MODE


class ServiceParams(_Params):
    name: str = Field(min_length=1, max_length=255, title="Service name")
    state: Literal["started", "stopped", "restarted", "reloaded"] = Field(title="State")
    enabled: bool | None = Field(default=None, title="Start at boot")


@dataclass(frozen=True)
class TaskType:
    name: str
    kind: TaskKind
    module: str
    title: str
    description: str
    params: type[BaseModel]
    facts: dict[str, str] = field(default_factory=dict)


class TaskTypeSpec(BaseModel):
    """A catalogue entry on the wire (``GET /api/v1/task-types``)."""

    name: str
    kind: TaskKind
    module: str
    title: str
    description: str
    params_schema: dict[str, Any]
    facts: dict[str, str]


CATALOGUE: dict[str, TaskType] = {
    t.name: t
    for t in (
        TaskType("ping", TaskKind.monitoring, "ansible.builtin.ping", "Ping",
                 "Host answers over its connection and runs Python.", PingParams),
        TaskType("command", TaskKind.action, "ansible.builtin.command", "Command",
                 "Run a command (no shell); fails on a non-zero exit code.", CommandParams,
                 {"rc": "exit code", "stdout": "standard output"}),
        TaskType("file", TaskKind.action, "ansible.builtin.file", "File or directory",
                 "Ensure a path is a directory, a file, touched or absent.", FileParams),
        TaskType("copy", TaskKind.action, "ansible.builtin.copy", "File content",
                 "Ensure a file holds the given content.", CopyParams),
        TaskType("service", TaskKind.action, "ansible.builtin.service", "Service",
                 "Start, stop, restart or reload a service.", ServiceParams),
    )
}


def task_type_spec(task_type: TaskType) -> TaskTypeSpec:
    return TaskTypeSpec(
        name=task_type.name,
        kind=task_type.kind,
        module=task_type.module,
        title=task_type.title,
        description=task_type.description,
        params_schema=task_type.params.model_json_schema(),
        facts=dict(task_type.facts),
    )
