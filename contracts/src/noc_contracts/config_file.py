"""``--config FILE`` of every server layer's ``serve``, ``migrate`` and ``check``.

FILE is an environment file: ``KEY=value`` lines and ``#`` comments, with the same
``NOC_<LAYER>_*`` names the settings read from the environment (so the same file works as a
systemd ``EnvironmentFile=``). Each layer hands it to its settings as their env file
(pydantic-settings ``_env_file``), where variables already in the environment win. The
settings skip an env file they cannot find, so the file is checked here first: a mistyped
path is an error naming it, never a silent fall back to the defaults.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class ConfigFileError(ValueError):
    """The ``--config`` file cannot be read (the message names it and why)."""


def checked_config_file(path: str | Path | None) -> Path | None:
    """``path`` when it is a readable file (None when no ``--config`` was given)."""
    if path is None:
        return None
    file = Path(path)
    try:
        with file.open("rb"):
            pass
    except FileNotFoundError:
        raise ConfigFileError(f"--config {file}: no such file") from None
    except IsADirectoryError:
        raise ConfigFileError(f"--config {file}: is a directory, not a file") from None
    except PermissionError:
        raise ConfigFileError(f"--config {file}: not readable by this user") from None
    except OSError as exc:
        raise ConfigFileError(f"--config {file}: {exc.strerror}") from None
    return file


def config_keys(path: str | Path) -> list[str]:
    """The names ``path`` sets, in order (``KEY=value`` lines, an ``export`` before the name
    allowed; blank lines and ``#`` comments skipped); raises ``OSError``."""
    keys = []
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        text = line.strip()
        if not text or text.startswith("#") or "=" not in text:
            continue
        name = text.split("=", 1)[0].strip()
        name = name.removeprefix("export ").strip()
        if name.isidentifier():
            keys.append(name)
    return keys


def settings_sources(path: str | Path | None) -> dict[str, Any]:
    """The keyword arguments that make a ``BaseSettings`` read ``path`` as its env file
    (none without ``--config``); raises ``ConfigFileError``."""
    file = checked_config_file(path)
    return {} if file is None else {"_env_file": file, "_env_file_encoding": "utf-8"}
