"""Which node actions the page offers, without Qt: only an admin changes nodes, and only with
one selected; the drain button resumes a node that is draining."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from noc_contracts import NodeInfo

Toggle = Literal["drain", "resume"]


@dataclass(frozen=True)
class Offered:
    """What the buttons allow now."""

    #: the buttons are shown at all (admins only; others read the table)
    shown: bool
    edit: bool
    #: what the drain/resume button does for the selected node
    toggle: Toggle
    toggle_enabled: bool
    remove: bool


def offered(is_admin: bool, selected: NodeInfo | None) -> Offered:
    """The actions ``is_admin`` may take on ``selected`` (None: nothing selected)."""
    chosen = is_admin and selected is not None
    toggle: Toggle = "resume" if selected is not None and selected.draining else "drain"
    return Offered(shown=is_admin, edit=chosen, toggle=toggle, toggle_enabled=chosen,
                   remove=chosen)
