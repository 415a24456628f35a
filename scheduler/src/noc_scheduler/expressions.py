"""Jinja2 in a sandbox: templated task params, decision conditions and loop items.

Every failure (syntax, undefined name, unsafe attribute, a Python error inside the
expression) becomes an ``ExpressionError`` with a readable message, never a crash.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from noc_scheduler.core.errors import SchedulerError

MAX_TEMPLATE_CHARS = 10_000
_WHOLE_EXPRESSION = re.compile(r"^\s*\{\{(?P<expr>.*?)\}\}\s*$", re.DOTALL)

# Keep a trailing newline as Ansible does: file content must arrive byte for byte.
_env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


class ExpressionError(SchedulerError):
    """A template or condition could not be evaluated; the message says why."""


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def is_template(value: object) -> bool:
    return isinstance(value, str) and ("{{" in value or "{%" in value)


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
    except ExpressionError:
        raise
    except TemplateError as exc:
        raise ExpressionError(f"{expression!r}: {exc.message or _describe(exc)}") from exc
    except Exception as exc:  # any error inside user code is that user's problem, not a crash
        raise ExpressionError(f"{expression!r}: {_describe(exc)}") from exc


def condition(expression: str, context: dict[str, Any]) -> bool:
    """Evaluate a decision or ``while`` condition to a bool."""
    return bool(evaluate(expression, context))


def render(template: str, context: dict[str, Any]) -> str:
    """Render a text template (``nginx down on {{ host.name }}``)."""
    if len(template) > MAX_TEMPLATE_CHARS:
        raise ExpressionError("template is too long")
    try:
        return _env.from_string(template).render(**context)
    except TemplateError as exc:
        raise ExpressionError(f"{template!r}: {exc.message or _describe(exc)}") from exc
    except Exception as exc:
        raise ExpressionError(f"{template!r}: {_describe(exc)}") from exc


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


def check(template: str) -> str | None:
    """A syntax problem in ``template`` (for ``validate_graph``), or None when it compiles."""
    try:
        _env.parse(template)
    except TemplateError as exc:
        return f"invalid expression: {exc.message or _describe(exc)}"
    return None
