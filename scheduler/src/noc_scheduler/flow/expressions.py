"""The shared expression language at run time: templated task params, decision conditions and
loop items, evaluated with ``noc_contracts.expressions.make_environment()``.

Every failure (syntax, undefined name, unsafe attribute, a Python error inside the expression,
an exhausted budget) becomes an ``ExpressionError`` with a readable message, never a crash.
Results are plain JSON data (``to_data``): they are stored in host run state and step params.
These functions run wherever they are called; the scheduler calls them inside a sandbox worker
process (``noc_scheduler.sandbox``) so that hard bounds hold too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from jinja2 import StrictUndefined, TemplateError

from noc_contracts.expressions import BudgetExceeded, is_template, make_environment
from noc_scheduler.core.errors import SchedulerError

__all__ = ["BudgetError", "ExpressionError", "condition", "evaluate", "holds_template",
           "is_template", "quote", "quote_value", "render", "render_value", "to_data", "to_json"]

MAX_TEMPLATE_CHARS = 10_000
_WHOLE_EXPRESSION = re.compile(r"^\s*\{\{(?P<expr>.*?)\}\}\s*$", re.DOTALL)
_SHOWN = 60  # characters of the source quoted in a message

_env = make_environment()


class ExpressionError(SchedulerError):
    """A template or condition could not be evaluated; the message says why."""


class BudgetError(ExpressionError):
    """The evaluation went over its time, size or memory bound (the template's fault)."""


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def quote(source: str) -> str:
    """``source`` for a message: quoted, and cut when long (a hostile template can be huge)."""
    return repr(source if len(source) <= _SHOWN else source[:_SHOWN] + "...")


def quote_value(value: Any) -> str:
    """A param value (text, or a structure holding templates) for a message."""
    return quote(value if isinstance(value, str) else json.dumps(value, default=repr))


def _fail(source: str, exc: Exception) -> ExpressionError:
    """The one translation of an evaluation failure into our error."""
    if isinstance(exc, BudgetExceeded):
        return BudgetError(f"{quote(source)}: over budget: {exc}")
    if isinstance(exc, MemoryError):
        return BudgetError(f"{quote(source)}: over budget: ran out of memory")
    if isinstance(exc, TemplateError):
        return ExpressionError(f"{quote(source)}: {exc.message or _describe(exc)}")
    return ExpressionError(f"{quote(source)}: {_describe(exc)}")


def _data_default(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    if isinstance(value, Sequence):  # range() in a template
        return list(value)
    raise TypeError(f"a {type(value).__name__} is not data")


def to_json(value: Any) -> str:
    """``value`` as JSON text (tuples become lists); refuses objects that are not data."""
    try:
        return json.dumps(value, default=_data_default, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise ExpressionError(f"the result is not data: {exc}") from exc


def to_data(value: Any) -> Any:
    """``value`` as plain JSON data, as it will be stored."""
    return json.loads(to_json(value))


def evaluate(expression: str, context: dict[str, Any]) -> Any:
    """The value of a bare Jinja2 expression (``steps.check.rc == 0``), natively typed."""
    if len(expression) > MAX_TEMPLATE_CHARS:
        raise ExpressionError("expression is too long")
    try:
        compiled = _env.compile_expression(expression, undefined_to_none=False)
        value = compiled(**context)
        if isinstance(value, StrictUndefined):
            str(value)  # raises the undefined error with its hint
        return value
    except Exception as exc:  # any error inside user code is that user's problem, not a crash
        raise _fail(expression, exc) from exc


def condition(expression: str, context: dict[str, Any]) -> bool:
    """Evaluate a decision or ``while`` condition to a bool."""
    return bool(evaluate(expression, context))


def render(template: str, context: dict[str, Any]) -> str:
    """Render a text template (``nginx down on {{ host.name }}``); a trailing newline stays."""
    if len(template) > MAX_TEMPLATE_CHARS:
        raise ExpressionError("template is too long")
    try:
        return _env.from_string(template).render(**context)
    except Exception as exc:
        raise _fail(template, exc) from exc


def render_value(value: Any, context: dict[str, Any]) -> Any:
    """Render every string inside ``value``; a lone ``{{ expr }}`` keeps its native type."""
    if isinstance(value, str):
        if not is_template(value):
            return value
        whole = _WHOLE_EXPRESSION.match(value)
        if whole and "{{" not in whole.group("expr") and "}}" not in whole.group("expr"):
            return evaluate(whole.group("expr").strip(), context)
        return render(value, context)
    if isinstance(value, dict):
        return {k: render_value(v, context) for k, v in value.items()}
    if isinstance(value, list):
        return [render_value(v, context) for v in value]
    return value


def holds_template(value: Any) -> bool:
    """True when some string inside ``value`` is a template (else rendering is the identity)."""
    if isinstance(value, str):
        return is_template(value)
    if isinstance(value, dict):
        return any(holds_template(v) for v in value.values())
    if isinstance(value, list):
        return any(holds_template(v) for v in value)
    return False
