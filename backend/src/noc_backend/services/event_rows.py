"""The executions and host rows one batch of execution events touches, cached for the batch."""

from __future__ import annotations

import functools
from typing import Any

from peewee import Database, DatabaseProxy

from noc_backend.core.bulk import among, execute_rows, update_rows
from noc_backend.models import Execution, ExecutionHost, StepRun
from noc_contracts import ExecutionEvent

#: rows per INSERT / ids per IN (...)
CHUNK = 200
#: a run of step results alike: the columns each sets, and those only a new row takes
_Shape = tuple[tuple[str, ...], tuple[str, ...]]


class BatchRows:
    """The executions and host rows one batch touches, each read once and written once at the
    end (``save``): a batch costs a few statements per execution and host, not per event, and
    reads only the hosts its events name, not every host of their executions."""

    def __init__(self) -> None:
        self.executions: dict[str, Execution] = {}
        self.hosts: dict[str, dict[str, ExecutionHost]] = {}
        self.dirty_executions: dict[int, Execution] = {}
        self.dirty_hosts: dict[int, ExecutionHost] = {}
        #: step results to upsert, in event order, as runs of rows with the same columns
        self.results: list[tuple[_Shape, list[tuple[Any, ...]]]] = []

    def execution(self, event: ExecutionEvent) -> Execution:
        found = self.executions.get(event.execution_id)
        if found is None:
            Execution.insert(id=event.execution_id, started_at=event.at).on_conflict_ignore(
                ).execute()
            found = self.executions[event.execution_id] = Execution.get_by_id(
                event.execution_id)
        return found

    def prefetch(self, events: list[ExecutionEvent]) -> None:
        """Read, in a few statements, the host rows these events name."""
        named: dict[str, dict[str, None]] = {}
        for event in events:
            if event.host is not None:
                named.setdefault(event.execution_id, {})[event.host] = None
        for execution_id, hosts in named.items():
            known = self.hosts.setdefault(execution_id, {})
            missing = [h for h in hosts if h not in known]
            for first in range(0, len(missing), CHUNK):
                for row in ExecutionHost.select().where(
                        ExecutionHost.execution == execution_id,
                        among(ExecutionHost.host, missing[first:first + CHUNK],
                              ExecutionHost._meta.database)):
                    known.setdefault(row.host, row)

    def host(self, execution_id: str, host: str) -> ExecutionHost:
        known = self.hosts.setdefault(execution_id, {})
        if host not in known:
            self.add_hosts(execution_id, [host])
        return known[host]

    def add_hosts(self, execution_id: str, names: list[str]) -> None:
        """Insert the hosts not known yet and read back only those: a row already cached may
        hold this batch's changes, not saved until ``save``."""
        known = self.hosts.setdefault(execution_id, {})
        new = [n for n in dict.fromkeys(names) if n not in known]
        for first in range(0, len(new), CHUNK):
            chunk = new[first:first + CHUNK]
            ExecutionHost.insert_many([{"execution": execution_id, "host": n} for n in chunk]
                                      ).on_conflict_ignore().execute()
            for row in ExecutionHost.select().where(ExecutionHost.execution == execution_id,
                                                    among(ExecutionHost.host, chunk,
                                                          ExecutionHost._meta.database)):
                known.setdefault(row.host, row)

    def changed(self, row: Execution | ExecutionHost) -> None:
        if isinstance(row, ExecutionHost):
            self.dirty_hosts[id(row)] = row
        else:
            self.dirty_executions[id(row)] = row

    def step_result(self, values: dict[str, Any]) -> None:
        """Upsert one step result (``STEP_KEY`` fields and the values to set) at ``save``; a
        new row gets the model's defaults for the rest, an existing one only ``values``."""
        fields = StepRun._meta.fields
        set_now = tuple(values)
        defaults = _defaults(set_now)
        row = tuple(fields[n].db_value(values[n]) for n in set_now) + tuple(
            fields[n].db_value(fields[n].default() if callable(fields[n].default)
                               else fields[n].default) for n in defaults)
        shape = (set_now, defaults)
        if self.results and self.results[-1][0] == shape:
            self.results[-1][1].append(row)
        else:
            self.results.append((shape, [row]))

    def save(self, db: Database | DatabaseProxy) -> None:
        real = db.obj if isinstance(db, DatabaseProxy) else db
        for (set_now, defaults), rows in self.results:
            execute_rows(real, _upsert_sql(set_now, defaults, real.param), rows)
        fields = [ExecutionHost._meta.fields[n] for n in _HOST_STATE]
        update_rows(real, ExecutionHost, _HOST_STATE, [
            (*(f.db_value(getattr(row, f.name)) for f in fields), row.id)
            for row in self.dirty_hosts.values()])
        for execution in self.dirty_executions.values():
            execution.save()


@functools.cache
def _defaults(set_now: tuple[str, ...]) -> tuple[str, ...]:
    """The step-result columns with a model default that a row setting ``set_now`` leaves out
    (worked out once per shape of event, not per event)."""
    return tuple(name for name, f in StepRun._meta.fields.items()
                 if name not in set_now and not f.primary_key and f.default is not None)


#: the host columns events change: one UPDATE shape for every changed host of a batch
_HOST_STATE = ("status", "current_node", "path", "started_at", "finished_at")


#: what identifies a step result: one row per (execution, host, step, visit, attempt)
STEP_KEY = ("execution", "host", "step_id", "visit", "attempt")


def _upsert_sql(set_now: tuple[str, ...], defaults: tuple[str, ...], param: str) -> str:
    """One prepared upsert for many step results (a query built per row cost more than it)."""
    columns = set_now + defaults
    names = {n: f'"{StepRun._meta.fields[n].column_name}"' for n in columns}
    updates = ", ".join(f"{names[n]} = excluded.{names[n]}" for n in set_now
                        if n not in STEP_KEY)
    key = ", ".join(names[n] for n in STEP_KEY)
    # our own model's names; every value goes as a parameter
    return (f'INSERT INTO "{StepRun._meta.table_name}" ({", ".join(names.values())}) '  # noqa: S608
            f'VALUES ({", ".join([param] * len(columns))}) '
            f"ON CONFLICT ({key}) DO UPDATE SET {updates}")
