"""Running a request with Ansible: the ansible-runner executor and its private run directory
(``executor``), the inventory and key files it writes (``inventory``), task type -> module and
arguments (``modules``), the facts each task type reports (``facts``), SSH connection sharing
keyed by credential (``control``) and the node's own Ansible modules (``library/``).

How the ``ansible`` process starts and is cleaned up is ``noc_node.processes`` (the warm worker:
``noc_node.warm``). Nothing here talks to the scheduler.
"""
