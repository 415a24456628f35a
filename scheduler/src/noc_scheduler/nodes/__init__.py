"""The node registry: add or update a node, recognise a caller by its token, heartbeats,
health, placement, drain and resume (``registry``), and removing a node with what it had in
hand (``removal``).

It owns who the nodes are and how loaded; it never calls a node (``noc_scheduler.dispatch``).
"""
