"""parse_cron: every syntax form, Vixie day rules, and errors that name field and token."""

from __future__ import annotations

import pytest

from noc_scheduler.timing import CronError, parse_cron

ALL_MINUTES = tuple(range(60))


@pytest.mark.parametrize(("expr", "field", "expected"), [
    ("* * * * *", "minutes", ALL_MINUTES),
    ("5 * * * *", "minutes", (5,)),
    ("1,5,59 * * * *", "minutes", (1, 5, 59)),
    ("5,1,5 * * * *", "minutes", (1, 5)),
    ("10-13 * * * *", "minutes", (10, 11, 12, 13)),
    ("*/15 * * * *", "minutes", (0, 15, 30, 45)),
    ("10-50/10 * * * *", "minutes", (10, 20, 30, 40, 50)),
    ("5/20 * * * *", "minutes", (5, 25, 45)),
    ("0-10/7,30 * * * *", "minutes", (0, 7, 30)),
    ("0 */6 * * *", "hours", (0, 6, 12, 18)),
    ("0 9-17/4 * * *", "hours", (9, 13, 17)),
    ("0 0 1,15,31 * *", "days", (1, 15, 31)),
    ("0 0 */10 * *", "days", (1, 11, 21, 31)),
    ("0 0 1 jan,JUL,Dec *", "months", (1, 7, 12)),
    ("0 0 1 mar-may *", "months", (3, 4, 5)),
    ("0 0 1 */3 *", "months", (1, 4, 7, 10)),
    ("0 0 * * mon-fri", "weekdays", frozenset({1, 2, 3, 4, 5})),
    ("0 0 * * 0", "weekdays", frozenset({0})),
    ("0 0 * * 7", "weekdays", frozenset({0})),
    ("0 0 * * 5-7", "weekdays", frozenset({5, 6, 0})),
    ("0 0 * * SUN,sat", "weekdays", frozenset({0, 6})),
    ("0 0 * * */2", "weekdays", frozenset({0, 2, 4, 6})),
    ("@hourly", "minutes", (0,)),
    ("@daily", "hours", (0,)),
    ("@weekly", "weekdays", frozenset({0})),
    ("@monthly", "days", (1,)),
    ("@yearly", "months", (1,)),
])
def test_fields_parse_to_allowed_values(expr: str, field: str, expected: object) -> None:
    assert getattr(parse_cron(expr), field) == expected


@pytest.mark.parametrize(("expr", "flags", "wildcard"), [
    # (dom_star, dow_star, minute_star, hour_star): cron reads only each field's first character
    ("0 0 * * *", (True, True, False, False), False),
    ("0 0 1 * mon", (False, False, False, False), False),
    ("0 0 */2 * mon", (True, False, False, False), False),
    ("0 0 1-31 * *", (False, True, False, False), False),
    ("*/5 3 * * *", (True, True, True, False), True),
    ("0 * * * *", (True, True, False, True), True),
    ("0 */2 * * *", (True, True, False, True), True),
    ("0 1-5 * * *", (True, True, False, False), False),
    ("0-59 0-23 * * *", (True, True, False, False), False),
    ("5,* 2 * * *", (True, True, False, False), False),
    ("@hourly", (True, True, False, True), True),
    ("@daily", (True, True, False, False), False),
])
def test_star_flags_follow_the_first_character(
        expr: str, flags: tuple[bool, bool, bool, bool], wildcard: bool) -> None:
    spec = parse_cron(expr)
    assert (spec.dom_star, spec.dow_star, spec.minute_star, spec.hour_star) == flags
    assert spec.wildcard is wildcard


def test_whitespace_is_normalised_into_expr() -> None:
    assert parse_cron("  0\t9  * *   mon ").expr == "0 9 * * mon"


@pytest.mark.parametrize(("expr", "message", "field", "position"), [
    ("0 24 * * *", "hour: 24 is out of range 0-23", "hour", 2),
    ("60 * * * *", "minute: 60 is out of range 0-59", "minute", 1),
    ("0 0 0 * *", "day-of-month: 0 is out of range 1-31", "day-of-month", 3),
    ("0 0 32 * *", "day-of-month: 32 is out of range 1-31", "day-of-month", 3),
    ("0 0 * 13 *", "month: 13 is out of range 1-12", "month", 4),
    ("0 0 * * 8", "day-of-week: 8 is out of range 0-7", "day-of-week", 5),
    ("0 0 * foo *", "month: 'foo' is not a number or name", "month", 4),
    ("0 0 * * mon-funday", "day-of-week: 'funday' is not a number or name", "day-of-week", 5),
    ("x * * * *", "minute: 'x' is not a number", "minute", 1),
    ("0 jan * * *", "hour: 'jan' is not a number", "hour", 2),
    ("-1 * * * *", "minute: '-1' is not a valid range", "minute", 1),
    ("1- * * * *", "minute: '1-' is not a valid range", "minute", 1),
    ("*/0 * * * *", "minute: step '0' in '*/0' must be a positive number", "minute", 1),
    ("*/x * * * *", "minute: step 'x' in '*/x' must be a positive number", "minute", 1),
    ("0 5-1 * * *", "hour: range '5-1' is backwards (5 > 1)", "hour", 2),
    ("1,,2 * * * *", "minute: empty list item", "minute", 1),
    ("0 0 * * 1²", "day-of-week: '1²' is not a number or name", "day-of-week", 5),
])
def test_errors_name_field_and_token(expr: str, message: str, field: str, position: int) -> None:
    with pytest.raises(CronError) as caught:
        parse_cron(expr)
    assert str(caught.value) == message
    assert (caught.value.field, caught.value.position) == (field, position)


@pytest.mark.parametrize(("expr", "fragment"), [
    ("", "expected 5 fields (minute hour day-of-month month day-of-week), got 0"),
    ("* * * *", "got 4"),
    ("* * * * * *", "got 6"),
    ("@reboot", "unknown macro '@reboot'"),
    ("1" * 5_000 + " * * * *", "cron expression is too long (at most 200 characters)"),
])
def test_shape_errors(expr: str, fragment: str) -> None:
    with pytest.raises(CronError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        parse_cron(expr)


@pytest.mark.parametrize(("expr", "impossible"), [
    ("0 0 30 2 *", True),
    ("0 0 31 4,6,9,11 *", True),
    ("0 0 29 2 *", False),
    ("0 0 30 2 mon", False),  # Vixie OR: every Monday in February
    ("0 0 30,1 2 *", False),
])
def test_impossible_specs_are_recognised(expr: str, impossible: bool) -> None:
    assert parse_cron(expr).impossible is impossible
