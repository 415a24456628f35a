"""Event streams belong to the session: a revoked token on a stream asks for the password
(``Session.expired``) and the stream resumes from its last event once the session is renewed;
logging out cancels every stream and call (nothing keeps running on a closed client)."""

from __future__ import annotations

import httpx
from pytestqt.qtbot import QtBot

from noc_desktop.monitor.execution_view import ExecutionView
from noc_desktop.monitor.live_list import ListFollower
from noc_desktop.session import Session
from tests.desktop.conftest import LiveBackend
from tests.desktop.monitor.conftest import admin_token, create_procedure, post_events
from tests.desktop.monitor.scripted import GRAPH, host_names, scripted_events


def _revoke(url: str, token: str) -> None:
    response = httpx.post(f"{url}/api/v1/auth/logout",
                          headers={"Authorization": f"Bearer {token}"})
    assert response.status_code in (200, 204), response.text


def test_revoked_token_on_a_stream_expires_then_resumes(
        qtbot: QtBot, session: Session, live_backend: LiveBackend) -> None:
    url = live_backend.url
    proc = create_procedure(url, session.client.token or "", "web", GRAPH)
    events = scripted_events("ex-renew", host_names(4), proc)
    post_events(url, events[:5])
    view = ExecutionView(session, "ex-renew")
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.state is not None and view.feed.last_event_id is not None,
                    timeout=5000)
    qtbot.waitUntil(lambda: view.feed.pending == 0 and len(view.state.hosts) == 4,  # type: ignore[union-attr]
                    timeout=5000)
    _revoke(url, session.client.token or "")
    expired: list[bool] = []
    session.expired.connect(lambda: expired.append(True))
    view.hide()  # the connection drops; reopening it meets the revoked token
    view.show()
    qtbot.waitUntil(lambda: bool(expired) and not view.feed.streaming, timeout=5000)

    session.renew(admin_token(url), session.user)
    qtbot.waitUntil(lambda: view.feed.streaming, timeout=3000)
    post_events(url, events[5:])
    qtbot.waitUntil(lambda: view.state is not None and view.state.finished, timeout=8000)
    view.close()
    qtbot.waitUntil(lambda: not view.feed.streaming, timeout=3000)


def test_list_follower_expires_and_resumes(qtbot: QtBot, session: Session,
                                           live_backend: LiveBackend) -> None:
    url = live_backend.url
    follower = ListFollower()
    readies: list[bool] = []
    follower.ready.connect(lambda: readies.append(True))
    expired: list[bool] = []
    session.expired.connect(lambda: expired.append(True))
    _revoke(url, session.client.token or "")
    follower.start(session)
    qtbot.waitUntil(lambda: bool(expired) and not follower.following, timeout=5000)
    assert not readies
    session.renew(admin_token(url), session.user)
    qtbot.waitUntil(lambda: bool(readies), timeout=5000)
    follower.stop()
    qtbot.waitUntil(lambda: not follower.following, timeout=3000)
