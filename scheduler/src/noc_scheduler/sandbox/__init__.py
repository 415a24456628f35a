"""Hard bounds on template evaluation: worker processes with a deadline, a memory cap and a
size limit (``pool``, ``worker``), a circuit breaker per execution (``breaker``), and the
engine's evaluator on top of them (``evaluator``). Built from the settings by ``build``."""

from __future__ import annotations

from noc_scheduler.core.config import Settings
from noc_scheduler.sandbox.breaker import Breaker
from noc_scheduler.sandbox.evaluator import SandboxEvaluator
from noc_scheduler.sandbox.pool import SandboxFailure, SandboxPool
from noc_scheduler.sandbox.worker import Limits

__all__ = ["Breaker", "Limits", "SandboxEvaluator", "SandboxFailure", "SandboxPool", "build"]

#: the hard deadline leaves the soft budget inside the worker time to answer first
HARD_MARGIN = 0.5


def build(settings: Settings) -> SandboxEvaluator:
    """The evaluator the settings describe (no process starts until the first template)."""
    limits = Limits(seconds=settings.template_timeout_s,
                    max_output_bytes=settings.template_max_output_bytes,
                    memory_bytes=settings.template_memory_mb * 1024 * 1024)
    deadline = settings.template_timeout_s * (1 + HARD_MARGIN)
    return SandboxEvaluator(SandboxPool(settings.template_workers, limits, deadline))
