"""Simulated walks: the engine drives a procedure for one host with scripted task outcomes,
nothing dispatched and no wait slept (``walk.simulate``); see ``noc_contracts.simulation``."""

from __future__ import annotations

from noc_scheduler.simulation.walk import DEADLINE_S, simulate

__all__ = ["DEADLINE_S", "simulate"]
