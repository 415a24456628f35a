"""Node -> scheduler heartbeats, and the node registry as the scheduler reports it."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    FieldSerializationInfo,
    SecretStr,
    field_serializer,
    field_validator,
)

from noc_contracts.reveal import reveal
from noc_contracts.times import UTCDateTime
from noc_contracts.url_list import check_urls

#: a label's key and value: letters, digits, ``.``, ``_`` and ``-``, as Kubernetes labels
LABEL_KEY = re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?")
LABEL_VALUE = re.compile(r"([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?")
MAX_LABELS = 32
#: the most tasks an admin may have a node given at once
MAX_CAPACITY = 10_000
#: the highest load average a heartbeat may report (a column holds it)
MAX_LOAD = 1_000_000.0


def check_labels(labels: dict[str, str]) -> dict[str, str]:
    """``labels`` when every key and value is well formed; ValueError naming the first that
    is not."""
    if len(labels) > MAX_LABELS:
        raise ValueError(f"at most {MAX_LABELS} labels")
    for key, value in labels.items():
        if not LABEL_KEY.fullmatch(key):
            raise ValueError(f"label key {key!r}: 1-63 letters, digits, '.', '_' or '-', "
                             "starting and ending with a letter or digit")
        if not LABEL_VALUE.fullmatch(value):
            raise ValueError(f"label {key}: value {value!r}: at most 63 letters, digits, "
                             "'.', '_' or '-', starting and ending with a letter or digit")
    return dict(sorted(labels.items()))


def parse_labels(words: list[str]) -> dict[str, str]:
    """``["site=rio", "zone=dmz"]`` as labels; ValueError naming a word that is not
    ``key=value`` or a key given twice."""
    labels: dict[str, str] = {}
    for word in words:
        key, sep, value = word.partition("=")
        if not sep:
            raise ValueError(f"label {word!r}: write it as key=value")
        key, value = key.strip(), value.strip()
        if key in labels:
            raise ValueError(f"label {key} given twice")
        labels[key] = value
    return check_labels(labels)


def format_labels(labels: dict[str, str]) -> str:
    """``site=rio,zone=dmz`` (sorted by key): how labels and selectors are shown."""
    return ",".join(f"{k}={v}" for k, v in sorted(labels.items()))


def labels_of(text: str) -> dict[str, str]:
    """What ``format_labels`` wrote, read back (``""``: no labels)."""
    return parse_labels(text.split(",")) if text else {}


def matches(labels: dict[str, str], selector: dict[str, str]) -> bool:
    """Whether a node with ``labels`` may run a host with ``selector`` (every pair present)."""
    return all(labels.get(key) == value for key, value in selector.items())


Labels = Annotated[dict[str, str], AfterValidator(check_labels)]


class NodeHealth(StrEnum):
    """``up``: heartbeats arrive; ``late``: one is overdue (still given work); ``down``: none
    for longer than the scheduler's stale time (given no work)."""

    up = "up"
    late = "late"
    down = "down"


class NodeHeartbeat(BaseModel):
    name: str
    url: str
    capacity: int = Field(ge=0, description="tasks it runs at once")
    queue_depth: int = Field(ge=0)
    running: int = Field(ge=0)
    load: float | None = Field(default=None, ge=0, le=MAX_LOAD, allow_inf_nan=False,
                               description="1-minute load average")
    lost_task_ids: list[str] = Field(
        default_factory=list, description="tasks it had accepted but can no longer finish; "
        "the node has confirmed that nothing of them still runs")


class NodeInfo(BaseModel):
    name: str
    url: str
    healthy: bool = Field(description="takes work: up or late")
    health: NodeHealth = NodeHealth.down
    labels: Labels = Field(default_factory=dict, description="what placement matches: "
                           "site=rio, zone=dmz")
    capacity: int = Field(description="tasks it is given at once: the registered capacity, "
                          "or less when its heartbeat reports less")
    queue_depth: int
    running: int
    load: float | None = None
    last_seen_at: UTCDateTime | None = None
    draining: bool = Field(default=False, description="finishes what it runs, takes nothing new")


class NodeUpdate(BaseModel):
    """An admin's change to a registered node; a field left out keeps its value."""

    model_config = {"extra": "forbid"}

    labels: Labels | None = None
    capacity: int | None = Field(default=None, ge=1, le=MAX_CAPACITY)


def _node_url(value: str) -> str:
    """One http(s) URL with a host, trailing slash dropped."""
    urls = check_urls(value, "url")
    if len(urls) != 1:
        raise ValueError("url: one http(s) URL, not a list")
    return urls[0]


class NodeRegistration(BaseModel):
    """An admin registers a node (or re-registers it: a new URL or token; labels and capacity
    left out keep the node's own, a new node gets the scheduler's default capacity). The token
    is the node's ``NOC_NODE_TOKEN``: the scheduler keeps it encrypted and never returns it."""

    model_config = {"extra": "forbid"}

    name: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
                      description="the node's NOC_NODE_NAME")
    url: Annotated[str, AfterValidator(_node_url)] = Field(
        max_length=1000, description="where the scheduler reaches the node (its NOC_NODE_URL)")
    token: SecretStr = Field(min_length=16, max_length=1000,
                             description="the node's NOC_NODE_TOKEN (never returned)")
    capacity: int | None = Field(default=None, ge=1, le=MAX_CAPACITY)
    labels: Labels | None = None

    @field_validator("token", mode="before")
    @classmethod
    def _stripped(cls, value: object) -> object:
        """As the registry keeps it (stripped), so a blank token is too short, not a conflict."""
        return value.strip() if isinstance(value, str) else value

    @field_serializer("token")  # in clear only with context=REVEAL: the backend's hop
    def _token(self, value: SecretStr, info: FieldSerializationInfo) -> str | None:
        return reveal(value, info)


class NodeRemoved(BaseModel):
    name: str
    settled_steps: int = Field(description="steps it had in hand, now ended lost")
