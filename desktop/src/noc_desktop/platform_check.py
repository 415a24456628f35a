"""Before Qt starts: can it load here? QtGui itself needs EGL, GL, fontconfig, freetype, glib,
xkbcommon... whatever the display platform (xcb, wayland, offscreen), and the xcb plugin needs
the X11 libraries on top; a missing one aborts the process (or fails PySide6's import), so the
app checks first and names the Debian packages to install.

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

#: the libraries QtGui, QtWidgets and QtDBus link (``readelf -d``), on every platform -> package
GUI_LIBRARIES: dict[str, str] = {
    "EGL": "libegl1",
    "GL": "libgl1",
    "fontconfig": "libfontconfig1",
    "freetype": "libfreetype6",
    "glib-2.0": "libglib2.0-0",
    "gthread-2.0": "libglib2.0-0",
    "xkbcommon": "libxkbcommon0",
    "X11": "libx11-6",
    "dbus-1": "libdbus-1-3",
}

#: what Qt's xcb platform plugin links on top of those (``ldd libqxcb.so``) -> package
XCB_LIBRARIES: dict[str, str] = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
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


def missing_packages(find_library: LibraryFinder = find_loadable, *,
                     xcb: bool = True) -> list[str]:
    """The Debian packages of QtGui's libraries (and the xcb plugin's when ``xcb``) that do
    not load, once each, in a stable order."""
    libraries = {**GUI_LIBRARIES, **(XCB_LIBRARIES if xcb else {})}
    missing = [package for name, package in libraries.items() if not find_library(name)]
    return list(dict.fromkeys(missing))


def _install_line(packages: list[str]) -> str:
    return (f"Install the Debian packages {', '.join(packages)}:\n\n"
            f"    sudo apt-get install {' '.join(packages)}\n")


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
    xcb = uses_xcb(env)
    packages = missing_packages(find_library, xcb=xcb)
    if not packages:
        return None
    what = ("Qt and its X11 (xcb) platform need system libraries that are missing." if xcb
            else "Qt needs system libraries that are missing.")
    return PlatformProblem(f"noc-desktop cannot open a window: {what} {_install_line(packages)}",
                           tuple(packages))


def qt_import_problem(exc: ImportError, env: Mapping[str, str],
                      find_library: LibraryFinder = find_loadable) -> PlatformProblem:
    """PySide6 failed to import (a library the check did not foresee, or a broken install):
    the error, and the packages that are missing if any."""
    packages = missing_packages(find_library, xcb=uses_xcb(env))
    advice = (_install_line(packages) if packages else
              "Reinstall noc-desktop (its PySide6 is incomplete), or install the system "
              "library the error names.\n")
    return PlatformProblem(f"noc-desktop cannot load Qt ({exc}). {advice}", tuple(packages))
