"""The procedures list and the read-only flowchart of the selected procedure."""
