"""What ``GET /metrics`` exposes (Prometheus text): the HTTP traffic this process served and
the database's counts read at scrape time."""
