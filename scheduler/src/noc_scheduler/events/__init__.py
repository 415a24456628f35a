"""Execution events for the backend: written to the outbox inside the transaction that made
them true (``outbox``) and delivered in order by the event pump (``pump``).

It only records and delivers: what happened is decided by its callers.
"""
