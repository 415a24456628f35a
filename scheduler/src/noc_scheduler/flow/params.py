"""A task node's params for one host: rendered field by field, then checked against the task
type's schema, so a step the node would refuse ends here, with a message naming the field."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from noc_contracts import CATALOGUE, TaskNode
from noc_scheduler.flow.evaluator import Context, Evaluator
from noc_scheduler.flow.expressions import ExpressionError


class ParamsError(ExpressionError):
    """The params could not be rendered, or rendered into something the task refuses."""


def render_params(node: TaskNode, context: Context, evaluator: Evaluator) -> dict[str, Any]:
    """Every param rendered; the first failure names the node and the field."""
    rendered: dict[str, Any] = {}
    for key, value in node.params.items():
        try:
            rendered[key] = evaluator.render_value(value, context)
        except ExpressionError as exc:
            raise ParamsError(f"'{node.id}' params.{key}: {exc}") from exc
    return rendered


def check_params(node: TaskNode, params: dict[str, Any]) -> None:
    """Refuse params the task type's schema refuses (the node would answer 422 to them)."""
    spec = CATALOGUE.get(node.task)
    if spec is None:
        raise ParamsError(f"'{node.id}' task: unknown task type '{node.task}'")
    try:
        spec.params.model_validate(params)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error.get("loc", ()))
            field = f"params.{where}" if where else "params"
            problems.append(f"{field}: {error.get('msg', 'invalid')}")
        raise ParamsError(f"'{node.id}' rendered params are invalid: "
                          + "; ".join(problems)) from exc
