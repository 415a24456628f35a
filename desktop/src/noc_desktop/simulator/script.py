"""The simulator's script without Qt: each task's outcomes (one row per visit or attempt, in
order), the host and the launch vars as the panel edits them (vars typed by the inventory's
vars editor), and the ``SimulationRequest`` they make, or ``ScriptProblem`` naming the field
at fault (as the server's 422 would)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from noc_contracts import SimulatedOutcome
from noc_contracts.api import SimulatedHost, SimulationRequest
from noc_desktop.document.limits import OUTCOME_DETAILS

#: the outcome statuses offered (``ok`` follows the success edge, the rest the failure path)
STATUSES = ("ok", "failed", "unreachable", "timeout", "error")
#: what a row's details may hold, besides its status
DETAIL_KEYS = OUTCOME_DETAILS


class ScriptProblem(ValueError):
    """``field`` is a request path (``vars``, ``host.vars``, ``outcomes.check.2``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass
class OutcomeRow:
    """One dispatch of a task: its status and optional details as JSON object text."""

    node_id: str
    status: str = "ok"
    details: str = ""


@dataclass
class HostChoice:
    """An inventory host (``inventory``) or a described one (name, groups, vars)."""

    inventory: str | None = None
    name: str = ""
    groups: list[str] = field(default_factory=list)
    vars: dict[str, Any] = field(default_factory=dict)


def parse_object(text: str, where: str) -> dict[str, Any]:
    """``text`` as a JSON object; empty is ``{}``."""
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScriptProblem(where, f"not JSON: {exc.msg} (line {exc.lineno}, "
                                   f"column {exc.colno})") from exc
    if not isinstance(value, dict):
        raise ScriptProblem(where, "must be a JSON object: {\"key\": value}")
    return value


class Script:
    """The outcome rows, kept in the graph's task order; every task has at least one row."""

    def __init__(self) -> None:
        self.rows: list[OutcomeRow] = []
        self.default_status = "ok"

    def reset(self, tasks: Sequence[str]) -> None:
        """Rows for these task nodes (in order): kept for tasks still there, one new row for
        new ones (a draft's tasks too: nothing here needs the graph to be valid)."""
        kept: dict[str, list[OutcomeRow]] = {}
        for row in self.rows:
            kept.setdefault(row.node_id, []).append(row)
        self.rows = [row for node_id in tasks
                     for row in kept.get(node_id) or [OutcomeRow(node_id)]]

    def visit_of(self, index: int) -> int:
        """The row's place (from 1) among its task's rows: which dispatch it answers."""
        node_id = self.rows[index].node_id
        return sum(1 for row in self.rows[:index + 1] if row.node_id == node_id)

    def add_visit(self, index: int) -> int:
        """A further row for the task of row ``index``, after its last; returns its index."""
        node_id = self.rows[index].node_id
        last = max(i for i, row in enumerate(self.rows) if row.node_id == node_id)
        self.rows.insert(last + 1, OutcomeRow(node_id, self.rows[last].status,
                                              self.rows[last].details))
        return last + 1

    def can_remove(self, index: int) -> bool:
        node_id = self.rows[index].node_id
        return sum(1 for row in self.rows if row.node_id == node_id) > 1

    def remove_visit(self, index: int) -> None:
        if self.can_remove(index):
            del self.rows[index]

    def grow_to(self, dispatches: dict[str, int]) -> bool:
        """At least one row per dispatch a walk made of each task (new rows take the default
        status), so a task visited several times can be scripted visit by visit."""
        grown = False
        for node_id, count in dispatches.items():
            have = [i for i, row in enumerate(self.rows) if row.node_id == node_id]
            if not have:
                continue
            for offset in range(count - len(have)):
                self.rows.insert(have[-1] + 1 + offset, OutcomeRow(node_id, self.default_status))
                grown = True
        return grown

    def outcomes(self) -> dict[str, list[SimulatedOutcome]]:
        """Each task's outcomes in order; a bad row is a ``ScriptProblem`` naming it."""
        found: dict[str, list[SimulatedOutcome]] = {}
        for index, row in enumerate(self.rows):
            where = f"outcomes.{row.node_id}.{self.visit_of(index)}"
            details = parse_object(row.details, where)
            unknown = sorted(set(details) - set(DETAIL_KEYS))
            if unknown:
                raise ScriptProblem(where, f"unknown key {unknown[0]!r}; use "
                                           + ", ".join(DETAIL_KEYS))
            try:
                outcome = SimulatedOutcome.model_validate({**details, "status": row.status})
            except ValidationError as exc:
                error = exc.errors()[0]
                key = ".".join(str(p) for p in error.get("loc", ()))
                raise ScriptProblem(where, f"{key}: {error.get('msg', 'invalid')}") from exc
            found.setdefault(row.node_id, []).append(outcome)
        return found


def build_request(graph: dict[str, Any], host: HostChoice, launch_vars: Mapping[str, Any],
                  script: Script, procedure: str = "") -> SimulationRequest:
    """The request the panel sends; ``ScriptProblem`` names the field a person must fix."""
    launch_vars = dict(launch_vars)
    outcomes = script.outcomes()
    default = SimulatedOutcome.model_validate({"status": script.default_status})
    if host.inventory is not None:
        if not host.inventory.strip():
            raise ScriptProblem("host_name", "choose a host")
        return SimulationRequest(graph=graph, host_name=host.inventory.strip(),
                                 procedure=procedure, vars=launch_vars, outcomes=outcomes,
                                 default_outcome=default)
    if not host.name.strip():
        raise ScriptProblem("host.name", "give the host a name")
    described = SimulatedHost(name=host.name.strip(), groups=host.groups,
                              vars=dict(host.vars))
    return SimulationRequest(graph=graph, host=described, procedure=procedure,
                             vars=launch_vars, outcomes=outcomes, default_outcome=default)
