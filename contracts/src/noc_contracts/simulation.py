"""A simulated walk of a procedure for one host: scripted task outcomes in, the walked path out.

The scheduler's engine walks the graph exactly as in a real run, but no task runs: each
dispatch takes the next scripted outcome of its node (or the default) and waits are not slept.
``SimulationRun`` is what the backend sends the scheduler (the host already resolved);
``SimulationResult`` is the answer both hand back (the public API's too).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from noc_contracts.events import HostRunStatus
from noc_contracts.graph import ProcedureGraph
from noc_contracts.inventory import TargetHost
from noc_contracts.tasks import StepStatus

#: the most steps one simulation walks (a step: a node entered, or a task's further attempt)
MAX_SIMULATION_STEPS = 10_000
#: the most wall-clock seconds one simulation takes: then it stops (``truncated``)
MAX_SIMULATION_S = 20.0
#: the most scripted outcomes of one task node
MAX_SCRIPTED = 1_000

NodeType = Literal["task", "decision", "loop", "wait", "end"]


class SimulatedOutcome(BaseModel):
    """What one dispatch of a task answers in a simulation: a task result without its host.

    ``status`` is a step status (``ok`` follows the success edge, every other the failure
    path); ``success`` is accepted as ``ok``.
    """

    model_config = ConfigDict(extra="forbid")

    status: StepStatus = StepStatus.ok
    rc: int | None = None
    changed: bool = False
    stdout: str = ""
    stderr: str = ""
    msg: str = ""
    facts: dict[str, Any] = Field(default_factory=dict)

    @field_validator("status", mode="before")
    @classmethod
    def _success_is_ok(cls, value: Any) -> Any:
        return StepStatus.ok if value == "success" else value


Outcomes = dict[str, Annotated[list[SimulatedOutcome], Field(max_length=MAX_SCRIPTED)]]


class SimulatedLoop(BaseModel):
    """A loop node's counters after one entry (``loop.<id>`` as expressions see it)."""

    index: int
    index0: int
    item: Any = None
    done: bool = False


class SimulatedStep(BaseModel):
    """One node entered (or one more attempt of a task), with what decided the way out."""

    node_id: str
    type: NodeType
    visit: int = Field(description="how many times the walk has entered this node")
    attempt: int = 1
    at_s: float = Field(0.0, description="simulated seconds since the start")
    outcome: SimulatedOutcome | None = Field(
        None, description="task: the result used (status error: its params failed to render)")
    scripted: bool = Field(False, description="task: the outcome came from the script")
    params: dict[str, Any] | None = Field(None, description="task: its params for this host")
    condition: str | None = Field(None, description="decision: its condition; loop: its while")
    value: bool | None = Field(None, description="the condition's truth, when evaluated")
    rendered: Any = Field(None, description="the condition's own value, before its truth")
    loop: SimulatedLoop | None = None
    wait_s: float | None = Field(None, description="wait: its seconds; a retry: its delay")
    branch: str | None = Field(None, description="the edge followed out (success, failure, "
                               "true, false, body, done, next) or retry; none: the run ended")
    error: str | None = None


class SimulationResult(BaseModel):
    """The walk: every step, the path (as a real run's ``path``), how the host run ended."""

    status: HostRunStatus
    message: str = ""
    path: list[str]
    steps: list[SimulatedStep]
    truncated: bool = Field(False, description="stopped at the step bound or the time "
                            "bound before the run ended (status running)")
    elapsed_s: float = Field(0.0, description="simulated seconds: waits and retry delays")


class SimulationScript(BaseModel):
    """What a simulation plays besides its graph and host: the launch vars, each task node's
    scripted outcomes (in order of visits and attempts), the default outcome, the step bound.
    The public request and the run the backend sends the scheduler both carry it."""

    model_config = ConfigDict(extra="forbid")

    procedure: str = Field("", max_length=200, description="shown as execution.procedure")
    vars: dict[str, Any] = Field(default_factory=dict, description="launch variables")
    outcomes: Outcomes = Field(default_factory=dict)
    default_outcome: SimulatedOutcome = Field(default_factory=SimulatedOutcome)
    max_steps: int = Field(MAX_SIMULATION_STEPS, ge=1, le=MAX_SIMULATION_STEPS)


class SimulationRun(SimulationScript):
    """Backend -> scheduler: walk ``graph`` for ``host`` (no credential) with these outcomes."""

    graph: ProcedureGraph
    host: TargetHost
