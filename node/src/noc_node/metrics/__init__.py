"""What ``GET /metrics`` exposes (Prometheus text): the node's tasks, queue and result outbox."""
