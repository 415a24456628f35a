"""A database made before hosts and groups had node selectors (and before schema versions were
recorded) is upgraded at start by the first schema step: its rows
read as having none, selectors can be set on them, and nothing that points at a host or a
group is lost (SQLite rebuilds the table to add the column: with foreign keys enforced the
rebuild deleted every membership and nesting edge through ``ON DELETE CASCADE``)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from noc_backend.core.config import Settings
from noc_backend.core.db import close_database, open_database
from noc_backend.main import create_app
from noc_backend.migrations import migrate_database
from noc_backend.models import Group, GroupChild, Host, HostGroup
from tests.backend.utils import INTERNAL, graph, login


def _make_old_database(url: str) -> None:
    """The current schema without ``node_selector`` nor a schema version, holding a host in
    ``rio`` nested in ``br``."""
    db = open_database(url)
    with db.connection_context():
        db.execute_sql('DROP TABLE "schema_version"')
        for table in ("host", "group"):
            db.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN "node_selector"')
        db.execute_sql('INSERT INTO "host" (name, address, port, connection, vars, enabled, '
                       "created_at, updated_at, inventory_keys) VALUES ('old1', '10.0.0.1', "
                       "22, 'ssh', '{}', TRUE, '2025-01-01 00:00:00', '2025-01-01 00:00:00', "
                       "'[]')")
        db.execute_sql("INSERT INTO \"group\" (name, vars, created_at) VALUES "
                       "('rio', '{}', '2025-01-01 00:00:00'), ('br', '{}', '2025-01-01 00:00:00')")
        db.execute_sql('INSERT INTO "group_child" (parent_id, child_id) SELECT p.id, c.id '
                       "FROM \"group\" p, \"group\" c WHERE p.name = 'br' AND c.name = 'rio'")
        db.execute_sql("INSERT INTO \"host_group\" (host_id, name) "
                       "SELECT id, 'rio' FROM \"host\" WHERE name = 'old1'")
    close_database(db)


def test_old_database_gains_node_selectors(settings: Settings) -> None:
    _make_old_database(settings.database_url)
    with TestClient(create_app(settings)) as client:
        services = client.app.state.services  # type: ignore[attr-defined]
        with services.db.connection_context():
            for model in (Host, Group):
                columns = {c.name for c in services.db.get_columns(model._meta.table_name)}
                assert "node_selector" in columns
        headers = login(client)
        host = client.get("/api/v1/hosts", headers=headers).json()["data"][0]
        assert (host["name"], host["groups"], host["node_selector"]) == ("old1", ["rio"], {})
        rio = client.get("/api/v1/groups/rio", headers=headers).json()
        assert (rio["hosts"], rio["parents"], rio["node_selector"]) == (["old1"], ["br"], {})
        changed = client.patch("/api/v1/groups/br", headers=headers,
                               json={"node_selector": {"site": "rio"}})
        assert changed.status_code == 200, changed.text
        proc = client.post("/api/v1/procedures", headers=headers,
                           json={"name": "p", "graph": graph()}).json()
        resolved = client.post("/internal/v1/resolve", headers=INTERNAL, json={
            "procedure_id": proc["id"], "target": {"group": "br"}})
        assert resolved.status_code == 200, resolved.text
        assert [h["node_selector"] for h in resolved.json()["hosts"]] == [{"site": "rio"}]


def test_sqlite_upgrade_enforces_foreign_keys_again(tmp_path: Path) -> None:
    """The rebuild runs with enforcement off; the same connection enforces it afterwards."""
    _make_old_database(f"sqlite:///{tmp_path / 'old.db'}")
    db = open_database(f"sqlite:///{tmp_path / 'old.db'}")  # upgrades it
    try:
        with db.connection_context():
            db.execute_sql('ALTER TABLE "group" DROP COLUMN "node_selector"')
            db.execute_sql('DROP TABLE "schema_version"')
        assert [step.label for step in migrate_database(db)] == ["0001_initial"]
        with db.connection_context():
            assert "node_selector" in {c.name for c in db.get_columns("group")}
            assert db.pragma("foreign_keys") == 1
            assert (HostGroup.select().count(), GroupChild.select().count()) == (1, 1)
            Host.delete().execute()
            assert HostGroup.select().count() == 0  # the cascade works again
    finally:
        close_database(db)
