"""A database from before a column existed (and before schema versions were recorded) keeps
working: the first schema step adds the column at start and the old rows read as the column's
default (here: a node registered before nodes had labels and a load)."""

from __future__ import annotations

from pathlib import Path

from noc_scheduler.nodes import registry
from noc_scheduler.runtime import Runtime
from noc_scheduler.store.models import Execution, HostRun, Node, Step, utcnow
from tests.scheduler.conftest import NODE_TOKEN, make_settings


def test_a_node_registered_before_labels_existed_has_none(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 's.db'}")
    old = Runtime(settings)
    old.create_tables()
    with old.db.connection_context(), old.db.atomic():
        registry.register(old.box, "old-node", "http://127.0.0.1:9", NODE_TOKEN)
        old.db.execute_sql('ALTER TABLE "node" DROP COLUMN "labels"')
        old.db.execute_sql('ALTER TABLE "node" DROP COLUMN "load"')
        old.db.execute_sql('DROP TABLE "schema_version"')
    old.close()
    rt = Runtime(settings)
    try:
        assert [step.label for step in rt.create_tables()] == ["0001_initial"]
        with rt.db.connection_context():
            node = registry.named("old-node")
            assert node.labels == {} and node.load is None
            info = registry.info(node, utcnow(), 12, 30)
            assert info.labels == {} and info.health == "down"
            with rt.db.atomic():
                registry.update("old-node", labels={"site": "rio"})
            assert Node.get(Node.name == "old-node").labels == {"site": "rio"}
    finally:
        rt.close()


def test_an_upgrade_that_rebuilds_a_table_keeps_the_rows_pointing_at_it(tmp_path: Path) -> None:
    """SQLite rebuilds ``hostrun`` to add a NOT NULL column; the steps that point at it (ON
    DELETE CASCADE) survive, and foreign keys are enforced again afterwards."""
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 's.db'}")
    old = Runtime(settings)
    old.create_tables()
    with old.db.connection_context(), old.db.atomic():
        Execution.create(id="e1", procedure_id=1, procedure_name="p", procedure_version=1,
                         graph={}, status="running")
        run = HostRun.create(execution="e1", host_name="web1", host_enc="x",
                             status="running", state={})
        Step.create(task_id="t1", host_run=run.id, execution_id="e1", step_id="a",
                    task_type="ping", attempt=1, params={}, timeout_s=60, status="dispatched")
        for table in ("hostrun", "step"):
            old.db.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN "selector"')
        old.db.execute_sql('DROP TABLE "schema_version"')
    old.close()
    rt = Runtime(settings)
    try:
        rt.create_tables()
        with rt.db.connection_context():
            [step] = list(Step.select())
            assert (step.task_id, step.selector, step.host_run.host_name) == ("t1", "", "web1")
            assert rt.db.pragma("foreign_keys") == 1
    finally:
        rt.close()
