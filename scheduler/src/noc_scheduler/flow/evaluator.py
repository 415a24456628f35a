"""The seam between the pure engine and where expressions run: an ``Evaluator``.

The engine is handed one and never cares which: ``InProcessEvaluator`` runs them in this
thread under the contracts' soft budget (unit tests, tools); the scheduler's
``noc_scheduler.sandbox.SandboxEvaluator`` runs them in worker processes with hard bounds.
Both have the semantics of ``noc_scheduler.flow.expressions`` and return plain data.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from noc_contracts.expressions import budget
from noc_scheduler.flow import expressions

Context = dict[str, Any]


class Evaluator(Protocol):
    """Evaluate procedure text; every failure is an ``ExpressionError``."""

    def evaluate(self, expression: str, context: Context) -> Any: ...

    def condition(self, expression: str, context: Context) -> bool: ...

    def render(self, template: str, context: Context) -> str: ...

    def render_value(self, value: Any, context: Context) -> Any: ...


class InProcessEvaluator:
    """Expressions in the calling thread, bounded by the soft budget only."""

    def __init__(self, seconds: float = 1.0, max_output: int = 2_000_000) -> None:
        self.seconds = seconds
        self.max_output = max_output

    def __repr__(self) -> str:
        return f"<InProcessEvaluator {self.seconds:g}s>"

    def evaluate(self, expression: str, context: Context) -> Any:
        with budget(self.seconds, self.max_output):
            return expressions.to_data(expressions.evaluate(expression, context))

    def condition(self, expression: str, context: Context) -> bool:
        with budget(self.seconds, self.max_output):
            return expressions.condition(expression, context)

    def render(self, template: str, context: Context) -> str:
        with budget(self.seconds, self.max_output):
            return expressions.render(template, context)

    def render_value(self, value: Any, context: Context) -> Any:
        if not expressions.holds_template(value):
            return value
        with budget(self.seconds, self.max_output):
            return expressions.to_data(expressions.render_value(value, context))


class WalkBudget:
    """An evaluator that stops a whole walk after ``seconds`` of evaluation in total.

    Each call is bounded by the inner evaluator; this bounds one advance of one host run that
    enters many decisions and loops (up to the engine's transition limit) in a row.
    """

    def __init__(self, inner: Evaluator, seconds: float) -> None:
        self.inner = inner
        self.seconds = seconds
        self.spent = 0.0

    def __repr__(self) -> str:
        return f"<WalkBudget {self.spent:.2f}/{self.seconds:g}s of {self.inner!r}>"

    def _timed(self, call: Callable[[], Any]) -> Any:
        if self.spent > self.seconds:
            raise expressions.BudgetError(
                f"over budget: this walk spent more than {self.seconds:g} s evaluating")
        started = time.monotonic()
        try:
            return call()
        finally:
            self.spent += time.monotonic() - started

    def evaluate(self, expression: str, context: Context) -> Any:
        return self._timed(lambda: self.inner.evaluate(expression, context))

    def condition(self, expression: str, context: Context) -> bool:
        return bool(self._timed(lambda: self.inner.condition(expression, context)))

    def render(self, template: str, context: Context) -> str:
        return str(self._timed(lambda: self.inner.render(template, context)))

    def render_value(self, value: Any, context: Context) -> Any:
        if not expressions.holds_template(value):
            return value
        return self._timed(lambda: self.inner.render_value(value, context))
