"""From the document's blocks to what the items show: shape, translated text, colours."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from noc_desktop.canvas.items import colors
from noc_desktop.canvas.items.block import BlockLook
from noc_desktop.document.model import FlowNode

SHAPES = {"task": "task", "decision": "decision", "loop": "loop", "wait": "wait",
          "end": "terminal"}
translate = QCoreApplication.translate


def kind_letter(kind: str | None) -> str:
    """One letter per task kind, translatable (monitoring, action, notification)."""
    letters = {"monitoring": translate("Flowchart", "M", "monitoring task"),
               "action": translate("Flowchart", "A", "action task"),
               "notification": translate("Flowchart", "N", "notification task")}
    return letters.get(kind or "", "?")


def kind_name(kind: str | None) -> str:
    names = {"monitoring": translate("Flowchart", "monitoring"),
             "action": translate("Flowchart", "action"),
             "notification": translate("Flowchart", "notification")}
    return names.get(kind or "", translate("Flowchart", "unknown"))


def edge_text(kind: str) -> str:
    """An edge kind as its label says it."""
    texts = {"success": translate("Flowchart", "success"),
             "failure": translate("Flowchart", "failure"),
             "true": translate("Flowchart", "true"),
             "false": translate("Flowchart", "false"),
             "body": translate("Flowchart", "body"),
             "done": translate("Flowchart", "done"),
             "next": translate("Flowchart", "next")}
    return texts.get(kind, kind)


def seconds_text(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return translate("Flowchart", "{n} min").format(n=int(seconds // 60))
    return translate("Flowchart", "{n} s").format(n=f"{seconds:g}")


def look_of(node: FlowNode) -> BlockLook:
    """The look of one block: its label (or id) as the title, its facts under it."""
    title = node.label or node.id
    start = translate("Flowchart", "Start") if node.is_start else ""
    ident = translate("Flowchart", "Block {id}").format(id=node.id)
    if node.type == "task":
        task = node.task or ""
        tip = translate("Flowchart", "{ident}: {kind} task {task}").format(
            ident=ident, kind=kind_name(node.kind), task=task)
        return BlockLook(node.id, "task", title, task, accent=colors.kind_color(node.kind),
                         mark=kind_letter(node.kind), start_text=start, tooltip=tip)
    if node.type == "decision":
        tip = translate("Flowchart", "{ident}: if {condition}").format(
            ident=ident, condition=node.condition or "")
        return BlockLook(node.id, "decision", title, start_text=start, tooltip=tip)
    if node.type == "loop":
        bound = "?" if node.max_iterations is None else node.max_iterations
        tip = translate("Flowchart", "{ident}: loop, at most {n} times").format(
            ident=ident, n=bound)
        if node.while_:
            tip = translate("Flowchart", "{tip}, while {condition}").format(
                tip=tip, condition=node.while_)
        subtitle = translate("Flowchart", "at most {n} times").format(n=bound)
        return BlockLook(node.id, "loop", title, subtitle, mark="loop", start_text=start,
                         tooltip=tip)
    if node.type == "wait":
        seconds = seconds_text(node.seconds or 0)
        subtitle = translate("Flowchart", "wait {time}").format(time=seconds)
        tip = translate("Flowchart", "{ident}: wait {time}").format(ident=ident, time=seconds)
        return BlockLook(node.id, "wait", title, subtitle, mark="wait", start_text=start,
                         tooltip=tip)
    failed = node.result == "failure"
    result = (translate("Flowchart", "ends failed") if failed
              else translate("Flowchart", "ends well"))
    tip = translate("Flowchart", "{ident}: the host's run {result}").format(ident=ident,
                                                                          result=result)
    return BlockLook(node.id, "terminal", title, result,
                     accent=colors.END_COLORS["failure" if failed else "success"],
                     mark="end-failure" if failed else "end-success", start_text=start,
                     tooltip=tip)
