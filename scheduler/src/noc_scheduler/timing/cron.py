"""Parse standard 5-field cron expressions into a ``CronSpec`` of allowed values per field.

Fields: minute hour day-of-month month day-of-week. Supports ``*``, numbers, lists, ranges,
steps (``*/15``, ``10-50/10``, and ``5/15`` meaning ``5-max/15``), month and weekday names,
weekday 7 as Sunday, and the ``@hourly``-style macros. Day matching follows Vixie cron: when
both day fields are restricted (neither starts with ``*``) a day matches if EITHER matches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from noc_scheduler.timing.errors import CronError


@dataclass(frozen=True)
class _Field:
    name: str
    low: int
    high: int
    names: tuple[str, ...] = ()  # names[i] is the value low + i


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_FIELDS = (
    _Field("minute", 0, 59),
    _Field("hour", 0, 23),
    _Field("day-of-month", 1, 31),
    _Field("month", 1, 12, _MONTHS),
    _Field("day-of-week", 0, 7, _DAYS),
)
_MACROS = {
    "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}
MAX_LENGTH = 200
_MAX_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February in a leap year


@dataclass(frozen=True)
class CronSpec:
    """The sorted values each field allows; weekdays count 0 = Sunday .. 6 = Saturday."""

    expr: str
    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    days: tuple[int, ...]
    months: tuple[int, ...]
    weekdays: frozenset[int]
    dom_star: bool  # day-of-month starts with '*': days combine with weekdays by AND
    dow_star: bool
    minute_star: bool  # minute starts with '*' (Vixie cron's MIN_STAR)
    hour_star: bool  # hour starts with '*' (HR_STAR; ``@hourly`` too)

    def day_matches(self, year: int, month: int, day: int) -> bool:
        """Whether the job runs on this calendar day (Vixie OR rule for two restricted fields)."""
        dom_ok = day in self.days
        both = self.dom_star or self.dow_star  # AND; otherwise OR
        if dom_ok != both:  # AND with a failing day-of-month, or OR with a matching one
            return dom_ok
        return (date(year, month, day).weekday() + 1) % 7 in self.weekdays

    @property
    def wildcard(self) -> bool:
        """A "wildcard" job in Debian cron's sense: it follows the clock across DST changes.

        Only the text counts, as in cron's parser: ``*/15 2 * * *`` is wildcard, while
        ``0 1-5 * * *`` and ``0,30 2 * * *`` are fixed-time jobs.
        """
        return self.minute_star or self.hour_star

    @property
    def impossible(self) -> bool:
        """True when no calendar day can ever match, e.g. only the 30th of February."""
        if not self.dow_star and not self.dom_star:
            return False  # OR rule: the weekday alone always matches some day
        return all(day > _MAX_DAYS[month - 1] for month in self.months for day in self.days)

    def __str__(self) -> str:
        return self.expr


def parse_cron(expr: str) -> CronSpec:
    """Parse ``expr``; raise ``CronError`` naming the field and the bad token."""
    if len(expr) > MAX_LENGTH:
        raise CronError(f"cron expression is too long (at most {MAX_LENGTH} characters)")
    text = " ".join(expr.split())
    if text.startswith("@"):
        if text.lower() not in _MACROS:
            raise CronError(f"unknown macro {text!r}; use one of {', '.join(_MACROS)}")
        fields = _MACROS[text.lower()].split()
    else:
        fields = text.split(" ") if text else []
    if len(fields) != 5:
        raise CronError(
            f"expected 5 fields (minute hour day-of-month month day-of-week), got {len(fields)}")
    values = [_parse_field(token, field, position)
              for position, (token, field) in enumerate(zip(fields, _FIELDS, strict=True), 1)]
    weekdays = frozenset(0 if d == 7 else d for d in values[4])
    return CronSpec(
        expr=text, minutes=values[0], hours=values[1], days=values[2], months=values[3],
        weekdays=weekdays, dom_star=fields[2].startswith("*"), dow_star=fields[4].startswith("*"),
        minute_star=fields[0].startswith("*"), hour_star=fields[1].startswith("*"),
    )


def _parse_field(text: str, field: _Field, position: int) -> tuple[int, ...]:
    allowed: set[int] = set()
    for item in text.split(","):
        allowed.update(_parse_item(item, field, position))
    return tuple(sorted(allowed))


def _parse_item(item: str, field: _Field, position: int) -> range:
    def fail(message: str) -> CronError:
        return CronError(f"{field.name}: {message}", field=field.name, position=position)

    if not item:
        raise fail("empty list item")
    base, slash, step_text = item.partition("/")
    step = 1
    if slash:
        if not (step_text.isascii() and step_text.isdigit()) or int(step_text) == 0:
            raise fail(f"step {step_text!r} in {item!r} must be a positive number")
        step = int(step_text)
    if base == "*":
        low, high = field.low, field.high
    elif "-" in base:
        first, _, last = base.partition("-")
        if not first or not last:
            raise fail(f"{base!r} is not a valid range")
        low, high = _value(first, field, fail), _value(last, field, fail)
        if high < low:
            raise fail(f"range {base!r} is backwards ({low} > {high})")
    else:
        low = _value(base, field, fail)
        high = field.high if slash else low
    return range(low, high + 1, step)


def _value(token: str, field: _Field, fail: Callable[[str], CronError]) -> int:
    lowered = token.lower()
    if lowered in field.names:
        return field.low + field.names.index(lowered)
    if not (token.isascii() and token.isdigit()):
        kind = "a number" if not field.names else "a number or name"
        raise fail(f"{token!r} is not {kind}")
    number = int(token)
    if not field.low <= number <= field.high:
        raise fail(f"{number} is out of range {field.low}-{field.high}")
    return number
