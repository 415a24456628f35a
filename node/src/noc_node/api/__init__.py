"""The node's REST routes (docs/internal-api.md): health, status, tasks and their cancel
(``routes``), the synchronous connection test (``probe``), and who may call each route
(``access``).

Thin: the work is in ``noc_node.runtime.NodeRuntime`` and the executors.
"""
