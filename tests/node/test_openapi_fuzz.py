"""schemathesis over the node's OpenAPI (built from the app: the node does not serve it): no 5xx, every answer matches its declared schema.

The node runs a no-op executor here, so no generated host is ever contacted; ``POST /probe``
is left out for the same reason (it runs Ansible in the request: its own tests use real sshd
hosts). Results go to a receiver standing in for the scheduler. The node itself serves no
schema (its only route without a token is /healthz), so the test mounts one for schemathesis.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from noc_contracts import StepStatus, TaskRequest
from noc_node.app import create_app
from noc_node.core.config import Settings
from noc_node.execution.executor import BaseExecutor, Reporter
from noc_node.execution.outcomes import RunEnd
from tests.node.conftest import TOKEN
from tests.node.receiver import Receiver
from tests.support.fuzz import fuzz_layer
from tests.support.server import ServerThread


class NoOpExecutor(BaseExecutor):
    """Every host ends ``ok`` at once: only the node's API and queue are exercised."""

    def _run(self, request: TaskRequest, report: Reporter, cancel: threading.Event,
             started_at: datetime) -> RunEnd:
        return RunEnd(StepStatus.ok, "no-op")


def test_no_input_makes_the_node_fail_or_break_its_schema(
        make_settings: Callable[..., Settings], receiver: Receiver) -> None:
    app = create_app(make_settings(scheduler_url=receiver.url), executor=NoOpExecutor())
    assert app.openapi_url is None  # the node does not publish it
    schema = app.openapi()
    app.add_api_route("/openapi.json", lambda: schema, include_in_schema=False)
    with ServerThread(app) as server:
        failures = fuzz_layer(server.url, lambda method, path: {
            "Authorization": f"Bearer {TOKEN}"}, max_examples=25,
            skip=lambda method, path: path == "/probe",
            document=app.openapi())  # the node serves no /openapi.json
    assert not failures, "\n\n".join(failures)
