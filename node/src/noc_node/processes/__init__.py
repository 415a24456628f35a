"""The processes a run starts, and their end: how ``ansible`` is spawned in its own process group
and dies with its worker thread (``spawn``), killing what a run leaves behind (``reap``), and the
guardian process that cleans up when the node itself dies (``guardian``).

Linux process hygiene only: it knows run directories and process groups, not tasks or results.
"""
