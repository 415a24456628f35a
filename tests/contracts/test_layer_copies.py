"""Code that two layers must each hold (they share no HTTP code, and contracts does no I/O)
stays the same text in both: a fix to one copy cannot be forgotten in the other."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COPIES = [("node/src/noc_node/delivery/failover.py",
           "backend/src/noc_backend/scheduler_failover.py"),
          ("backend/src/noc_backend/migrations/runner.py",
           "scheduler/src/noc_scheduler/migrations/runner.py"),
          ("backend/src/noc_backend/migrations/columns.py",
           "scheduler/src/noc_scheduler/migrations/columns.py"),
          ("backend/src/noc_backend/migrations/runner.py",
           "node/src/noc_node/migrations/runner.py"),
          ("backend/src/noc_backend/migrations/columns.py",
           "node/src/noc_node/migrations/columns.py"),
          ("backend/src/noc_backend/api/offline_docs.py",
           "scheduler/src/noc_scheduler/api/offline_docs.py"),
          ("backend/src/noc_backend/checks/peer.py", "scheduler/src/noc_scheduler/checks/peer.py"),
          ("backend/src/noc_backend/checks/peer.py", "node/src/noc_node/checks/peer.py"),
          ("backend/src/noc_backend/checks/database.py",
           "scheduler/src/noc_scheduler/checks/database.py"),
          ("scheduler/src/noc_scheduler/checks/queue.py", "node/src/noc_node/checks/queue.py")]


def test_the_copies_are_the_same_text() -> None:
    for first, second in COPIES:
        assert (ROOT / first).read_text() == (ROOT / second).read_text(), (first, second)
