"""Native notifications: a real SMTP server (aiosmtpd: STARTTLS, implicit TLS, auth) and a
local fake of the Telegram Bot API that checks each request; unreachable ends fail the step."""

from __future__ import annotations

import datetime as dt
import json
import logging
import ssl
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from noc_contracts import HostResult
from noc_node.core.config import Settings
from noc_node.notify.executor import NotificationExecutor
from tests.node.conftest import local_host, task
from tests.support.services import free_port

BOT_TOKEN = "123456:bot-secret-token"
SMTP_PASSWORD = "smtp-secret-pw"


def self_signed(tmp: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=1))
            .not_valid_after(now + dt.timedelta(hours=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos),
                              envelope.content.decode()))
        return "250 OK"


def authenticator(server: Any, session: Any, envelope: Any, mechanism: str,
                  auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"noc" \
        and auth_data.password == SMTP_PASSWORD.encode()
    return AuthResult(success=ok)


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[Callable[[str], tuple[Inbox, int, Path]]]:
    cert, key = self_signed(tmp_path)
    started: list[Controller] = []

    def start(security: str) -> tuple[Inbox, int, Path]:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        inbox, port = Inbox(), free_port()
        extra: dict[str, Any] = ({"ssl_context": context} if security == "tls" else
                                 {"tls_context": context, "require_starttls": True})
        # implicit TLS is TLS already (aiosmtpd only counts STARTTLS for auth_require_tls)
        controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=authenticator,
                                auth_require_tls=security == "starttls",
                                auth_exclude_mechanism=["LOGIN"], server_hostname="localhost",
                                **extra)
        controller.start()
        started.append(controller)
        return inbox, port, cert

    yield start
    for controller in started:
        controller.stop()


def send(settings: Settings, task_type: str, params: dict[str, Any],
         **extra: Any) -> HostResult:
    reported: list[HostResult] = []
    NotificationExecutor(settings).execute(task("t-n", task_type, params, [local_host()], **extra),
                                           reported.extend)
    assert len(reported) == 1
    return reported[0]


EMAIL = {"to": ["oncall@example.test"], "subject": "nginx down on web1",
         "body": "host web1: step check failed"}


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_email_is_delivered_with_tls_and_auth(smtp: Callable[[str], tuple[Inbox, int, Path]],
                                              make_settings: Callable[..., Settings],
                                              security: str,
                                              caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    inbox, port, cert = smtp(security)
    settings = make_settings(smtp_host="localhost", smtp_port=port, smtp_security=security,
                             smtp_username="noc", smtp_password=SMTP_PASSWORD,
                             smtp_ca_file=cert, smtp_from="noc@example.test")
    result = send(settings, "email", EMAIL)
    assert result.status == "ok", result.msg
    assert result.facts["recipients"] == ["oncall@example.test"]
    [(sender, rcpts, content)] = inbox.messages
    assert sender == "noc@example.test" and rcpts == ["oncall@example.test"]
    assert "Subject: nginx down on web1" in content and "step check failed" in content
    _, port, _ = smtp(security)  # a fresh server for the second session
    wrong = make_settings(smtp_host="localhost", smtp_port=port, smtp_security=security,
                          smtp_username="noc", smtp_password="nope", smtp_ca_file=cert,
                          smtp_timeout_s=1)
    refused = send(wrong, "email", EMAIL)
    # aiosmtpd leaves a failed AUTH unanswered: a real server answers 535 (refused the login)
    assert refused.status == "failed" and f"localhost:{port}" in refused.msg
    assert len(inbox.messages) == 1
    assert SMTP_PASSWORD not in caplog.text and "nope" not in refused.msg


def test_email_unreachable_or_untrusted_fails_the_step(
        smtp: Callable[[str], tuple[Inbox, int, Path]],
        make_settings: Callable[..., Settings]) -> None:
    down = send(make_settings(smtp_host="127.0.0.1", smtp_port=free_port()), "email", EMAIL)
    assert down.status == "failed" and "unreachable" in down.msg
    _, port, _ = smtp("starttls")
    untrusted = send(make_settings(smtp_host="localhost", smtp_port=port), "email", EMAIL)
    assert untrusted.status == "failed" and "SSLCertVerificationError" in untrusted.msg
    unset = send(make_settings(), "email", EMAIL)
    assert unset.status == "failed" and "NOC_NODE_SMTP_HOST" in unset.msg


class FakeBotApi:
    """Answers ``/bot<token>/sendMessage`` like Telegram, checking token and body."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                api.calls.append((self.path, body))
                if self.path != f"/bot{BOT_TOKEN}/sendMessage":
                    code, answer = 401, {"ok": False, "error_code": 401,
                                         "description": "Unauthorized"}
                elif not body.get("chat_id") or not body.get("text"):
                    code, answer = 400, {"ok": False, "description": "Bad Request: no chat"}
                else:
                    code, answer = 200, {"ok": True, "result": {
                        "message_id": len(api.calls), "chat": {"id": int(body["chat_id"])},
                        "text": body["text"]}}
                data = json.dumps(answer).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def bot() -> Iterator[FakeBotApi]:
    api = FakeBotApi()
    thread = threading.Thread(target=api.server.serve_forever, daemon=True)
    thread.start()
    yield api
    api.server.shutdown()
    api.server.server_close()


def test_telegram_message_is_sent_to_the_bot_api(bot: FakeBotApi,
                                                 make_settings: Callable[..., Settings],
                                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    settings = make_settings(telegram_api_url=bot.url + "/", telegram_bot_token=BOT_TOKEN,
                             telegram_chat_id="-1001")
    result = send(settings, "telegram", {"text": "nginx down on web1"})
    assert result.status == "ok", result.msg
    assert result.facts == {"message_id": 1, "chat_id": "-1001"}
    assert bot.calls == [(f"/bot{BOT_TOKEN}/sendMessage",
                          {"chat_id": "-1001", "text": "nginx down on web1"})]
    other = send(settings, "telegram", {"text": "x", "chat_id": "42"})
    assert other.facts["chat_id"] == "42"
    dry = send(settings, "telegram", {"text": "x"}, check_mode=True)
    assert dry.status == "ok" and dry.msg == "check mode: not sent" and len(bot.calls) == 2
    bad = send(make_settings(telegram_api_url=bot.url, telegram_bot_token="999:wrong",
                             telegram_chat_id="1"), "telegram", {"text": "x"})
    assert bad.status == "failed" and "401: Unauthorized" in bad.msg
    assert "999:wrong" not in bad.msg
    assert BOT_TOKEN not in caplog.text


def test_telegram_unreachable_or_unconfigured_fails_the_step(
        make_settings: Callable[..., Settings]) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    down = send(make_settings(telegram_api_url=url, telegram_bot_token=BOT_TOKEN,
                              telegram_chat_id="1"), "telegram", {"text": "x"})
    assert down.status == "failed" and "unreachable" in down.msg and BOT_TOKEN not in down.msg
    unset = send(make_settings(), "telegram", {"text": "x"})
    assert unset.status == "failed" and "NOC_NODE_TELEGRAM_BOT_TOKEN" in unset.msg
