"""INI parsing: Ansible's value typing, ranges, sections, merges, and every error with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from noc_backend.inventory_io import InventoryParseError, parse_ini

DATA = Path(__file__).parent / "data"


def test_noc_fixture_hosts_groups_and_typed_vars() -> None:
    inv = parse_ini((DATA / "noc.ini").read_text())
    assert inv.groups["web"].hosts[:5] == [
        "web01.sp.example.net", "web02.sp.example.net", "web03.sp.example.net",
        "web04.sp.example.net", "web-canary.sp.example.net"]
    assert inv.groups["web"].hosts[5:] == [f"lb-{c}.sp.example.net" for c in "abc"]
    assert inv.groups["db"].hosts == [f"db{n}.sp.example.net" for n in (1, 5, 9)]
    assert inv.groups["ungrouped"].hosts == ["bastion.noc.example.net"]
    assert inv.groups["all"].children == ["ungrouped", "monitoring", "sp"]
    web01 = inv.hosts["web01.sp.example.net"].vars
    assert web01 == {"ansible_user": "deploy", "http_port": 8080, "tls": True}
    canary = inv.hosts["web-canary.sp.example.net"]
    assert canary.vars["ansible_port"] == 2222 and canary.port == 2222
    assert canary.vars["canary"] == "yes" and canary.vars["weight"] == 0.25
    db1 = inv.hosts["db1.sp.example.net"].vars
    assert db1["pg_primary"] is True and db1["backup_slot"] == "0700"
    assert db1["check_interval"] == 30, "vars from a second group line merge into the host"
    web_vars = inv.groups["web"].vars
    assert web_vars["site_name"] == "Sao Paulo Web Tier"
    assert web_vars["maintenance_window"] == "sun 02:00-04:00"
    assert web_vars["nginx_worker_processes"] == 4
    assert web_vars["backends"] == ["web01", "web02"]
    assert inv.groups["db"].vars["pg_tuning"] == {"shared_buffers": "4GB", "work_mem": "64MB"}
    assert inv.groups["all"].vars["ntp_servers"] == ["10.0.0.1", "10.0.0.2"]
    bastion = inv.hosts["bastion.noc.example.net"]
    assert (bastion.address, bastion.port, bastion.user) == ("203.0.113.10", 2201, "ops")
    assert inv.hosts["syslog01"].connection == "ssh"


def test_campus_fixture_resolves_groups_declared_later() -> None:
    inv = parse_ini((DATA / "campus.ini").read_text())
    assert inv.groups["campus"].children == ["core", "access"]
    assert inv.groups["access"].children == ["floor1", "floor2"]
    assert inv.groups["access"].vars == {"vlan_default": 100,
                                         "description": "user access switches"}
    assert inv.groups["all"].children == ["ungrouped", "campus", "mgmt"]
    assert inv.hosts["fe80::1"].vars == {"ansible_port": 2200, "ansible_user": "root"}
    oob = inv.hosts["oob.campus.local"].vars
    assert oob == {"empty_value": "", "nothing": None, "octal_like": "010", "port_string": "22"}
    assert inv.hosts["core-sw1"].vars["uplinks"] == [1, 2, 3]
    assert inv.hosts["core-sw1"].vars["snmp_community"] == "public ro"
    assert inv.groups_of("core-sw2") == ["core", "floor2"]
    assert inv.groups_of("core-sw2", transitive=True) == ["core", "floor2", "campus", "access"]


@pytest.mark.parametrize(("line", "hosts"), [
    ("n[1:10:3]", ["n1", "n4", "n7", "n10"]),
    ("db-[a:c]", ["db-a", "db-b", "db-c"]),
    ("x[:2]", ["x0", "x1", "x2"]),
    ("r[08:10]", ["r08", "r09", "r10"]),
    ("s[1:2]-p[a:b]", ["s1-pa", "s1-pb", "s2-pa", "s2-pb"]),
    ("h[Y:Z]", ["hY", "hZ"]),
])
def test_host_ranges(line: str, hosts: list[str]) -> None:
    assert parse_ini(f"[g]\n{line}\n").groups["g"].hosts == hosts


def test_host_in_several_groups_merges_vars_and_later_values_win() -> None:
    inv = parse_ini("[a]\nh1 x=1 y=1\n[b]\nh1 y=2 z='3' s=\"'3'\"\n")
    assert inv.hosts["h1"].vars == {"x": 1, "y": 2, "z": 3, "s": "3"}
    assert inv.groups_of("h1") == ["a", "b"]
    assert inv.groups["ungrouped"].hosts == []


def test_port_applies_only_where_the_host_is_created() -> None:
    inv = parse_ini("[a]\nh1:2201\n[b]\nh1:2202\nh2:2203 ansible_port=2204\n")
    assert inv.hosts["h1"].vars == {"ansible_port": 2201}
    assert inv.hosts["h2"].vars == {"ansible_port": 2204}


def test_comments_and_special_sections() -> None:
    text = "h0 # trailing\n; note\n[all]\nh9\n[ungrouped]\nh8\n[g] # comment\nh1 a=1 # x\n"
    inv = parse_ini(text)
    assert inv.groups["ungrouped"].hosts == ["h0", "h8", "h9"]
    assert inv.groups["g"].hosts == ["h1"] and inv.hosts["h1"].vars == {"a": 1}
    assert inv.groups["all"].hosts == []


def test_empty_text_is_an_empty_inventory() -> None:
    inv = parse_ini("# nothing\n\n")
    assert inv.hosts == {} and set(inv.groups) == {"all", "ungrouped"}


@pytest.mark.parametrize(("text", "line", "fragment"), [
    ("[web]\nh1\n[web:bogus]\n", 3, "unknown type"),
    ("h1\n\n[web servers]\n", 3, "invalid section header"),
    ("[web]\nh1\nansible_user=root\n", 3, "without a host"),
    ("[web]\nh1 ansible_user\n", 2, "expected key=value"),
    ("[web]\nh1 =x\n", 2, "expected key=value"),
    ("[g:vars]\n# c\nnovalue\n", 3, "expected key=value"),
    ("[g]\n[g:vars]\n=1\n", 3, "expected key=value"),
    ("[g]\nweb[5:1]\n", 2, "begin <= end"),
    ("[g]\nweb[1:x]\n", 2, "bad bounds"),
    ("[g]\nweb[1:5:0]\n", 2, "bad step"),
    ("[g]\nweb[1:2:3:4]\n", 2, "begin:end"),
    ("[g]\nweb[1:]\n", 2, "end value"),
    ("[g]\nweb[01:100]\n", 2, "same number of digits"),
    ("[g]\nweb[1:3\n", 2, "closing"),
    ("[g]\nh1:\n", 2, "reserved for a port"),
    ("---\n", 1, "YAML"),
    ("[g]\nh1 note='unclosed\n", 2, "closing quotation"),
    ("[g]\nh1 bad='{[1]: 2}'\n", 2, "cannot evaluate"),
    ("[p:children]\nweb\nmissing\n[web]\nh1\n", 3, "'missing', which is never defined"),
    ("[web]\nh1\n\n[db:vars]\nx=1\n", 4, "[db:vars]"),
    ("[p:children]\n  has space\n", 2, "expected a group name"),
    ("[a:children]\nb\n[b:children]\na\n", 4, "loop"),
    ("[a:children]\na\n", 2, "own child"),
])
def test_errors_name_their_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(InventoryParseError) as caught:
        parse_ini(text)
    assert caught.value.line == line
    assert fragment in caught.value.message
    assert str(caught.value).startswith(f"line {line}: ")
