"""How failures read: one short reason per failure (translated for failures on this side, the
server's words for a refusal), no box for a 401 or a closed client, background loads reported
in a page's status line instead of a box each time."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, Field, ValidationError
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from noc_contracts import ErrorDetail
from noc_contracts.api import UserPublic
from noc_desktop.client import (
    ClientClosed,
    Invalid,
    NocClient,
    ProtocolError,
    RequestTimedOut,
    ServerUnreachable,
    Unauthorized,
)
from noc_desktop.monitor.executions_page import ExecutionsPage
from noc_desktop.session import Session
from noc_desktop.widgets import describe_error, local_invalid, show_error
from tests.desktop.conftest import Run
from tests.support.services import free_port


def test_describe_error_translates_local_failures_and_keeps_the_servers_words() -> None:
    assert describe_error(ServerUnreachable("cannot reach http://x: [Errno 111]")).startswith(
        "Cannot reach the server")
    assert describe_error(RequestTimedOut("x")).startswith("The server did not answer")
    assert describe_error(ProtocolError("x")).startswith("The server's answer")
    assert describe_error(ClientClosed("x")) == "The session is closed."
    refusal = Invalid(422, "invalid", "bad input", [ErrorDetail(field="name", message="taken")])
    assert describe_error(refusal) == "bad input (name: taken)"


def test_no_box_for_an_expired_session_or_a_closed_client(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    assert show_error(parent, Unauthorized(401, "unauthorized", "token expired")) is None
    assert show_error(parent, ClientClosed("closed")) is None
    assert parent.findChild(QMessageBox) is None


def test_a_local_validation_error_becomes_field_messages() -> None:
    class Form(BaseModel):
        cron: str = Field(max_length=3)

    try:
        Form(cron="too long")
    except ValidationError as exc:
        error = local_invalid(exc)
    assert isinstance(error, Invalid)
    assert error.field_messages() == {"cron": "String should have at most 3 characters"}
    assert "pydantic" not in str(error) and "validation error" not in str(error)


def test_a_background_load_failure_goes_to_the_status_line(qtbot: QtBot, run: Run) -> None:
    client = NocClient(f"http://127.0.0.1:{free_port()}")  # nothing listens there
    session = Session(client, _user())
    page = ExecutionsPage(session)
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    page.refresh()
    qtbot.waitUntil(page.problem.isVisible, timeout=5000)
    assert page.problem.text().startswith("Cannot reach the server")
    assert page.findChild(QMessageBox) is None
    run(session.close())


def _user() -> UserPublic:
    return UserPublic.model_validate({"id": 1, "username": "ann", "role": "viewer",
                                      "disabled": False, "can_run_commands": False,
                                      "created_at": datetime(2026, 1, 1, tzinfo=UTC)})
