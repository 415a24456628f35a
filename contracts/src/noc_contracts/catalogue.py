"""The task catalogue: every task type an operator can put on the canvas.

Each type names its kind, the Ansible module it runs (or ``native`` for notifications the
node sends itself), a pydantic model of its params (the JSON schema a form renders, and what
the backend validates on save) and the facts it returns for decisions. How params become
module arguments and how results become those facts is the node's business
(``noc_node.ansible.modules``, ``noc_node.ansible.facts``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class TaskKind(StrEnum):
    monitoring = "monitoring"
    action = "action"
    notification = "notification"


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid")


_MODE = Field(default=None, pattern=r"^0?[0-7]{3,4}$", title="Mode",
              description="Octal permissions, e.g. 0644")
_NAME = r"^[A-Za-z0-9_.@:+-]+$"


# -- monitoring -------------------------------------------------------------------------------
class PingParams(_Params):
    """No parameters: checks that the host answers and can run Python."""


class ServiceStatusParams(_Params):
    name: str = Field(min_length=1, max_length=255, pattern=_NAME, title="Service name",
                      description="As known to the init system, e.g. nginx or ssh")


class PortOpenParams(_Params):
    port: int = Field(ge=1, le=65_535, title="TCP port")
    host: str = Field(default="127.0.0.1", min_length=1, max_length=255, title="Address",
                      description="Checked from the target host; 127.0.0.1 is the host itself")
    timeout_s: int = Field(default=5, ge=1, le=300, title="Timeout (s)",
                           description="How long to wait for the port to accept a connection")


class HttpCheckParams(_Params):
    url: str = Field(min_length=1, max_length=2_000, pattern=r"^https?://", title="URL",
                     description="Requested from the target host")
    expect_status: int = Field(default=200, ge=100, le=599, title="Expected status code")
    body_regex: str | None = Field(default=None, max_length=1_000, title="Body must match",
                                   description="Python regular expression searched in the body")
    timeout_s: int = Field(default=10, ge=1, le=300, title="Timeout (s)")
    validate_certs: bool = Field(default=True, title="Verify TLS certificates")


class DiskUsageParams(_Params):
    path: str = Field(default="/", min_length=1, max_length=4_096, title="Mount point or path")


class ProcessRunningParams(_Params):
    pattern: str = Field(min_length=1, max_length=255, title="Process name",
                         description="Exact process name, or a pattern of the full command "
                                     "line when 'Match full command line' is set")
    full: bool = Field(default=False, title="Match full command line")


class CommandParams(_Params):
    cmd: str = Field(min_length=1, max_length=10_000, title="Command",
                     description="Command line, run without a shell")
    chdir: str | None = Field(default=None, title="Working directory")
    creates: str | None = Field(default=None, title="Skip if this path exists")
    removes: str | None = Field(default=None, title="Run only if this path exists")


class CommandCheckParams(_Params):
    cmd: str = Field(min_length=1, max_length=10_000, title="Command",
                     description="Command line, run without a shell; any exit code succeeds")
    chdir: str | None = Field(default=None, title="Working directory")


# -- actions ----------------------------------------------------------------------------------
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
    name: str = Field(min_length=1, max_length=255, pattern=_NAME, title="Service name")
    state: Literal["started", "stopped", "restarted", "reloaded"] | None = Field(
        default=None, title="State")
    enabled: bool | None = Field(default=None, title="Start at boot")

    @model_validator(mode="after")
    def _something_to_do(self) -> ServiceParams:
        if self.state is None and self.enabled is None:
            raise ValueError("set 'state', 'enabled' or both")
        return self


class UserParams(_Params):
    name: str = Field(min_length=1, max_length=32, pattern=r"^[a-z_][a-z0-9_-]*\$?$",
                      title="User name")
    state: Literal["present", "absent"] = Field(default="present", title="State")
    groups: list[str] = Field(default_factory=list, max_length=100, title="Extra groups",
                              description="Supplementary groups (they must exist)")
    shell: str | None = Field(default=None, max_length=255, title="Login shell")
    authorized_key: str | None = Field(default=None, max_length=16_000,
                                       title="Authorized SSH public key",
                                       description="Added to ~/.ssh/authorized_keys")
    remove_home: bool = Field(default=False, title="Remove the home directory on removal")


class PackageParams(_Params):
    name: list[str] = Field(min_length=1, max_length=100, title="Packages")
    state: Literal["present", "absent"] = Field(default="present", title="State")


class RebootParams(_Params):
    reboot_timeout_s: int = Field(default=600, ge=10, le=7_200, title="Wait for return (s)")
    msg: str = Field(default="Reboot requested by noc-orchestrator", max_length=500,
                     title="Message to logged-in users")


# -- notifications ----------------------------------------------------------------------------
class EmailParams(_Params):
    to: list[str] = Field(min_length=1, max_length=100, title="To",
                          description="Recipient addresses")
    subject: str = Field(min_length=1, max_length=500, title="Subject")
    body: str = Field(max_length=100_000, title="Body",
                      description="Templated: {{ host.name }}, {{ steps.<id>.msg }}, ...")


class TelegramParams(_Params):
    text: str = Field(min_length=1, max_length=4_096, title="Message",
                      description="Templated: {{ host.name }}, {{ steps.<id>.msg }}, ...")
    chat_id: str | None = Field(default=None, max_length=100, title="Chat id",
                                description="Defaults to the node's NOC_NODE_TELEGRAM_CHAT_ID")


@dataclass(frozen=True)
class TaskType:
    name: str
    kind: TaskKind
    module: str
    title: str
    description: str
    params: type[BaseModel]
    facts: dict[str, str] = field(default_factory=dict)
    #: the procedure must declare ``allow_command: true`` to use it
    requires_allow_command: bool = False


class TaskTypeSpec(BaseModel):
    """A catalogue entry on the wire (``GET /api/v1/task-types``)."""

    name: str
    kind: TaskKind
    module: str
    title: str
    description: str
    params_schema: dict[str, Any]
    facts: dict[str, str]
    requires_allow_command: bool = False


#: ``module`` of the task types the node runs itself, without Ansible
NATIVE = "native"
_M, _A, _N = TaskKind.monitoring, TaskKind.action, TaskKind.notification

CATALOGUE: dict[str, TaskType] = {
    t.name: t
    for t in (
        TaskType("ping", _M, "ansible.builtin.ping", "Ping",
                 "Host answers over its connection and runs Python.", PingParams),
        TaskType("service_status", _M, "ansible.builtin.service_facts", "Service status",
                 "Whether a service is running and enabled.", ServiceStatusParams,
                 {"state": "running | stopped | missing",
                  "enabled": "true, false, or null when unknown"}),
        TaskType("port_open", _M, "ansible.builtin.wait_for", "TCP port open",
                 "Whether a TCP port accepts connections, seen from the host.", PortOpenParams,
                 {"open": "true when the port accepted a connection in time",
                  "elapsed_s": "seconds waited"}),
        TaskType("http_check", _M, "noc_http_check", "HTTP check",
                 "Request a URL from the host: status code, body match and latency.",
                 HttpCheckParams,
                 {"status": "HTTP status code (-1 when no response)",
                  "body_match": "true when body_regex matched (true when none is set)",
                  "healthy": "status as expected and body matched",
                  "latency_ms": "time to the full response, in milliseconds"}),
        TaskType("disk_usage", _M, "ansible.builtin.command", "Disk usage",
                 "Usage of the filesystem holding a path (df).", DiskUsageParams,
                 {"percent": "used space in percent (0-100)", "mount": "mount point",
                  "size_kb": "size in KiB", "used_kb": "used KiB",
                  "available_kb": "available KiB"}),
        TaskType("process_running", _M, "ansible.builtin.command", "Process running",
                 "Whether a process is running (pgrep).", ProcessRunningParams,
                 {"running": "true when at least one process matched",
                  "count": "number of matching processes", "pids": "their process ids"}),
        TaskType("command_check", _M, "ansible.builtin.command", "Command check",
                 "Run a command and report its exit code and output; never changes anything "
                 "by itself and succeeds whatever the exit code.", CommandCheckParams,
                 {"rc": "exit code", "stdout": "standard output"},
                 requires_allow_command=True),
        TaskType("command", _A, "ansible.builtin.command", "Command",
                 "Run a command (no shell); fails on a non-zero exit code.", CommandParams,
                 {"rc": "exit code", "stdout": "standard output"},
                 requires_allow_command=True),
        TaskType("file", _A, "ansible.builtin.file", "File or directory",
                 "Ensure a path is a directory, a file, touched or absent.", FileParams,
                 {"path": "the path"}),
        TaskType("copy", _A, "ansible.builtin.copy", "File content",
                 "Ensure a file holds the given content.", CopyParams,
                 {"dest": "the file", "checksum": "SHA-1 of the content"}),
        TaskType("service", _A, "ansible.builtin.service", "Service",
                 "Start, stop, restart or reload a service; enable or disable it at boot.",
                 ServiceParams, {"state": "the state asked for", "enabled": "boot setting"}),
        TaskType("user", _A, "noc_user", "User account",
                 "Create or remove a local user: groups, shell, an authorized SSH key.",
                 UserParams, {"uid": "user id (absent users: none)",
                              "home": "home directory", "state": "present | absent"}),
        TaskType("package", _A, "ansible.builtin.package", "Package",
                 "Ensure packages are installed or removed (apt, dnf, ... as the host uses).",
                 PackageParams),
        TaskType("reboot", _A, "ansible.builtin.reboot", "Reboot and wait",
                 "Reboot the host and wait until it answers again.", RebootParams,
                 {"elapsed": "seconds until the host answered again"}),
        TaskType("email", _N, NATIVE, "Email",
                 "Send an email through the node's SMTP server.", EmailParams,
                 {"recipients": "addresses the server accepted"}),
        TaskType("telegram", _N, NATIVE, "Telegram message",
                 "Send a message with the node's Telegram bot.", TelegramParams,
                 {"message_id": "Telegram's id of the sent message", "chat_id": "the chat"}),
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
        requires_allow_command=task_type.requires_allow_command,
    )
