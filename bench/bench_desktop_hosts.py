"""The inventory page over 10,000 hosts in a real backend process: time from creating the page
to the first paint of the first page of rows (target < 300 ms), and the longest UI stall while
scrolling to the end (a 5 ms QTimer probe measures the event loop's gaps).

Run: ``.venv/bin/python bench/bench_desktop_hosts.py`` (offscreen; SQLite temp file). The
backend runs as its own ``noc-backend serve`` process so its work never counts as a UI stall.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import qasync  # noqa: E402
from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from noc_desktop.client import NocClient  # noqa: E402
from noc_desktop.inventory.page import InventoryPage  # noqa: E402
from noc_desktop.session import Session  # noqa: E402
from qt_probes import StallProbe  # noqa: E402
from tests.backend.servers import backend_env, backend_process  # noqa: E402
from tests.backend.utils import ADMIN_PASSWORD  # noqa: E402

HOSTS = 10_000
PROBE_MS = 5


def inventory(count: int) -> str:
    lines = [f"h{i:05d} ansible_host=10.{i // 65536}.{i // 256 % 256}.{i % 256} "
             f"ansible_connection=local" for i in range(count)]
    return "[lab]\n" + "\n".join(lines) + "\n"


class PaintWatch(QObject):
    """Records when the table's viewport first paints with rows in it."""

    def __init__(self, page: InventoryPage) -> None:
        super().__init__()
        self.page = page
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Paint and self.painted_at is None
                and self.page.hosts.model.rowCount() > 0):
            self.painted_at = time.perf_counter()
        return False


async def wait_for(predicate: object, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.001)


async def measure(url: str) -> None:
    client = NocClient(url)
    await client.login("admin", ADMIN_PASSWORD)
    session = Session(client, await client.me())

    start = time.perf_counter()
    page = InventoryPage(session)
    page.resize(1200, 800)
    watch = PaintWatch(page)
    page.hosts.table.viewport().installEventFilter(watch)
    page.show()
    page.activate()
    await wait_for(lambda: watch.painted_at is not None)
    first_paint_ms = ((watch.painted_at or 0) - start) * 1000
    model = page.hosts.model
    print(f"first paint of the first page: {first_paint_ms:.0f} ms "
          f"({model.rowCount()} rows of {model.total}; target < 300 ms)")

    probe = StallProbe(PROBE_MS)
    probe.start()
    table = page.hosts.table
    scroll_start = time.perf_counter()
    while model.rowCount() < HOSTS:
        table.scrollToBottom()  # as a user dragging to the end of what is loaded
        before = model.rowCount()
        await wait_for(lambda before=before: model.rowCount() > before or not
                       model.canFetchMore(table.rootIndex()))
        await asyncio.sleep(0.01)  # let the view repaint as a user would see it
    scrolled_s = time.perf_counter() - scroll_start
    probe.stop()
    stalls = probe.stalls_ms()
    print(f"scrolled to the end: {model.rowCount()} rows in {scrolled_s:.1f} s, "
          f"{len(stalls)} probe ticks")
    print(f"UI stall: longest {max(stalls):.1f} ms, p99 "
          f"{statistics.quantiles(stalls, n=100)[98]:.1f} ms, median "
          f"{statistics.median(stalls):.1f} ms")
    page.close()
    await client.aclose()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = backend_env(f"sqlite:///{Path(tmp) / 'backend.db'}")
        with backend_process(env, Path(tmp)) as served:
            api = f"{served.url}/api/v1"
            token = httpx.post(f"{api}/auth/login", json={"username": "admin",
                                                          "password": ADMIN_PASSWORD}
                               ).json()["access_token"]
            t0 = time.perf_counter()
            r = httpx.post(f"{api}/inventory/import", timeout=300,
                           headers={"Authorization": f"Bearer {token}"},
                           json={"format": "ini", "content": inventory(HOSTS)})
            r.raise_for_status()
            print(f"imported {HOSTS} hosts in {time.perf_counter() - t0:.1f} s")
            app = QApplication.instance() or QApplication([])
            app.setQuitOnLastWindowClosed(False)  # type: ignore[attr-defined]
            loop = qasync.QEventLoop(app)
            asyncio.set_event_loop(loop)
            with loop:
                loop.run_until_complete(measure(served.url))


if __name__ == "__main__":
    main()
