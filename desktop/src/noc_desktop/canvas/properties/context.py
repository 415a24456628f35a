"""What an expression may read in this procedure, and the live checks of expressions. No Qt.

``ExpressionContext`` holds the procedure's task ids (with their task types) and loop ids, and
the facts each task type documents; ``names()`` lists every name a condition or template may
use (``host.name``, ``steps.check.facts.state``, ``loop.tries.index``, ``vars.*``, ...);
``check_*`` run the contracts' expression checker against these ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from noc_contracts import CATALOGUE
from noc_contracts.expressions import (
    CONTEXT_FIELDS,
    check_expression,
    check_template,
    is_template,
)


@dataclass(frozen=True)
class ContextName:
    """One name: ``text`` as written in an expression (``*`` for any key), ``detail`` what it
    holds when the catalogue documents it (a task type's fact)."""

    text: str
    detail: str = ""

    @property
    def insert_text(self) -> str:
        """What goes into the expression: ``vars.*`` becomes ``vars.``."""
        return self.text[:-1] if self.text.endswith("*") else self.text


def catalogue_facts() -> dict[str, dict[str, str]]:
    """Task type -> its documented facts, from the contracts' catalogue."""
    return {name: dict(task_type.facts) for name, task_type in CATALOGUE.items()}


@dataclass(frozen=True)
class ExpressionContext:
    """The ids of the procedure's task and loop nodes, and each task type's facts."""

    tasks: Mapping[str, str] = field(default_factory=dict)  # task node id -> task type
    loops: Sequence[str] = ()
    facts: Mapping[str, Mapping[str, str]] = field(default_factory=catalogue_facts)

    def names(self) -> list[ContextName]:
        """Every name an expression may read, grouped by root in the context's order."""
        out: list[ContextName] = []
        for fld in CONTEXT_FIELDS["host"] or ():
            out.append(ContextName("host.vars.*" if fld == "vars" else f"host.{fld}"))
        step_fields = CONTEXT_FIELDS["steps.<id>"] or ()
        for step_id in sorted(self.tasks):
            facts = self.facts.get(self.tasks[step_id], {})
            for fld in step_fields:
                if fld != "facts":
                    out.append(ContextName(f"steps.{step_id}.{fld}"))
                elif facts:
                    out.extend(ContextName(f"steps.{step_id}.facts.{fact}", detail)
                               for fact, detail in facts.items())
                else:
                    out.append(ContextName(f"steps.{step_id}.facts.*"))
        for loop_id in sorted(self.loops):
            out.extend(ContextName(f"loop.{loop_id}.{fld}")
                       for fld in CONTEXT_FIELDS["loop.<id>"] or ())
        out.append(ContextName("vars.*"))
        out.extend(ContextName(f"execution.{fld}") for fld in CONTEXT_FIELDS["execution"] or ())
        return out

    def check_expression(self, text: str) -> list[str]:
        """Problems of a bare expression (a condition, ``while``); none for empty text."""
        if not text.strip():
            return []
        return check_expression(text, steps=list(self.tasks), loops=list(self.loops))

    def check_template(self, text: str) -> list[str]:
        """Problems of text that may hold a template; none for plain text."""
        if not is_template(text):
            return []
        return check_template(text, steps=list(self.tasks), loops=list(self.loops))


def context_of(nodes: Iterable[tuple[str, str, str | None]]) -> ExpressionContext:
    """A context from the document's nodes as (id, node type, task type or None)."""
    tasks: dict[str, str] = {}
    loops: list[str] = []
    for node_id, node_type, task in nodes:
        if node_type == "task":
            tasks[node_id] = task or ""
        elif node_type == "loop":
            loops.append(node_id)
    return ExpressionContext(tasks=tasks, loops=tuple(loops))


class ItemsText:
    """A loop's ``items`` as typed: a JSON list, a template giving one, or nothing."""

    INVALID = object()

    @staticmethod
    def parse(text: str) -> object:
        """The list, the template text, None when empty, or ``INVALID``."""
        stripped = text.strip()
        if not stripped:
            return None
        if is_template(stripped):
            return stripped
        try:
            value = json.loads(stripped)
        except ValueError:
            return ItemsText.INVALID
        return value if isinstance(value, list) else ItemsText.INVALID

    @staticmethod
    def format(value: object) -> str:
        if value is None:
            return ""
        return value if isinstance(value, str) else json.dumps(value)
