"""The flow interpreter, pure: graph + state + result -> the next action (``engine``), a host
run's position in its flowchart (``flowstate``), the expression language at run time
(``expressions``), the ``Evaluator`` seam where expressions run (``evaluator``) and a task's
rendered params (``params``).

No I/O, no clock: nothing here touches the database, the queue, the network, files or other
processes, nor imports the packages that do (import-linter holds it to that). Storing what the
engine decides is ``noc_scheduler.runs``; running expressions under hard bounds is
``noc_scheduler.sandbox``.
"""
