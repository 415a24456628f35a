"""An evaluator that notes every condition a simulated walk evaluates, in walk order.

The engine's own trace (``FlowState.trace``) says which way each decision and loop went; this
adds, in the same list and just before it, the condition's source, truth and own value, so a
simulation can show ``steps.check.rc == 0`` as ``false`` and why.
"""

from __future__ import annotations

from typing import Any

from noc_scheduler.flow.evaluator import Context, Evaluator
from noc_scheduler.flow.expressions import ExpressionError


class RecordingEvaluator:
    """Judges with ``judge`` (the real run's evaluator and budget); ``raw`` evaluates each
    condition again, for display only, outside the walk's budget."""

    def __init__(self, judge: Evaluator, raw: Evaluator, trace: list[dict[str, Any]]) -> None:
        self.judge = judge
        self.raw = raw
        self.trace = trace

    def __repr__(self) -> str:
        return f"<RecordingEvaluator {self.judge!r}>"

    def evaluate(self, expression: str, context: Context) -> Any:
        return self.judge.evaluate(expression, context)

    def condition(self, expression: str, context: Context) -> bool:
        entry: dict[str, Any] = {"condition": expression}
        self.trace.append(entry)  # before judging: a failure still names its source
        value = self.judge.condition(expression, context)
        entry["value"] = value
        try:
            entry["rendered"] = self.raw.evaluate(expression, context)
        except ExpressionError:
            entry["rendered"] = None  # truthy but not data (the judge decided already)
        return value

    def render(self, template: str, context: Context) -> str:
        return self.judge.render(template, context)

    def render_value(self, value: Any, context: Context) -> Any:
        return self.judge.render_value(value, context)
