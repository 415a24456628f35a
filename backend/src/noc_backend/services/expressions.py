"""Compile-time check of the Jinja2 expressions and templates in a procedure graph."""

from __future__ import annotations

from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

_ENV = SandboxedEnvironment(autoescape=False)


def check_expression(source: str) -> str | None:
    """The syntax error in ``source`` as a sentence, or None when it compiles."""
    try:
        _ENV.parse(source)
    except TemplateSyntaxError as exc:
        return f"does not compile: {exc.message}"
    return None
