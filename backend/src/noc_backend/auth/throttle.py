"""Login throttling: failed attempts per username and per client address in a sliding window.

State is in-process (one backend process): a restart forgets it, and several backend
processes each count on their own; put a shared limiter in front of them when scaling out.

An attempt is counted when it *starts* (``begin``), so concurrent guesses cannot all slip
past the limit before the first failure is recorded; ``succeeded`` withdraws the attempt and
the username's earlier failures *from the same address* only: a success never resets the
count another address built up, nor the address's own count over other usernames.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    per_username: int = 5
    per_address: int = 20
    window_s: float = 300.0


class Throttled(Exception):
    """Too many recent failures; retry after ``retry_after_s`` seconds."""

    def __init__(self, retry_after_s: int, scope: str) -> None:
        super().__init__(f"too many failed logins for this {scope}")
        self.retry_after_s = retry_after_s
        self.scope = scope


@dataclass
class _Attempt:
    at: float
    username: str
    address: str


@dataclass
class LoginThrottle:
    """Sliding-window counters; thread-safe (sync routes run on a thread pool)."""

    limits: Limits = field(default_factory=Limits)
    clock: Callable[[], float] = time.monotonic
    _by_user: dict[str, deque[_Attempt]] = field(default_factory=dict)
    _by_address: dict[str, deque[_Attempt]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def begin(self, username: str, address: str) -> _Attempt:
        """Count an attempt, or raise ``Throttled`` when either window is full."""
        key = username.casefold()
        with self._lock:
            now = self.clock()
            users = self._window(self._by_user, key, now)
            addresses = self._window(self._by_address, address, now)
            for window, limit, scope in ((users, self.limits.per_username, "username"),
                                         (addresses, self.limits.per_address, "address")):
                if len(window) >= limit:
                    wait = window[0].at + self.limits.window_s - now
                    raise Throttled(max(1, math.ceil(wait)), scope)
            attempt = _Attempt(now, key, address)
            users.append(attempt)
            addresses.append(attempt)
            return attempt

    def succeeded(self, attempt: _Attempt) -> None:
        """The login worked: forget this attempt and this username's failures from here."""
        with self._lock:
            users = self._by_user.get(attempt.username)
            if users is not None:
                kept = [a for a in users if a.address != attempt.address]
                users.clear()
                users.extend(kept)
            addresses = self._by_address.get(attempt.address)
            if addresses is not None and attempt in addresses:
                addresses.remove(attempt)

    def _window(self, table: dict[str, deque[_Attempt]], key: str,
                now: float) -> deque[_Attempt]:
        window = table.setdefault(key, deque())
        while window and window[0].at <= now - self.limits.window_s:
            window.popleft()
        self._forget_idle(table, now)
        return window

    def _forget_idle(self, table: dict[str, deque[_Attempt]], now: float) -> None:
        """Drop keys whose newest attempt left the window (memory stays bounded)."""
        if len(table) < 10_000:
            return
        for key in [k for k, w in table.items() if not w or w[-1].at <= now - self.limits.window_s]:
            del table[key]
