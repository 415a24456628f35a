"""The executions and host rows one batch of execution events touches, cached for the batch."""

from __future__ import annotations

from noc_backend.models import Execution, ExecutionHost
from noc_contracts import ExecutionEvent

#: rows per INSERT / ids per IN (...)
CHUNK = 200


class BatchRows:
    """The executions and host rows one batch touches, each read once and written once at the
    end (``save``): a batch costs a few statements per execution and host, not per event."""

    def __init__(self) -> None:
        self.executions: dict[str, Execution] = {}
        self.hosts: dict[str, dict[str, ExecutionHost]] = {}
        self.dirty: dict[int, Execution | ExecutionHost] = {}

    def execution(self, event: ExecutionEvent) -> Execution:
        found = self.executions.get(event.execution_id)
        if found is None:
            Execution.insert(id=event.execution_id, started_at=event.at).on_conflict_ignore(
                ).execute()
            found = self.executions[event.execution_id] = Execution.get_by_id(
                event.execution_id)
        return found

    def host(self, execution_id: str, host: str) -> ExecutionHost:
        known = self.hosts.get(execution_id)
        if known is None:
            known = self.hosts[execution_id] = {h.host: h for h in ExecutionHost.select().where(
                ExecutionHost.execution == execution_id)}
        if host not in known:
            self.add_hosts(execution_id, [host])
        return known[host]

    def add_hosts(self, execution_id: str, names: list[str]) -> None:
        known = self.hosts.setdefault(execution_id, {})
        rows = [{"execution": execution_id, "host": n} for n in dict.fromkeys(names)
                if n not in known]
        for first in range(0, len(rows), CHUNK):
            ExecutionHost.insert_many(rows[first:first + CHUNK]).on_conflict_ignore().execute()
        if rows:
            known.update((h.host, h) for h in ExecutionHost.select().where(
                ExecutionHost.execution == execution_id))

    def changed(self, row: Execution | ExecutionHost) -> None:
        self.dirty[id(row)] = row

    def save(self) -> None:
        for row in self.dirty.values():
            row.save()
