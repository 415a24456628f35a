"""The SSE wire format, line by line: fields, comments, multi-line data, ids, retry."""

from __future__ import annotations

import pytest

from noc_desktop.client.sse import SseEvent, SseParser


def _feed(lines: list[str]) -> tuple[list[SseEvent], SseParser]:
    parser = SseParser()
    events = [e for e in (parser.feed(line) for line in lines) if e is not None]
    return events, parser


@pytest.mark.parametrize(("lines", "expected"), [
    (["id: 3", "event: step_started", 'data: {"a": 1}', ""],
     [SseEvent(3, "step_started", {"a": 1})]),
    # no space after the colon; default type is "message"
    (["id:4", 'data:{"b":2}', ""], [SseEvent(4, "message", {"b": 2})]),
    # multi-line data joins with a newline (JSON spread over lines)
    (["data: {", 'data: "k": [1,', "data: 2]}", ""], [SseEvent(None, "message", {"k": [1, 2]})]),
    # comments (keep-alive) and a block without data dispatch nothing
    ([": keep-alive", "", "retry: 1000", "", "id: 9", ""], []),
    # a field without a colon is a field with an empty value
    (["event", "data", ""], [SseEvent(None, "message", {"text": ""})]),
    # the end of a stream
    (["event: end", "data: {}", ""], [SseEvent(None, "end", {})]),
    # a non-numeric id is not a resumable id; non-object JSON is kept under "value"
    (["id: abc", "data: [1, 2]", ""], [SseEvent(None, "message", {"value": [1, 2]})]),
    # text that is not JSON is kept as text
    (["data: hello world", ""], [SseEvent(None, "message", {"text": "hello world"})]),
    # two events back to back; fields do not leak from one to the next
    (["id: 1", "event: a", "data: {}", "", "data: {}", ""],
     [SseEvent(1, "a", {}), SseEvent(None, "message", {})]),
    # only one leading space is stripped; unknown fields are ignored
    (["foo: bar", 'data:  "x"', ""], [SseEvent(None, "message", {"value": "x"})]),
    # an event not terminated by a blank line is not dispatched
    (["id: 5", "data: {}"], []),
])
def test_parser(lines: list[str], expected: list[SseEvent]) -> None:
    events, _ = _feed(lines)
    assert events == expected


@pytest.mark.parametrize(("lines", "retry_ms"), [
    (["retry: 1500", ""], 1500),
    (["retry: soon", ""], None),
    (["retry: 10", "retry: 20", ""], 20),
])
def test_retry_field(lines: list[str], retry_ms: int | None) -> None:
    _, parser = _feed(lines)
    assert parser.retry_ms == retry_ms
