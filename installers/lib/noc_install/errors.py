"""The installer's one exception: a message for the admin and the exit status it ends with."""

from __future__ import annotations

#: bad options or a configuration the installer refuses (nothing was changed)
USAGE = 2
#: a step failed on the machine (pip, migrate, systemctl, the registration)
FAILED = 1


class InstallError(Exception):
    """Printed as ``noc-install: <message>``; the process exits with ``status``."""

    def __init__(self, message: str, status: int = FAILED) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def usage(message: str) -> InstallError:
    return InstallError(message, USAGE)
