"""From the document's blocks to what the items show: shape, translated text, colours."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from noc_desktop.canvas.items import colors
from noc_desktop.canvas.items.block import BlockLook
from noc_desktop.document.model import FlowNode

SHAPES = {"task": "task", "decision": "decision", "loop": "loop", "wait": "wait",
          "end": "terminal"}


def tr(text: str) -> str:
    return QCoreApplication.translate("Flowchart", text)


def kind_letter(kind: str | None) -> str:
    """One letter per task kind, translatable (monitoring, action, notification)."""
    letters = {"monitoring": tr("M"), "action": tr("A"), "notification": tr("N")}
    return letters.get(kind or "", "?")


def kind_name(kind: str | None) -> str:
    names = {"monitoring": tr("monitoring"), "action": tr("action"),
             "notification": tr("notification")}
    return names.get(kind or "", tr("unknown task type"))


def edge_text(kind: str) -> str:
    texts = {"success": tr("success"), "failure": tr("failure"), "true": tr("true"),
             "false": tr("false"), "body": tr("body"), "done": tr("done"), "next": tr("next")}
    return texts.get(kind, kind)


def seconds_text(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return tr("{n} min").format(n=int(seconds // 60))
    return tr("{n} s").format(n=f"{seconds:g}")


def look_of(node: FlowNode) -> BlockLook:
    """The look of one block: its label (or id) as the title, its facts under it."""
    title = node.label or node.id
    start = tr("Start") if node.is_start else ""
    ident = tr("Block {id}").format(id=node.id)
    if node.type == "task":
        task = node.task or ""
        return BlockLook(node.id, "task", title, task, accent=colors.kind_color(node.kind),
                         mark=kind_letter(node.kind), start_text=start,
                         tooltip=tr("{ident}: {kind} task {task}").format(
                             ident=ident, kind=kind_name(node.kind), task=task))
    if node.type == "decision":
        return BlockLook(node.id, "decision", title, start_text=start,
                         tooltip=tr("{ident}: if {condition}").format(
                             ident=ident, condition=node.condition or ""))
    if node.type == "loop":
        tip = tr("{ident}: loop, at most {n} times").format(ident=ident,
                                                             n=node.max_iterations)
        if node.while_:
            tip = tr("{tip}, while {condition}").format(tip=tip, condition=node.while_)
        return BlockLook(node.id, "loop", title,
                         tr("at most {n} times").format(n=node.max_iterations),
                         mark="loop", start_text=start, tooltip=tip)
    if node.type == "wait":
        seconds = seconds_text(node.seconds or 0)
        return BlockLook(node.id, "wait", title, tr("wait {time}").format(time=seconds),
                         mark="wait", start_text=start,
                         tooltip=tr("{ident}: wait {time}").format(ident=ident, time=seconds))
    failed = node.result == "failure"
    result = tr("ends failed") if failed else tr("ends well")
    return BlockLook(node.id, "terminal", title, result,
                     accent=colors.END_COLORS["failure" if failed else "success"],
                     mark="end-failure" if failed else "end-success", start_text=start,
                     tooltip=tr("{ident}: the host's run {result}").format(ident=ident,
                                                                          result=result))
