"""What the node tells the scheduler: results kept in a local outbox until acknowledged
(``outbox``) and the thread that sends them (``sender``), heartbeats with the node's load and the
tasks it lost (``heartbeat``), the retry delay they share (``backoff``) and their background
thread (``loops``).

It delivers what others recorded; it never runs a task.
"""
