"""Before Qt starts: can its display platform load? Qt aborts the process when the xcb plugin
misses a system library, so the app checks first and names the Debian packages to install.

No Qt here (it runs before the QApplication exists); messages are plain English because no
translator can be loaded yet.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

#: find_library-like: a library name (``xcb-icccm``) -> something truthy when it loads
LibraryFinder = Callable[[str], str | None]

#: the libraries Qt's xcb platform plugin links (``ldd libqxcb.so``) -> their Debian package
XCB_LIBRARIES: dict[str, str] = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xkbcommon": "libxkbcommon0",
    "EGL": "libegl1",
    "GL": "libgl1",
    "xcb-image": "libxcb-image0",
    "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-render": "libxcb-render0",
    "xcb-shape": "libxcb-shape0",
    "xcb-shm": "libxcb-shm0",
    "xcb-sync": "libxcb-sync1",
    "xcb-xfixes": "libxcb-xfixes0",
    "xcb-xkb": "libxcb-xkb1",
    "xcb-util": "libxcb-util1",
    "xcb": "libxcb1",
    "X11-xcb": "libx11-xcb1",
    "X11": "libx11-6",
    "fontconfig": "libfontconfig1",
    "freetype": "libfreetype6",
    "dbus-1": "libdbus-1-3",
    "glib-2.0": "libglib2.0-0",
}


@dataclass(frozen=True)
class PlatformProblem:
    """Why the GUI cannot start; ``packages`` are the Debian packages that would fix it."""

    message: str
    packages: tuple[str, ...] = ()


def find_loadable(name: str) -> str | None:
    """``ctypes.util.find_library`` and a real ``dlopen`` of what it found."""
    found = ctypes.util.find_library(name)
    if found is None:
        return None
    try:
        ctypes.CDLL(found)
    except OSError:
        return None
    return found


def uses_xcb(env: Mapping[str, str]) -> bool:
    """Whether Qt will pick the xcb platform: an X display and no other platform forced."""
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if platform:
        return platform == "xcb"
    return bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def missing_packages(find_library: LibraryFinder = find_loadable) -> list[str]:
    """The Debian packages of the xcb plugin's libraries that do not load, in a stable order."""
    return [package for name, package in XCB_LIBRARIES.items() if not find_library(name)]


def check_platform(env: Mapping[str, str], find_library: LibraryFinder = find_loadable,
                   platform: str = sys.platform) -> PlatformProblem | None:
    """``None`` when the GUI can start; otherwise what is wrong and how to fix it."""
    if not platform.startswith("linux"):
        return None
    forced = env.get("QT_QPA_PLATFORM", "").strip()
    if not forced and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return PlatformProblem(
            "noc-desktop needs a graphical display, and there is none (neither DISPLAY nor "
            "WAYLAND_DISPLAY is set). Run it in a desktop session, or with ssh -X; for a "
            "screenshot without a display set QT_QPA_PLATFORM=offscreen.")
    if not uses_xcb(env):
        return None
    packages = missing_packages(find_library)
    if not packages:
        return None
    return PlatformProblem(
        "noc-desktop cannot open a window: Qt's X11 (xcb) platform needs system libraries "
        f"that are missing. Install the Debian packages {', '.join(packages)}:\n\n"
        f"    sudo apt-get install {' '.join(packages)}\n",
        tuple(packages))
