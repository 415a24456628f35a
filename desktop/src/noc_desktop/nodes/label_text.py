"""Labels as an admin types them (``site=rio, zone=dmz``) and as the form shows them, without
Qt. The words are read by the contracts' ``parse_labels``, so the form refuses exactly what
the server would, naming the word at fault."""

from __future__ import annotations

from noc_contracts import parse_labels


def labels_text(labels: dict[str, str]) -> str:
    """``site=rio, zone=dmz`` (sorted by key): what the edit form starts from."""
    return ", ".join(f"{key}={value}" for key, value in sorted(labels.items()))


def read_labels(text: str) -> dict[str, str]:
    """The labels in ``text`` (words split on commas; blank words skipped; nothing: no
    labels). ``ValueError`` naming the first word that is not ``key=value``, a key given twice
    or a key or value that is not allowed."""
    words = [word.strip() for word in text.split(",")]
    return parse_labels([word for word in words if word])
