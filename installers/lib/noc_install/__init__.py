"""The server installers of noc-orchestrator (``installers/<layer>/install``).

Standard library only: it runs under the system ``python3`` before any virtual environment
exists. Pure parts (options, the config file, the systemd unit) are separate from the steps
that touch the machine (accounts, the venv, systemctl, the node's registration).
"""
