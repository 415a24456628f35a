"""Which ``NOC_*`` settings given to ``make run`` reach each layer, and which the stack keeps.

Every ``NOC_BACKEND_*``, ``NOC_SCHEDULER_*`` and ``NOC_NODE_*`` variable goes to its layer and
wins over the stack's default (database and queue URLs, the node's name and data dir, SMTP,
Telegram, workers, ...), except the few the stack must own for the layers to find and trust
each other: their URLs (the stack chooses the ports), the inter-layer tokens and secrets keys
(generated once into ``var/secrets/``), and TLS (the stack serves plain HTTP on its own
addresses). Those are ignored, and ``make run`` says so and why. Pure: names in, names out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

LAYERS = ("backend", "scheduler", "node")

_WHY_URL = ("the stack chooses the ports and wires the layers' URLs "
            "(NOC_RUN_BASE_PORT moves them)")
_WHY_SHARED = ("an inter-layer token: the stack generates it into var/secrets/ and gives it "
               "to both ends")
_WHY_KEY = ("the stack keeps its secrets key in var/secrets/ (the credentials in its database "
            "are encrypted with it)")
_WHY_TLS = "the stack serves plain HTTP on its own addresses"

#: the settings the stack sets and a given variable cannot change, with why
OWNED: dict[str, str] = {
    "NOC_BACKEND_SCHEDULER_URL": _WHY_URL,
    "NOC_BACKEND_SCHEDULER_TOKEN": _WHY_SHARED,
    "NOC_BACKEND_INTERNAL_TOKEN": _WHY_SHARED,
    "NOC_BACKEND_SECRETS_KEY": _WHY_KEY,
    "NOC_SCHEDULER_BACKEND_URL": _WHY_URL,
    "NOC_SCHEDULER_BACKEND_TOKEN": _WHY_SHARED,
    "NOC_SCHEDULER_API_TOKEN": _WHY_SHARED,
    "NOC_SCHEDULER_SECRETS_KEY": _WHY_KEY,
    "NOC_NODE_URL": _WHY_URL,
    "NOC_NODE_SCHEDULER_URL": _WHY_URL,
    "NOC_NODE_TOKEN": _WHY_SHARED,
    **{f"NOC_{layer.upper()}_TLS_{part}": _WHY_TLS
       for layer in LAYERS for part in ("CERT_FILE", "KEY_FILE", "CA_FILE")},
}

#: ``make run``'s own variables (read by ``scripts/run_stack.py``, never passed on)
LAUNCHER = ("NOC_RUN_", "NOC_BOOTSTRAP_ADMIN_PASSWORD")


@dataclass
class GivenSettings:
    #: per layer, the variables passed on to it (name -> value)
    layers: dict[str, dict[str, str]] = field(default_factory=lambda: {k: {} for k in LAYERS})
    #: (name, why) of each ``NOC_*`` variable that reaches no layer
    ignored: list[tuple[str, str]] = field(default_factory=list)


def layer_of(name: str) -> str | None:
    """The layer whose settings ``name`` is (``NOC_NODE_SMTP_HOST`` -> ``node``), else None."""
    for layer in LAYERS:
        if name.startswith(f"NOC_{layer.upper()}_") and len(name) > len(layer) + 5:
            return layer
    return None


def split_given(environ: Mapping[str, str]) -> GivenSettings:
    """Sort the ``NOC_*`` variables of ``environ`` into what each layer gets and what is
    ignored (with why); other variables are not looked at."""
    given = GivenSettings()
    for name in sorted(environ):
        if not name.startswith("NOC_") or name.startswith(LAUNCHER):
            continue
        layer = layer_of(name)
        if name in OWNED:
            given.ignored.append((name, OWNED[name]))
        elif layer is None:
            given.ignored.append((name, "not a setting of the backend, scheduler or node "
                                        "(they read NOC_BACKEND_*, NOC_SCHEDULER_*, NOC_NODE_*)"))
        else:
            given.layers[layer][name] = environ[name]
    return given


def without_owned(settings: Mapping[str, str]) -> dict[str, str]:
    """``settings`` less the variables the stack owns (for a caller that did not split)."""
    return {k: v for k, v in settings.items() if k not in OWNED}


def report(given: GivenSettings) -> list[str]:
    """What ``make run`` prints about the variables it was given: names only, never values
    (some are passwords)."""
    lines = [f"{layer} gets {', '.join(sorted(names))}"
             for layer, names in given.layers.items() if names]
    lines += [f"ignored {name}: {why}" for name, why in given.ignored]
    return lines
