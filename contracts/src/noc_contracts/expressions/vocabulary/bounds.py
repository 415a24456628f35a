"""What every Ansible filter and test here shares: its error type and the budget around a call.

Jinja calls filters and tests directly, past the sandbox's ``call`` hook, so each one is wrapped
by ``bounded``: the deadline is checked before it runs and the size of what it built after.
Inputs a filter walks itself (regex subjects, YAML and JSON text) are capped before the work.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from jinja2 import Undefined
from jinja2.exceptions import TemplateRuntimeError

from noc_contracts.expressions.budget import current

F = TypeVar("F", bound=Callable[..., Any])

#: the longest text a filter parses or searches (regex subjects, JSON and YAML documents)
MAX_INPUT_CHARS = 1_000_000


class VocabularyError(TemplateRuntimeError):
    """A filter or test refused its input; the message names it (``regex_search: ...``)."""


def fail(name: str, message: str) -> VocabularyError:
    return VocabularyError(f"{name}: {message}")


def text_input(name: str, value: Any) -> str:
    """``value`` as text for a filter that scans it, refused when over ``MAX_INPUT_CHARS``."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > MAX_INPUT_CHARS:
        raise fail(name, f"the input is {len(text):,} characters, over the "
                         f"{MAX_INPUT_CHARS:,} limit")
    return text


def _size(value: Any) -> int:
    if isinstance(value, str | bytes | list | tuple | Mapping | set | frozenset):
        return len(value)
    return 0


def accepts_undefined(function: F) -> F:
    """Mark a filter that handles undefined input itself (``mandatory``)."""
    function.__dict__["accepts_undefined"] = True
    return function


def _refuse_undefined(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Raise the undefined error an argument carries, as Jinja's own filters do."""
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, Undefined):
            arg._fail_with_undefined_error()


def bounded(function: F) -> F:
    """``function`` under the active budget (time before the call, size of its result); an
    undefined argument fails with its undefined error, unless ``accepts_undefined``."""
    strict = not getattr(function, "accepts_undefined", False)

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        active = current()
        active.check_time()
        if strict:
            _refuse_undefined(args, kwargs)
        result = function(*args, **kwargs)
        active.check_size(_size(result))
        return result

    return call  # type: ignore[return-value]
