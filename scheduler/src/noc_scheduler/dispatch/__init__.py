"""What the scheduler sends to nodes: pending steps (``send``: claim, pick a node, POST, retry or
end them), which steps travel together as one request (``batching``), the Huey queue its
workers take them from (``queue``) and connection tests (``probe``).

It does not keep the node registry (``noc_scheduler.nodes``) nor decide what a result means
(``noc_scheduler.runs``).
"""
