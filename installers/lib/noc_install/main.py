"""``installers/<layer>/install``: parse the options, run the install, upgrade or uninstall,
and turn a refusal or a failed step into one message and an exit status (never a traceback)."""

from __future__ import annotations

import os
import sys

from noc_install import actions, options
from noc_install.errors import InstallError
from noc_install.layers import LAYERS

ACTIONS = {"install": actions.install, "upgrade": actions.upgrade,
           "uninstall": actions.uninstall}


def run(layer_name: str, argv: list[str]) -> int:
    layer = LAYERS[layer_name]
    # What the installer makes must not depend on root's umask (027 or 077 on hardened
    # servers): folders and the venv are 0755/0644 so the service's user can enter and run
    # them; the private files and folders set 0600/0640/0700 themselves.
    os.umask(0o022)
    try:
        opts = options.parse(layer, argv)
        ACTIONS[opts.mode](opts)
    except InstallError as exc:
        print(f"installers/{layer.name}/install: {exc.message}", file=sys.stderr)
        return exc.status
    except OSError as exc:
        print(f"installers/{layer.name}/install: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"installers/{layer.name}/install: interrupted", file=sys.stderr)
        return 130
    return 0
