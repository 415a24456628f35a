"""Which hosts of one server-side query are loaded, page by page (no Qt).

The hosts table asks the server for the next page as the user scrolls; filters and sorting are
the server's. A filter or sort change starts a new *generation*: an answer of an older one is
dropped, so a slow page never lands in the wrong list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from noc_contracts.api import HostPublic, HostsPublic

GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class HostQuery:
    """The server-side filter and order of the hosts table (``GET /hosts`` parameters)."""

    name: str | None = None
    group: str | None = None
    var: tuple[str, ...] = ()
    sort: str = "name"


def name_pattern(text: str) -> str | None:
    """What the user typed as the ``name`` glob: blank is no filter; without a wildcard it
    matches anywhere in the name (``web`` -> ``*web*``)."""
    text = text.strip()
    if not text:
        return None
    if GLOB_CHARS & set(text):
        return text
    return f"*{text}*"


def var_filters(text: str) -> tuple[tuple[str, ...], str | None]:
    """``k=v`` items separated by blanks -> (the items, or an error naming the bad one)."""
    items = tuple(text.split())
    for item in items:
        key, sep, _ = item.partition("=")
        if not sep or not key.isidentifier():
            return (), item
    return items, None


@dataclass(frozen=True)
class PageRequest:
    generation: int
    query: HostQuery
    offset: int
    limit: int


@dataclass
class HostPager:
    """Loaded rows, the server's total and the one page in flight, for one query at a time."""

    page_size: int = 200
    query: HostQuery = field(default_factory=HostQuery)
    rows: list[HostPublic] = field(default_factory=list)
    total: int | None = None
    generation: int = 0
    in_flight: PageRequest | None = None
    #: how many of the server's rows the pages so far covered (duplicates included)
    offset: int = 0
    _ids: set[int] = field(default_factory=set)
    _answered: int = 0

    def reset(self, query: HostQuery | None = None) -> None:
        """Forget every row (and any page in flight); the next page is the first."""
        if query is not None:
            self.query = query
        self.generation += 1
        self.rows = []
        self._ids = set()
        self.total = None
        self.in_flight = None
        self.offset = self._answered = 0

    def can_fetch_more(self) -> bool:
        return self.in_flight is None and (self.total is None or self.offset < self.total)

    def next_request(self) -> PageRequest | None:
        """The next page to ask for (marked in flight), or None when none is due."""
        if not self.can_fetch_more():
            return None
        self.in_flight = PageRequest(self.generation, self.query, self.offset,
                                     self.page_size)
        return self.in_flight

    def is_current(self, request: PageRequest) -> bool:
        return request == self.in_flight and request.generation == self.generation

    def accept(self, request: PageRequest, page: HostsPublic) -> list[HostPublic] | None:
        """Take a page's answer: the new rows, or None for a stale answer. The page stays in
        flight until ``append`` (so nothing re-asks for it while a view inserts the rows).

        A host already loaded (the list shifted on the server between pages) is skipped, and
        the next page still starts after this one (a page of duplicates only moves on)."""
        if not self.is_current(request):
            return None
        self._answered = len(page.data)
        self.total = page.count if page.data else self.offset  # shrank: stop asking
        return [host for host in page.data if host.id not in self._ids]

    def append(self, rows: list[HostPublic]) -> None:
        """Add the rows ``accept`` returned; the next page may be asked for."""
        self._ids.update(host.id for host in rows)
        self.rows.extend(rows)
        self.offset += self._answered
        self._answered = 0
        self.in_flight = None

    def failed(self, request: PageRequest) -> bool:
        """The page failed; True when it was the current one (the next scroll retries)."""
        if not self.is_current(request):
            return False
        self.in_flight = None
        return True

    def host_at(self, row: int) -> HostPublic | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None
