"""``noc-backend rotate-secrets-key``: re-encrypt every credential under a new key."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from pydantic import ValidationError

from noc_backend.core.config import Settings
from noc_backend.core.db import DatabaseUrlError, close_database, open_database
from noc_backend.core.security import SecretBox, SecretsKeyMismatchError
from noc_backend.services.key_rotation import KeyRotationError, rotate_secrets

logger = logging.getLogger(__name__)


def _read_key(new_key: str | None, key_file: str | None) -> str:
    if new_key is not None:
        return new_key.strip()
    assert key_file is not None
    return Path(key_file).read_text().strip()


def rotate(new_key: str | None, key_file: str | None) -> int:
    """Exit status 0 when every credential now opens with the new key; 2 on refusal."""
    try:
        settings = Settings()
        key = _read_key(new_key, key_file)
    except ValidationError as exc:
        for err in exc.errors():
            print(f"noc-backend: configuration error: {err['msg']}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"noc-backend: cannot read --new-key-file: {exc.strerror}", file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        db = open_database(settings.database_url)
    except DatabaseUrlError as exc:
        print(f"noc-backend: NOC_BACKEND_DATABASE_URL: {exc}", file=sys.stderr)
        return 2
    try:
        with db.connection_context():
            count = rotate_secrets(current=SecretBox.from_settings(settings), new_key=key)
    except (KeyRotationError, SecretsKeyMismatchError) as exc:
        print(f"noc-backend: nothing changed: {exc}", file=sys.stderr)
        return 2
    finally:
        close_database(db)
    print(f"re-encrypted {count} credential(s). Restart the backend with the new key as "
          "NOC_BACKEND_SECRETS_KEY (keep the old one in NOC_BACKEND_OLD_SECRETS_KEYS until "
          "every backend runs with the new key).")
    return 0
