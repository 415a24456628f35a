"""The light checks' problems as a person reads them (translated), and the form's red marks
(in the app's one error red)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from noc_desktop.canvas.properties.schema_check import Problem
from noc_desktop.widgets.looks import ERROR_RED

translate = QCoreApplication.translate

#: the style of an input whose field has a problem (its message: ``ERROR_TEXT_STYLE``)
PROBLEM_STYLE = f"border: 1px solid {ERROR_RED}; border-radius: 2px;"
NOTE_STYLE = "color: palette(placeholder-text);"


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def problem_text(problem: Problem) -> str:
    """One translated sentence for a light check's problem."""
    args = {k: _number(v) for k, v in problem.args.items()}
    texts = {
        "required": translate("PropertyProblems", "Required."),
        "not_integer": translate("PropertyProblems", "Enter a whole number or a template."),
        "not_number": translate("PropertyProblems", "Enter a number or a template."),
        "not_boolean": translate("PropertyProblems", "Enter true, false or a template."),
        "not_text": translate("PropertyProblems", "Enter text."),
        "not_a_list": translate("PropertyProblems", "Enter a list."),
        "not_an_object": translate("PropertyProblems", "Enter names and values."),
        "not_a_choice": translate("PropertyProblems", "Choose one of: {choices}."),
        "below_minimum": translate("PropertyProblems", "At least {min}."),
        "above_maximum": translate("PropertyProblems", "At most {max}."),
        "too_short": translate("PropertyProblems", "At least {min} characters."),
        "too_long": translate("PropertyProblems", "At most {max} characters."),
        "pattern": translate("PropertyProblems", "Does not match the expected form ({pattern})."),
        "too_few_items": translate("PropertyProblems", "At least {min} entries."),
        "too_many_items": translate("PropertyProblems", "At most {max} entries."),
        "not_json_list": translate("PropertyProblems",
                                   "Enter a JSON list such as [\"a\", \"b\"], or a template."),
    }
    text = texts.get(problem.code, problem.code).format(**args)
    if "item" in args:
        return translate("PropertyProblems", "Entry {n}: {problem}").format(
            n=args["item"], problem=text)
    return text
