"""The scheduler's REST API (internal: backend and nodes call it)."""
