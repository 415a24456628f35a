"""Per-call latency of ``next_fire`` over 1,000 varied cron schedules in DST-observing zones.

Run: ``.venv/bin/python bench/bench_next_fire.py [--schedules N] [--seed S]``. Prints p50/p99
(and max) in microseconds. Meant to grow into the fire-to-dispatch latency benchmark.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from noc_scheduler.timing import CronSpec, next_fire, parse_cron

ZONES = ["UTC", "America/New_York", "Europe/Berlin", "America/Sao_Paulo",
         "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Auckland", "America/Los_Angeles"]
TEMPLATES = [
    "{m} * * * *", "*/{step} * * * *", "{m} {h} * * *", "{m} {h} * * mon-fri",
    "{m} {h} {dom} * *", "{m} {h} {dom} {mon} *", "{m} {h} 13 * fri", "{m} */{hstep} * * *",
    "{m} {h} 1 */3 *", "{m} {h} 29 2 *", "{m} {h} 31 * *", "{m} {h}-{h2} * * sat,sun",
    "{m},{m2} {h} * jan-mar *", "0-59/{step} {h} * * *",
]


def schedules(count: int, rng: random.Random) -> list[tuple[CronSpec, ZoneInfo]]:
    result = []
    for _ in range(count):
        hour = rng.randrange(0, 22)
        expr = rng.choice(TEMPLATES).format(
            m=rng.randrange(60), m2=rng.randrange(60), h=hour, h2=hour + 2,
            step=rng.choice([1, 5, 10, 15, 30]), hstep=rng.choice([2, 3, 6]),
            dom=rng.randrange(1, 29), mon=rng.randrange(1, 13))
        result.append((parse_cron(expr), ZoneInfo(rng.choice(ZONES))))
    return result


def percentile(sorted_values: list[float], fraction: float) -> float:
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schedules", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases = schedules(args.schedules, rng)
    base = datetime(2024, 1, 1, tzinfo=UTC)
    afters = [base + timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60)) for _ in cases]
    for (spec, tz), after in zip(cases[:50], afters, strict=False):  # warm up caches
        next_fire(spec, tz, after)
    timings_us: list[float] = []
    for (spec, tz), after in zip(cases, afters, strict=True):
        began = time.perf_counter_ns()
        next_fire(spec, tz, after)
        timings_us.append((time.perf_counter_ns() - began) / 1_000)
    timings_us.sort()
    print(f"next_fire over {len(cases)} schedules: "
          f"p50 {percentile(timings_us, 0.50):.1f} us, p99 {percentile(timings_us, 0.99):.1f} us, "
          f"max {timings_us[-1]:.1f} us, mean {statistics.fmean(timings_us):.1f} us")


if __name__ == "__main__":
    main()
