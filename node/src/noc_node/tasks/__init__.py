"""The tasks this node accepted: what became of each (``store``), the Huey queue they wait in
(``queue``), the encryption of their payloads while queued (``crypto``) and the cancel event of
each one running now (``running``).

It tracks tasks; running one is ``noc_node.execution`` and reporting its results is
``noc_node.delivery``.
"""
