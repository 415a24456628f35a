"""What ``GET /metrics`` exposes (Prometheus text): counts read from the database and the
queue at scrape time, and the latencies this process observed."""
