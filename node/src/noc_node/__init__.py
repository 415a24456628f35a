"""noc-orchestrator execution node: accepts task requests, runs them with ansible-runner."""
