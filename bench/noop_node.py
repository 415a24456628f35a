"""A node for benchmarks only: the real node app and runtime, with a no-op executor injected
through the executor seam, so a benchmark measures the control plane and not Ansible.

Run by ``bench_control_plane.py`` as ``python bench/noop_node.py serve --host H --port P``
(configured by the same ``NOC_NODE_*`` variables as ``noc-node serve``). Nothing in the
installed packages can reach this executor: production ``noc-node serve`` never imports it.
``NOC_BENCH_REPORT=whole`` reports a request's hosts in one call; the default reports them one
by one, as the Ansible executor does when each host's event arrives. ``NOC_BENCH_HOLD_S``
holds every task that long (or until cancelled) before answering: a node that is busy when
a failover benchmark kills it.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from datetime import datetime

import uvicorn

from noc_contracts import HostResult, StepStatus, TaskRequest, collector
from noc_node.app import create_app
from noc_node.core.config import Settings
from noc_node.execution.executor import BaseExecutor, Reporter
from noc_node.execution.outcomes import RunEnd, now


class NoopExecutor(BaseExecutor):
    """Answers success for every host at once, without running anything."""

    def __init__(self, per_host: bool, hold_s: float = 0.0) -> None:
        self.per_host = per_host
        self.hold_s = hold_s

    def _run(self, request: TaskRequest, report: Reporter, cancel: threading.Event,
             started_at: datetime) -> RunEnd:
        if self.hold_s and cancel.wait(self.hold_s):
            return RunEnd(StepStatus.cancelled, "cancelled")
        finished = now()
        results = [HostResult(host=h.name, status=StepStatus.ok, msg="no-op",
                              started_at=started_at, finished_at=finished)
                   for h in request.hosts]
        if self.per_host:
            for result in results:
                report([result])
        else:
            report(results)
        return RunEnd(StepStatus.ok, "no-op")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["serve"])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8702)
    args = parser.parse_args()
    settings = Settings()
    per_host = os.environ.get("NOC_BENCH_REPORT", "per-host") != "whole"
    hold_s = float(os.environ.get("NOC_BENCH_HOLD_S", "0"))
    app = create_app(settings, executor=NoopExecutor(per_host, hold_s))
    collector.tune()
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
