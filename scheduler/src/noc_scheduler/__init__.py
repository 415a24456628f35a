"""noc-orchestrator scheduler: schedules, one flow per host, dispatch to nodes, results, events.

Grouped by concept, each package's docstring saying what it owns: ``timing`` (when schedules
fire) and ``flow`` (what a host run does next) are pure; ``store`` is the database,
``schedules``, ``runs``, ``dispatch``, ``nodes`` and ``events`` what the scheduler keeps and
does with it, ``peers`` its calls to the backend, ``sandbox`` and ``simulation`` where
expressions and simulated walks run, ``api`` its REST routes. The process itself: ``app``
(the API and its background loops), ``cli``, ``runtime`` (what one process shares),
``background`` (the loops' thread) and ``clockfile`` (the tests' clock).
"""
