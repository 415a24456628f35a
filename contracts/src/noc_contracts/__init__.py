"""noc-orchestrator wire models: the only code two layers share. Pydantic only, no I/O."""

from noc_contracts.catalogue import CATALOGUE, TaskKind, TaskType, TaskTypeSpec, task_type_spec
from noc_contracts.errors import ErrorBody, ErrorCode, ErrorDetail, ErrorResponse
from noc_contracts.events import (
    EventBatch,
    EventType,
    ExecutionEvent,
    ExecutionStatus,
    HostRunStatus,
)
from noc_contracts.graph import (
    EDGE_KINDS,
    DecisionNode,
    Edge,
    EndNode,
    GraphNode,
    LoopNode,
    Note,
    ProcedureGraph,
    TaskNode,
    WaitNode,
)
from noc_contracts.inventory import REVEAL, Connection, CredentialSecret, TargetHost
from noc_contracts.masking import MASK, is_secret_key, mask_secret_values
from noc_contracts.nodes import NodeHeartbeat, NodeInfo
from noc_contracts.schedules import (
    ResolvedRun,
    ResolveRequest,
    RunRequest,
    ScheduleCreate,
    ScheduleInfo,
    SchedulePolicy,
    SchedulePreview,
    ScheduleStatus,
    Target,
)
from noc_contracts.simulation import (
    MAX_SIMULATION_STEPS,
    SimulatedLoop,
    SimulatedOutcome,
    SimulatedStep,
    SimulationResult,
    SimulationRun,
)
from noc_contracts.tasks import (
    HostResult,
    ProbeRequest,
    ProbeResult,
    ResultAck,
    StepStatus,
    TaskAccepted,
    TaskRequest,
    TaskResult,
)
from noc_contracts.validation import validate_graph

CONTRACTS_VERSION = "1.0"

__all__ = [
    "CATALOGUE",
    "CONTRACTS_VERSION",
    "EDGE_KINDS",
    "MASK",
    "MAX_SIMULATION_STEPS",
    "REVEAL",
    "Connection",
    "CredentialSecret",
    "DecisionNode",
    "Edge",
    "EndNode",
    "ErrorBody",
    "ErrorCode",
    "ErrorDetail",
    "ErrorResponse",
    "EventBatch",
    "EventType",
    "ExecutionEvent",
    "ExecutionStatus",
    "GraphNode",
    "HostResult",
    "HostRunStatus",
    "LoopNode",
    "NodeHeartbeat",
    "NodeInfo",
    "Note",
    "ProbeRequest",
    "ProbeResult",
    "ProcedureGraph",
    "ResolveRequest",
    "ResolvedRun",
    "ResultAck",
    "RunRequest",
    "ScheduleCreate",
    "ScheduleInfo",
    "SchedulePolicy",
    "SchedulePreview",
    "ScheduleStatus",
    "SimulatedLoop",
    "SimulatedOutcome",
    "SimulatedStep",
    "SimulationResult",
    "SimulationRun",
    "StepStatus",
    "Target",
    "TargetHost",
    "TaskAccepted",
    "TaskKind",
    "TaskNode",
    "TaskRequest",
    "TaskResult",
    "TaskType",
    "TaskTypeSpec",
    "WaitNode",
    "is_secret_key",
    "mask_secret_values",
    "task_type_spec",
    "validate_graph",
]
