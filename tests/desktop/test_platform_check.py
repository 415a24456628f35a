"""The platform check names the missing Debian packages before Qt could abort the process."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from noc_desktop.app import LANGUAGE_CODES
from noc_desktop.language import LANGUAGES
from noc_desktop.platform_check import (
    GUI_LIBRARIES,
    XCB_LIBRARIES,
    check_platform,
    find_loadable,
    qt_import_problem,
    uses_xcb,
)

X11 = {"DISPLAY": ":0"}


def finder_without(*missing: str):  # type: ignore[no-untyped-def]
    return lambda name: None if name in missing else f"lib{name}.so"


def test_all_libraries_present_means_no_problem() -> None:
    assert check_platform(X11, finder_without(), platform="linux") is None


def test_missing_libraries_name_their_debian_packages_and_the_install_line() -> None:
    problem = check_platform(X11, finder_without("xcb-cursor", "xcb-icccm", "xkbcommon-x11"),
                             platform="linux")
    assert problem is not None
    assert problem.packages == ("libxcb-cursor0", "libxcb-icccm4", "libxkbcommon-x11-0")
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0" in problem.message


@pytest.mark.parametrize("env", [{}, {"DISPLAY": ""}])
def test_no_display_at_all_says_so(env: dict[str, str]) -> None:
    problem = check_platform(env, finder_without(*XCB_LIBRARIES, *GUI_LIBRARIES),
                             platform="linux")
    assert problem is not None and "no" in problem.message and not problem.packages
    assert "DISPLAY" in problem.message


@pytest.mark.parametrize(("env", "xcb"), [
    ({"DISPLAY": ":0"}, True),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, True),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
    ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, False),
    ({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}, True),
])
def test_only_the_xcb_platform_is_checked(env: dict[str, str], xcb: bool) -> None:
    assert uses_xcb(env) is xcb
    problem = check_platform(env, finder_without("xcb-icccm"), platform="linux")
    assert (problem is not None) is xcb


def test_other_systems_are_not_checked() -> None:
    assert check_platform({}, finder_without(*XCB_LIBRARIES), platform="win32") is None


def test_the_real_finder_loads_libc_and_refuses_a_made_up_library() -> None:
    assert find_loadable("c")
    assert find_loadable("no-such-library-noc") is None


def test_the_entry_point_exits_2_with_the_message_instead_of_a_qt_abort() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "noc_desktop"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "needs a graphical display" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("env", [{"QT_QPA_PLATFORM": "offscreen"},
                                 {"WAYLAND_DISPLAY": "wayland-0"},
                                 {"DISPLAY": ":0"}])
def test_qtgui_libraries_are_checked_on_every_platform(env: dict[str, str]) -> None:
    problem = check_platform(env, finder_without("EGL", "glib-2.0", "gthread-2.0"),
                             platform="linux")
    assert problem is not None
    assert problem.packages == ("libegl1", "libglib2.0-0")  # one package named once
    assert "sudo apt-get install libegl1 libglib2.0-0" in problem.message


def test_xcb_adds_its_own_libraries_to_qtguis() -> None:
    problem = check_platform(X11, finder_without("fontconfig", "xcb-cursor"), platform="linux")
    assert problem is not None and problem.packages == ("libfontconfig1", "libxcb-cursor0")
    assert "X11 (xcb)" in problem.message


def test_a_failed_qt_import_names_the_missing_packages() -> None:
    exc = ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
    problem = qt_import_problem(exc, {"QT_QPA_PLATFORM": "offscreen"}, finder_without("EGL"))
    assert problem.packages == ("libegl1",) and "libEGL.so.1" in problem.message
    unknown = qt_import_problem(ImportError("boom"), {}, finder_without())
    assert not unknown.packages and "Reinstall" in unknown.message


def test_the_language_choices_need_no_qt() -> None:
    assert set(LANGUAGE_CODES) == set(LANGUAGES)


def test_qt_that_cannot_be_imported_exits_2_with_the_message() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    code = ("import sys; sys.modules['PySide6.QtWidgets'] = None\n"
            "from noc_desktop.app import main\nraise SystemExit(main([]))")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "cannot load Qt" in done.stderr and "Traceback" not in done.stderr
