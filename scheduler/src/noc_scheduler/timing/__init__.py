"""When schedules fire: cron parsing, time zones, DST-aware next fire times, previews,
missed-run policies, request validation and an injectable clock. Pure: no I/O."""

from noc_scheduler.timing.clock import Clock, FakeClock, SystemClock
from noc_scheduler.timing.cron import CronSpec, parse_cron
from noc_scheduler.timing.errors import CronError, NeverFiresError, TimingError
from noc_scheduler.timing.missed import (
    MissedPlan,
    MissedPolicy,
    parse_policy,
    plan_missed,
    plan_missed_at,
)
from noc_scheduler.timing.next_fire import fire_times, next_fire
from noc_scheduler.timing.preview import preview
from noc_scheduler.timing.validate import validate_schedule
from noc_scheduler.timing.zones import load_zone, zone_or_default

__all__ = [
    "Clock", "CronError", "CronSpec", "FakeClock", "MissedPlan", "MissedPolicy",
    "NeverFiresError", "SystemClock", "TimingError", "fire_times", "load_zone", "next_fire",
    "parse_cron", "parse_policy", "plan_missed", "plan_missed_at", "preview",
    "validate_schedule", "zone_or_default",
]
