"""An import's plan as the sections of a tree (no Qt): what is created, what changes (field:
old -> new), how much stays, and every refused value with its reason."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from noc_contracts.api import ImportPlanPublic


@dataclass(frozen=True)
class PlanItem:
    text: str
    details: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PlanSection:
    """``key`` names the section (the widget translates it); ``count`` is its size."""

    key: str
    count: int
    items: list[PlanItem]


def _show(value: Any) -> str:
    return "-" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def change_lines(changes: dict[str, Any]) -> list[str]:
    """``{"port": {"old": 22, "new": 2222}}`` -> ``["port: 22 -> 2222"]``."""
    lines = []
    for name in sorted(changes):
        change = changes[name]
        if isinstance(change, dict) and {"old", "new"} <= set(change):
            lines.append(f"{name}: {_show(change['old'])} -> {_show(change['new'])}")
        else:
            lines.append(f"{name}: {_show(change)}")
    return lines


def plan_sections(plan: ImportPlanPublic) -> list[PlanSection]:
    """Every non-empty section, in the order a reviewer reads them."""
    refused = [PlanItem(f"{r.host or r.group or ''} {r.field}".strip(),
                        [f"{r.code}: {r.message}"]) for r in plan.refused]
    sections = [
        PlanSection("refused", len(refused), refused),
        PlanSection("create_hosts", len(plan.create_hosts),
                    [PlanItem(name) for name in plan.create_hosts]),
        PlanSection("update_hosts", len(plan.update_hosts),
                    [PlanItem(c.name, change_lines(c.changes)) for c in plan.update_hosts]),
        PlanSection("create_groups", len(plan.create_groups),
                    [PlanItem(name) for name in plan.create_groups]),
        PlanSection("update_groups", len(plan.update_groups),
                    [PlanItem(c.name, change_lines(c.changes)) for c in plan.update_groups]),
        PlanSection("unchanged_hosts", len(plan.unchanged_hosts), []),
        PlanSection("unchanged_groups", len(plan.unchanged_groups), []),
    ]
    return [s for s in sections if s.count]
