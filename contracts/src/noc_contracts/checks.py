"""``noc-<layer> check``: one line per check (``ok`` or ``FAIL`` and what is wrong, naming the
setting at fault), exit 0 only when every check passed, and never a traceback: an unexpected
error is a failed check naming its type. Each layer lists its own checks; this runs them."""

from __future__ import annotations

import contextlib
import difflib
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TextIO, TypeVar
from urllib.parse import urlsplit, urlunsplit

from pydantic import ValidationError

from noc_contracts.config_file import ConfigFileError, config_keys, settings_sources

SettingsT = TypeVar("SettingsT")


class CheckFailed(Exception):
    """What a check found wrong: a sentence naming the setting at fault."""


@dataclass(frozen=True)
class Outcome:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'} {self.name}: {self.detail}"


class Checklist:
    """Runs checks in order, printing each outcome as it comes."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self.outcomes: list[Outcome] = []

    def add(self, name: str, ok: bool, detail: str) -> None:
        outcome = Outcome(name, ok, detail)
        self.outcomes.append(outcome)
        print(outcome.line(), file=self.out, flush=True)

    def run(self, name: str, check: Callable[[], str]) -> bool:
        """``check()`` returns what it found right, or raises ``CheckFailed``."""
        try:
            self.add(name, True, check())
        except CheckFailed as exc:
            self.add(name, False, str(exc))
        except Exception as exc:  # never a traceback: the admin gets the error's name
            self.add(name, False, f"unexpected {type(exc).__name__}: {exc}")
        return self.outcomes[-1].ok

    @property
    def passed(self) -> bool:
        return all(o.ok for o in self.outcomes)

    def exit_code(self) -> int:
        return 0 if self.passed else 1


def settings_problems(exc: ValidationError, prefix: str) -> list[str]:
    """Each error of a settings model as ``NOC_<LAYER>_KEY: what is wrong`` (a model-wide
    check's message names its keys itself)."""
    problems = []
    for err in exc.errors():
        message = str(err["msg"]).removeprefix("Value error, ")
        if err["loc"]:
            key = prefix + "_".join(str(part) for part in err["loc"]).upper()
            problems.append(f"{key}: {message}")
        else:
            problems.append(message)
    return problems


def unknown_settings(prefix: str, fields: Iterable[str], config: str | None,
                     environ: Mapping[str, str]) -> list[str]:
    """Each ``prefix`` name set in the ``config`` file or the environment that names no setting
    (``fields``: the settings' field names), with the closest setting when one is close: the
    settings ignore such a name, so a misspelled key would silently leave its default."""
    known = sorted(field.upper() for field in fields)
    found: dict[str, list[str]] = {}
    if config is not None:
        with contextlib.suppress(OSError):  # the settings line already said it is unreadable
            found[config] = config_keys(config)
    found["the environment"] = list(environ)
    problems = []
    for where, names in found.items():
        for name in sorted({n for n in names if n.upper().startswith(prefix)}):
            key = name.upper().removeprefix(prefix)
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1)  # the prefix would match all
            hint = f"; did you mean {prefix}{close[0]}?" if close else ""
            problems.append(f"{name} (in {where}) is not a setting and is ignored{hint}")
    return problems


def checked_settings(checks: Checklist, settings_type: Callable[..., SettingsT], prefix: str,
                     fields: Iterable[str], config: str | None) -> SettingsT | None:
    """The first lines of every layer's check: its settings read from ``config`` and the
    environment (a ``settings`` line: valid, or each problem named by its key) and an
    ``unknown setting`` line per misspelled name; ``None`` when the settings are refused."""
    settings: SettingsT | None = None
    try:
        settings = settings_type(**settings_sources(config))
    except ConfigFileError as exc:
        checks.add("settings", False, str(exc))
        return None
    except ValidationError as exc:
        for problem in settings_problems(exc, prefix):
            checks.add("settings", False, problem)
    else:
        checks.add("settings", True, "valid" + (f" ({config} and the environment)" if config
                                                else " (the environment)"))
    for problem in unknown_settings(prefix, fields, config, os.environ):
        checks.add("unknown setting", False, problem)
    return settings


def without_password(url: str) -> str:
    """``url`` with any password in it replaced (safe to print); the host and port as written
    (an IPv6 address keeps its brackets, a bad port is shown, not raised)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit(parts._replace(netloc=user + parts.netloc.rpartition("@")[2]))


def schema_state(known: dict[int, str], applied: set[int], setting: str, layer: str) -> str:
    """Whether a database records every schema step this release knows (``known``: number ->
    label) and none newer; ``CheckFailed`` naming ``setting`` and what to run."""
    newer = applied - known.keys()
    if newer:
        raise CheckFailed(f"{setting}: migrated by a newer release (step {max(newer)}); this "
                          f"version knows up to {max(known, default=0)}")
    pending = [label for number, label in sorted(known.items()) if number not in applied]
    if pending:
        raise CheckFailed(f"{setting}: {len(pending)} schema step(s) pending "
                          f"({', '.join(pending)}): run noc-{layer} migrate")
    return f"migrated ({known[max(known)]})" if known else "migrated"
