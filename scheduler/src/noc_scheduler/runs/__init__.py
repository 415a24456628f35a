"""Executions and their host runs, as stored: create and cancel an execution (``executions``),
move host runs on with the engine between two short transactions (``advance``), apply the
engine's actions to the database (``flows``), take task results from nodes and results decided
here (``results``), and recover due work after a crash or restart (``maintenance``).

It decides nothing about a flow itself (that is ``noc_scheduler.flow``) and never evaluates an
expression inside a transaction; how a step reaches a node is ``noc_scheduler.dispatch``.
"""
