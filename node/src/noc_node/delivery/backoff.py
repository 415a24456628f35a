"""How long to wait before trying again: a delay doubling with each failure, up to a cap."""

from __future__ import annotations


def doubling_delay(base_s: float, failures: int, cap_s: float) -> float:
    """``base_s`` after the first failure (``failures`` = 0), doubling, never over ``cap_s``."""
    return float(min(base_s * 2 ** min(max(failures, 0), 30), cap_s))
