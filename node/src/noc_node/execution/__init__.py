"""Running one task request: the ``BaseExecutor`` seam that gives every host exactly one result
(``executor``), the executor that sends each request to Ansible or to the native notifiers
(``routing``), and the one place every outcome becomes a ``HostResult`` (``outcomes``).

How a request runs with Ansible is ``noc_node.ansible``; notifications are ``noc_node.notify``.
It neither queues tasks nor reports results to the scheduler.
"""
