"""The acceptance check: the real ``ansible-inventory`` reads our exports as it reads the originals.

Also checks our parser against Ansible itself: the model, put into Ansible's JSON shape, must
equal what ``ansible-inventory --list --export`` prints, and the merged host vars (``--list``)
must equal our flattening. All runs happen once, in parallel (about 16 calls).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from noc_backend.inventory_io import (
    Inventory,
    InvGroup,
    InvHost,
    normalized,
    parse_ini,
    parse_yaml,
    to_ini,
    to_yaml,
)
from tests.backend.inventory_io.ansible_cli import (
    ANSIBLE_INVENTORY,
    export_json,
    merged_hostvars,
    run_many,
)
from tests.backend.inventory_io.test_roundtrip import TRICKY_VALUES
from tests.support.services import require

DATA = Path(__file__).parent / "data"
FIXTURES = ["noc.ini", "campus.ini", "noc.yml", "overlap.yml"]


def parse(path: Path) -> Inventory:
    text = path.read_text()
    return parse_ini(text) if path.suffix == ".ini" else parse_yaml(text)


@pytest.fixture(scope="module")
def ansible(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    require(ANSIBLE_INVENTORY.exists(), f"{ANSIBLE_INVENTORY} is not installed")
    root = tmp_path_factory.mktemp("ansible")
    jobs: dict[str, tuple[Path, bool]] = {}
    for name in FIXTURES:
        inv = parse(DATA / name)
        ini_path, yaml_path = root / f"{name}.export.ini", root / f"{name}.export.yml"
        ini_path.write_text(to_ini(inv))
        yaml_path.write_text(to_yaml(inv))
        jobs[f"{name}:original"] = (DATA / name, True)
        jobs[f"{name}:merged"] = (DATA / name, False)
        jobs[f"{name}:ini"] = (ini_path, True)
        jobs[f"{name}:yaml"] = (yaml_path, True)
    tricky = tricky_inventory()
    for fmt, text in (("ini", to_ini(tricky)), ("yaml", to_yaml(tricky))):
        path = root / f"tricky.{'ini' if fmt == 'ini' else 'yml'}"
        path.write_text(text)
        jobs[f"tricky:{fmt}"] = (path, True)
    return run_many(jobs, root / "home")


def tricky_inventory() -> Inventory:
    """Every awkward value type, as host var, group var and ``all`` var."""
    values = {f"v{i}": value for i, value in enumerate(TRICKY_VALUES)}
    return Inventory(hosts={"h1": InvHost("h1", dict(values))},
                     groups={"g": InvGroup("g", hosts=["h1"], vars=dict(values)),
                             "all": InvGroup("all", vars=dict(values))})


@pytest.mark.parametrize("fmt", ["ini", "yaml"])
def test_ansible_reads_every_value_type_we_write(
        ansible: dict[str, dict[str, Any]], fmt: str) -> None:
    expected = export_json(normalized(tricky_inventory()))
    assert len(expected["g"]["vars"]) == len(TRICKY_VALUES)
    assert ansible[f"tricky:{fmt}"] == expected


@pytest.mark.parametrize("name", FIXTURES)
def test_our_parser_reads_what_ansible_reads(ansible: dict[str, dict[str, Any]], name: str) -> None:
    assert export_json(parse(DATA / name)) == ansible[f"{name}:original"]


@pytest.mark.parametrize("name", FIXTURES)
@pytest.mark.parametrize("fmt", ["ini", "yaml"])
def test_ansible_reads_the_export_like_the_original(
        ansible: dict[str, dict[str, Any]], name: str, fmt: str) -> None:
    assert ansible[f"{name}:{fmt}"] == ansible[f"{name}:original"]


@pytest.mark.parametrize("name", FIXTURES)
def test_flattened_vars_match_ansible_precedence(
        ansible: dict[str, dict[str, Any]], name: str) -> None:
    assert merged_hostvars(parse(DATA / name)) == ansible[f"{name}:merged"]["_meta"]["hostvars"]


def test_the_fixtures_are_not_trivial(ansible: dict[str, dict[str, Any]]) -> None:
    noc = ansible["noc.ini:original"]
    assert noc["sp"]["children"] == ["web", "db"]
    assert len(noc["web"]["hosts"]) == 8
    assert noc["_meta"]["hostvars"]["db1.sp.example.net"]["backup_slot"] == "0700"
