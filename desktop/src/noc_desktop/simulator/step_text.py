"""How one simulated step reads in the panel: what happened on the block and which way the
walk went, in the user's language (values from the procedure stay as they are)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication

from noc_contracts import SimulatedStep

translate = QCoreApplication.translate


def status_name(status: str) -> str:
    """A step or run status, translated (an unknown one as it came)."""
    names = {
        "ok": translate("SimulatorSteps", "success"),
        "success": translate("SimulatorSteps", "success"),
        "failed": translate("SimulatorSteps", "failed"),
        "unreachable": translate("SimulatorSteps", "unreachable"),
        "timeout": translate("SimulatorSteps", "timed out"),
        "error": translate("SimulatorSteps", "error"),
        "lost": translate("SimulatorSteps", "lost"),
        "cancelled": translate("SimulatorSteps", "cancelled"),
        "running": translate("SimulatorSteps", "still running"),
    }
    return names.get(status, status)


def branch_name(branch: str | None) -> str:
    """The edge a step left by, translated."""
    if branch is None:
        return translate("SimulatorSteps", "the run ends here")
    names = {
        "success": translate("SimulatorSteps", "success edge"),
        "failure": translate("SimulatorSteps", "failure edge"),
        "true": translate("SimulatorSteps", "true edge"),
        "false": translate("SimulatorSteps", "false edge"),
        "body": translate("SimulatorSteps", "loop body"),
        "done": translate("SimulatorSteps", "loop done"),
        "next": translate("SimulatorSteps", "next"),
        "retry": translate("SimulatorSteps", "retries"),
    }
    return names.get(branch, branch)


def shown_value(value: Any, limit: int = 60) -> str:
    """A value from the run as compact JSON, cut when long."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _task(step: SimulatedStep) -> str:
    assert step.outcome is not None
    text = status_name(str(step.outcome.status))
    if step.outcome.rc is not None:
        text = translate("SimulatorSteps", "{status}, rc {rc}").format(
            status=text, rc=step.outcome.rc)
    if step.attempt > 1:
        text = translate("SimulatorSteps", "attempt {n}: {what}").format(
            n=step.attempt, what=text)
    if not step.scripted:
        text = translate("SimulatorSteps", "{what} (default)").format(what=text)
    return text


def _loop(step: SimulatedStep) -> str:
    assert step.loop is not None
    if step.loop.done:
        return translate("SimulatorSteps", "done after {n} iteration(s)").format(
            n=step.loop.index)
    text = translate("SimulatorSteps", "iteration {n}").format(n=step.loop.index)
    if step.loop.item is not None:
        text = translate("SimulatorSteps", "{what}, item {item}").format(
            what=text, item=shown_value(step.loop.item))
    return text


def what_happened(step: SimulatedStep) -> str:
    """The step's own event, without the way out."""
    if step.error:
        return translate("SimulatorSteps", "error: {message}").format(message=step.error)
    if step.type == "task" and step.outcome is not None:
        return _task(step)
    if step.type == "decision":
        value = (translate("SimulatorSteps", "true") if step.value
                 else translate("SimulatorSteps", "false"))
        return translate("SimulatorSteps", "{condition} is {value}").format(
            condition=step.condition or "", value=value)
    if step.type == "loop" and step.loop is not None:
        return _loop(step)
    if step.type == "wait":
        return translate("SimulatorSteps", "waits {seconds} s (not slept)").format(
            seconds=f"{step.wait_s or 0:g}")
    if step.type == "end":
        return translate("SimulatorSteps", "end")
    return ""


def step_line(step: SimulatedStep) -> str:
    """``node: what happened → the way out``."""
    return translate("SimulatorSteps", "{node}: {what} → {way}").format(
        node=step.node_id, what=what_happened(step), way=branch_name(step.branch))


def step_tooltip(step: SimulatedStep) -> str:
    """The details: params sent, the condition's own value, the outcome's data."""
    lines = [translate("SimulatorSteps", "visit {visit}, at {seconds} s").format(
        visit=step.visit, seconds=f"{step.at_s:g}")]
    if step.params:
        lines.append(translate("SimulatorSteps", "params: {value}").format(
            value=shown_value(step.params, 200)))
    if step.condition is not None and step.value is not None:
        lines.append(translate("SimulatorSteps", "{condition} → {value}").format(
            condition=step.condition, value=shown_value(step.rendered, 200)))
    if step.outcome is not None:
        data = step.outcome.model_dump(exclude_defaults=True, exclude={"status"})
        if data:
            lines.append(translate("SimulatorSteps", "result: {value}").format(
                value=shown_value(data, 200)))
    if step.wait_s and step.type == "task":
        lines.append(translate("SimulatorSteps", "after a retry delay of {seconds} s").format(
            seconds=f"{step.wait_s:g}"))
    return "\n".join(lines)
