"""The run dialog's fields as a request (Qt-free): timing per mode, wall times in the chosen
zone, policies only for scheduled runs, and when a target holds every host."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from noc_desktop.runs.choices import RunChoices, covers_every_host, in_zone, zone_names


def test_now_sends_only_target_vars_and_dry_run() -> None:
    body = RunChoices(target_kind="group", target="web", vars={"x": 1}, check_mode=True,
                      cron="0 3 * * *").to_request().model_dump(exclude_none=True)
    assert body["target"] == {"group": "web"}
    assert body["vars"] == {"x": 1} and body["check_mode"] is True
    assert "cron" not in body and "at" not in body and "timezone" not in body


def test_at_is_the_wall_time_in_the_chosen_zone() -> None:
    choices = RunChoices(target_kind="host", target=" db1 ", when="at",
                         at=datetime(2031, 7, 1, 9, 30), timezone="America/Sao_Paulo",
                         missed_policy="run_once")
    request = choices.to_request()
    assert request.target.hosts == ["db1"]
    assert request.at is not None and request.at.utcoffset() == timedelta(hours=-3)
    assert (request.at.hour, request.at.minute) == (9, 30)
    assert request.missed_policy == "run_once" and request.cron is None


def test_cron_normalises_spaces_and_keeps_its_window_and_policies() -> None:
    choices = RunChoices(target="all", when="cron", cron="  0  3 * *   1-5 ",
                         timezone="Europe/Lisbon", end=datetime(2031, 1, 15, 0, 0),
                         missed_policy="catch_up", catch_up_max=7, overlap_policy="queue")
    request = choices.to_request()
    assert request.cron == "0 3 * * 1-5" and request.timezone == "Europe/Lisbon"
    assert request.start is None and request.end == in_zone(datetime(2031, 1, 15),
                                                             "Europe/Lisbon")
    assert (request.missed_policy, request.catch_up_max, request.overlap_policy) == (
        "catch_up", 7, "queue")


def test_no_target_only_previews() -> None:
    with pytest.raises(ValueError):
        RunChoices(target="  ").to_request()
    assert RunChoices(target="").to_request(for_preview=True).target.group == "all"


@pytest.mark.parametrize(("kind", "name", "count", "total", "asks"), [
    ("group", "all", None, None, True),
    ("group", "web", 3, 3, True),
    ("group", "web", 2, 3, False),
    ("group", "web", None, 3, False),
    ("group", "empty", 0, 0, False),
    ("host", "all", 1, 1, False),
    ("group", "", 5, 5, False),
])
def test_covers_every_host(kind: str, name: str, count: int | None, total: int | None,
                           asks: bool) -> None:
    assert covers_every_host(kind, name, count, total) is asks  # type: ignore[arg-type]


def test_zones_start_with_utc_and_hold_the_usual_names() -> None:
    names = zone_names()
    assert names[0] == "UTC" and "America/Sao_Paulo" in names and "Europe/Lisbon" in names


def test_zones_are_read_once() -> None:
    assert zone_names() is zone_names()  # the tz database is scanned once, not per field
