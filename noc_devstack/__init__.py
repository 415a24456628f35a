"""Development stack: backend, scheduler and node as local processes (make run, e2e tests)."""

from noc_devstack.ports import free_port
from noc_devstack.secrets import StackSecrets, load_or_create_secrets
from noc_devstack.stack import Stack, StackConfig, StackTls, start_stack

__all__ = ["Stack", "StackConfig", "StackSecrets", "StackTls", "free_port",
           "load_or_create_secrets", "start_stack"]
