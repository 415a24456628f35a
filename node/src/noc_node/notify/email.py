"""Send one email through the node's SMTP server (STARTTLS, implicit TLS or plain; auth).

The server and its credentials are node settings (``NOC_NODE_SMTP_*``): a procedure names
recipients and text, never a mail password.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from typing import Any

from noc_node.core.config import Settings
from noc_node.notify.errors import NotificationError


def _tls_context(settings: Settings) -> ssl.SSLContext:
    cafile = str(settings.smtp_ca_file) if settings.smtp_ca_file else None
    return ssl.create_default_context(cafile=cafile)


def _connect(settings: Settings) -> smtplib.SMTP:
    host, port, timeout = settings.smtp_host, settings.smtp_port, settings.smtp_timeout_s
    if settings.smtp_security == "tls":
        return smtplib.SMTP_SSL(host, port, timeout=timeout, context=_tls_context(settings))
    client = smtplib.SMTP(host, port, timeout=timeout)
    if settings.smtp_security == "starttls":
        try:
            client.starttls(context=_tls_context(settings))
        except BaseException:
            client.close()
            raise
    return client


def send_email(settings: Settings, to: list[str], subject: str, body: str) -> dict[str, Any]:
    """Send, returning facts (who was accepted); raises NotificationError with the reason."""
    if not settings.smtp_host:
        raise NotificationError("email is not configured on this node (NOC_NODE_SMTP_HOST)")
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message.set_content(body)
    where = f"SMTP server {settings.smtp_host}:{settings.smtp_port}"
    try:
        with _connect(settings) as client:
            if settings.smtp_username:
                client.login(settings.smtp_username, settings.smtp_password.get_secret_value())
            refused = client.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise NotificationError(f"{where} refused the login ({exc.smtp_code})") from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise NotificationError(f"{where} refused every recipient: "
                                + ", ".join(sorted(exc.recipients))) from None
    except smtplib.SMTPResponseException as exc:
        error = exc.smtp_error
        text = error.decode(errors="replace") if isinstance(error, bytes) else str(error)
        raise NotificationError(f"{where} answered {exc.smtp_code}: {text}") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise NotificationError(f"{where} unreachable or failed: {type(exc).__name__}: "
                                f"{exc}") from None
    accepted = [r for r in to if r not in refused]
    return {"recipients": accepted, "refused": sorted(refused)}
