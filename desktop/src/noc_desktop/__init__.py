"""noc-orchestrator desktop: the operators' PySide6 client of the public REST API v1."""
