"""Labels as an admin types them (``site=rio, zone=dmz``) and as the page shows them, without
Qt: the contracts' ``format_labels`` and ``parse_labels``, with a space after each comma for
people. The form refuses exactly what the server would, naming the word at fault."""

from __future__ import annotations

from noc_contracts import format_labels, parse_labels


def labels_text(labels: dict[str, str]) -> str:
    """``site=rio, zone=dmz`` (sorted by key): the contract's pairs, a space after each comma
    (no key or value holds a comma)."""
    return ", ".join(format_labels(labels).split(","))


def read_labels(text: str) -> dict[str, str]:
    """The labels in ``text`` (words split on commas; blank words skipped; nothing: no
    labels). ``ValueError`` naming the first word that is not ``key=value``, a key given twice
    or a key or value that is not allowed."""
    return parse_labels([word for word in text.split(",") if word.strip()])
