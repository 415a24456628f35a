"""Send one Telegram message with the Bot API's ``sendMessage``.

The base URL (``NOC_NODE_TELEGRAM_API_URL``) is configurable for a proxy or a test fake; the
bot token is a node setting, part of the request path only, and scrubbed from every reason.
"""

from __future__ import annotations

from typing import Any

import httpx

from noc_node.core.config import Settings
from noc_node.notify import redact
from noc_node.notify.errors import NotificationError


def _scrub(text: str, token: str) -> str:
    return text.replace(token, "<bot-token>") if token else text


def send_telegram(settings: Settings, text: str, chat_id: str | None,
                  transport: httpx.BaseTransport | None = None) -> dict[str, Any]:
    """Send, returning facts (message and chat ids); raises NotificationError with the reason."""
    token = settings.telegram_bot_token.get_secret_value()
    chat = chat_id or settings.telegram_chat_id
    if not token:
        raise NotificationError("Telegram is not configured on this node "
                                "(NOC_NODE_TELEGRAM_BOT_TOKEN)")
    if not chat:
        raise NotificationError("no chat id: set params.chat_id or NOC_NODE_TELEGRAM_CHAT_ID")
    url = f"{settings.telegram_api_url}/bot{token}/sendMessage"
    redact.install()
    try:
        with httpx.Client(timeout=settings.telegram_timeout_s, transport=transport) as client:
            response = client.post(url, json={"chat_id": chat, "text": text})
    except httpx.HTTPError as exc:
        raise NotificationError(_scrub(f"Telegram API at {settings.telegram_api_url} "
                                       f"unreachable: {type(exc).__name__}: {exc}",
                                       token)) from None
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code >= 300 or not isinstance(body, dict) or not body.get("ok"):
        detail = body.get("description") if isinstance(body, dict) else None
        raise NotificationError(_scrub(f"Telegram API answered {response.status_code}: "
                                       f"{detail or 'no description'}", token))
    result = body.get("result") or {}
    return {"message_id": result.get("message_id"),
            "chat_id": str((result.get("chat") or {}).get("id", chat))}
