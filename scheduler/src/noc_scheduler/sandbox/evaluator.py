"""``SandboxEvaluator``: the engine's ``Evaluator`` backed by the worker pool.

Text that is not a template never leaves this process (the fast path); the rest goes to a
worker with a deadline. A budget failure (time, size, memory, a killed worker) trips the
breaker for its execution and source, so the other host runs reaching it fail at once with
the same message.
"""

from __future__ import annotations

import logging
from typing import Any

from noc_scheduler.flow import expressions
from noc_scheduler.flow.evaluator import Context
from noc_scheduler.flow.expressions import BudgetError, ExpressionError
from noc_scheduler.sandbox.breaker import Breaker
from noc_scheduler.sandbox.pool import SandboxFailure, SandboxPool

logger = logging.getLogger(__name__)


class SandboxEvaluator:
    """Evaluates in sandbox worker processes; owns the pool (``close`` ends it)."""

    def __init__(self, pool: SandboxPool, breaker: Breaker | None = None) -> None:
        self.pool = pool
        self.breaker = breaker or Breaker()

    def __repr__(self) -> str:
        return f"<SandboxEvaluator {self.pool!r}>"

    def evaluate(self, expression: str, context: Context) -> Any:
        return self._run("evaluate", expression, context)

    def condition(self, expression: str, context: Context) -> bool:
        return bool(self._run("condition", expression, context))

    def render(self, template: str, context: Context) -> str:
        if not expressions.is_template(template):
            return template
        return str(self._run("render", template, context))

    def render_value(self, value: Any, context: Context) -> Any:
        if not expressions.holds_template(value):
            return value
        return self._run("render_value", value, context)

    def close(self) -> None:
        self.pool.close()

    def _run(self, op: str, value: Any, context: Context) -> Any:
        key = Breaker.key(op, value, context)
        known = self.breaker.tripped(key)
        if known is not None:
            raise BudgetError(known)
        try:
            reply = self.pool.call({"op": op, "value": value, "context": context})
        except SandboxFailure as exc:
            message = f"{expressions.quote_value(value)}: over budget: {exc.reason}"
            self.breaker.trip(key, message)
            raise BudgetError(message) from None
        if "ok" in reply:
            return reply["ok"]
        message = str(reply.get("error") or "evaluation failed")
        if reply.get("budget"):
            self.breaker.trip(key, message)
            raise BudgetError(message)
        raise ExpressionError(message)
