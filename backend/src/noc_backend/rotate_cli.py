"""``noc-backend rotate-secrets-key``: re-encrypt every credential under a new key."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from noc_backend.cli_support import (
    CommandRefused,
    load_settings,
    open_configured_database,
    refuse,
)
from noc_backend.core.db import close_database
from noc_backend.core.security import SecretBox, SecretsKeyMismatchError
from noc_backend.services.key_rotation import KeyRotationError, rotate_secrets

logger = logging.getLogger(__name__)


def _read_key(new_key: str | None, key_file: str | None) -> str:
    if new_key is not None:
        return new_key.strip()
    assert key_file is not None
    return Path(key_file).read_text().strip()


def rotate(new_key: str | None, key_file: str | None, config: str | None = None) -> int:
    """Exit status 0 when every credential now opens with the new key; 2 on refusal.
    ``config``: ``--config FILE``, the installed server's settings."""
    try:
        settings = load_settings(config)
        try:
            key = _read_key(new_key, key_file)
        except OSError as exc:
            raise refuse(f"cannot read --new-key-file: {exc.strerror}") from exc
        logging.basicConfig(level=settings.log_level,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        db = open_configured_database(settings)
    except CommandRefused:
        return 2
    try:
        with db.connection_context():
            count = rotate_secrets(current=SecretBox.from_settings(settings), new_key=key)
    except (KeyRotationError, SecretsKeyMismatchError) as exc:
        print(f"noc-backend: nothing changed: {exc}", file=sys.stderr)
        return 2
    finally:
        close_database(db)
    where = f" in {config}" if config else ""
    print(f"re-encrypted {count} credential(s). Restart the backend with the new key as "
          f"NOC_BACKEND_SECRETS_KEY{where} (keep the old one in NOC_BACKEND_OLD_SECRETS_KEYS "
          "until every backend runs with the new key).")
    return 0
