"""ansible-core's own templar as a test oracle, run in a child process.

ansible-core does not import under pytest-qt's PySide6 import hook, and keeps global state of
its own, so the tests ask a fresh interpreter: ``evaluate(context, items)`` sends each item
(``{"kind": "condition" | "expression" | "template", "source": ...}``) and gets back, per item,
``{"ok": value}`` (plain JSON data) or ``{"error": message}``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def evaluate(context: dict[str, Any], items: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Each item evaluated by ansible-core over ``context``, in order."""
    done = subprocess.run([sys.executable, "-m", "tests.support.ansible_oracle"],
                          input=json.dumps({"context": context, "items": items}),
                          capture_output=True, text=True, timeout=120, check=True, cwd=ROOT)
    answers: list[dict[str, Any]] = json.loads(done.stdout.splitlines()[-1])
    return answers


def _main() -> None:
    from ansible.parsing.dataloader import DataLoader
    from ansible.template import Templar, trust_as_template

    request = json.load(sys.stdin)
    templar = Templar(loader=DataLoader(), variables=request["context"])
    run = {
        "condition": lambda s: templar.evaluate_conditional(trust_as_template(s)),
        "expression": lambda s: templar.evaluate_expression(trust_as_template(s),
                                                            escape_backslashes=False),
        "template": lambda s: templar.template(trust_as_template(s), escape_backslashes=False),
    }
    answers = []
    for item in request["items"]:
        try:
            value = run[item["kind"]](item["source"])
            answers.append({"ok": json.loads(json.dumps(value, default=str))})
        except Exception as exc:  # the oracle's failure is an answer, not a crash
            answers.append({"error": f"{type(exc).__name__}: {exc}"})
    print(json.dumps(answers))


if __name__ == "__main__":
    _main()
