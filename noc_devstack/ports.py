"""Free loopback ports: for a stack started beside others (tests, benchmarks, screenshots), and
to check the ports `make run` is given before it starts."""

from __future__ import annotations

import socket


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now (the OS picks it; free until someone binds it)."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def port_free(host: str, port: int) -> bool:
    """Whether a server could listen on ``host:port`` now. SO_REUSEADDR as uvicorn sets it, so
    a previous run's connections still in TIME_WAIT do not count as taken."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
        return True


def free_base_port(host: str, start: int, count: int = 3, tries: int = 20) -> int | None:
    """A base port from ``start`` on (in steps of 10) with it and the next ``count - 1`` free,
    to suggest when the given ones are taken; None when none of ``tries`` is."""
    for base in range(start, min(start + 10 * tries, 65536 - count), 10):
        if all(port_free(host, base + i) for i in range(count)):
            return base
    return None
