"""Host patterns as both Ansible inventory formats write them: ``name[:port]`` with ranges.

``web[01:20].example.com`` (zero-padded), ``db-[a:f]``, ``node[1:10:2]`` (stride) and several
ranges in one name; ``host:2222`` and ``[fe80::1]:2222`` carry a port. A bare IPv6 address has
no port. Errors raise ``ValueError``; the parser adds the line number.
"""

from __future__ import annotations

import re
import string

_BRACKETED_IPV6 = re.compile(r"\[([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)\]:(\d+)")


def split_port(pattern: str) -> tuple[str, int | None]:
    """Separate a trailing ``:port`` from a host pattern, as Ansible's address parser does."""
    match = _BRACKETED_IPV6.fullmatch(pattern)
    if match:
        return match[1], int(match[2])
    depth = 0
    colons: list[int] = []
    for index, char in enumerate(pattern):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(depth - 1, 0)
        elif char == ":" and depth == 0:
            colons.append(index)
    if len(colons) == 1:
        head, tail = pattern[: colons[0]], pattern[colons[0] + 1:]
        if head and tail.isdigit() and tail.isascii():
            return head, int(tail)
    return pattern, None


def expand_pattern(pattern: str) -> list[str]:
    """Every host name a pattern stands for, ranges expanded left to right."""
    start = pattern.find("[")
    if start < 0:
        return [pattern]
    end = pattern.find("]", start)
    if end < 0:
        raise ValueError(f"host range in '{pattern}' has no closing ']'")
    head, body, tail = pattern[:start], pattern[start + 1: end], pattern[end + 1:]
    names: list[str] = []
    for item in _range_items(body):
        names.extend(expand_pattern(head + item + tail))
    return names


def _range_items(body: str) -> list[str]:
    bounds = body.split(":")
    if len(bounds) not in (2, 3):
        raise ValueError(f"host range [{body}] must be begin:end or begin:end:step")
    begin, end = bounds[0] or "0", bounds[1]
    step_text = bounds[2] if len(bounds) == 3 else "1"
    if not end:
        raise ValueError(f"host range [{body}] must specify an end value")
    if not step_text.isdigit() or int(step_text) < 1:
        raise ValueError(f"host range [{body}] has a bad step '{step_text}'")
    step = int(step_text)
    letters = string.ascii_letters
    if len(begin) == 1 and len(end) == 1 and begin in letters and end in letters:
        first, last = letters.index(begin), letters.index(end)
        if first > last:
            raise ValueError(f"host range [{body}] must have begin <= end")
        return list(letters[first: last + 1: step])
    if not (begin.isdigit() and end.isdigit() and begin.isascii() and end.isascii()):
        raise ValueError(f"host range [{body}] has bad bounds: use numbers or single letters")
    if int(begin) > int(end):
        raise ValueError(f"host range [{body}] must have begin <= end")
    width = len(begin) if begin.startswith("0") and len(begin) > 1 else 0
    if width and len(end) != width:
        raise ValueError(f"host range [{body}] must give begin and end the same number of digits")
    return [str(n).zfill(width) for n in range(int(begin), int(end) + 1, step)]


def expand_host_pattern(pattern: str) -> tuple[list[str], int | None]:
    """The host names and the optional port of one host pattern."""
    if not pattern:
        raise ValueError("empty host name")
    name, port = split_port(pattern)
    if pattern.endswith(":") and port is None:
        raise ValueError(f"host pattern '{pattern}' ends in ':' (reserved for a port)")
    return expand_pattern(name), port
