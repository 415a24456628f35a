"""noc-orchestrator execution node: accepts task requests, runs them with ansible-runner.

Grouped by concept, each package's docstring saying what it owns: ``api`` (its routes),
``tasks`` (what it accepted and queued), ``execution`` (running one request), ``ansible`` and
``notify`` (the two ways a task runs), ``warm`` (the warm Ansible worker), ``processes`` (what a
run starts, and cleaning it up), ``delivery`` (results and heartbeats to the scheduler). The
process itself: ``app``, ``cli`` and ``runtime`` (everything one node process runs).
"""
