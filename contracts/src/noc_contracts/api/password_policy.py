"""The password policy: 10 to 256 characters (length is what resists guessing; 256 bounds the
hashing work per request). One checker for the API's bodies and the CLI."""

from __future__ import annotations

MIN_LENGTH = 10
MAX_LENGTH = 256
POLICY = f"a password must be {MIN_LENGTH} to {MAX_LENGTH} characters long"


def password_problem(password: str) -> str | None:
    """Why ``password`` is refused, or None when it is acceptable."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        return f"{POLICY} (got {len(password)})"
    if "\x00" in password:
        return "a password must not contain NUL characters"
    return None
