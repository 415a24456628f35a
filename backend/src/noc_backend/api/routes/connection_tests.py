"""Connection tests: ``POST /hosts/{id}/test`` and ``POST /groups/{name}/test``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path

from noc_backend.api.deps import IdPath, RunsWrite, ServicesDep
from noc_backend.services import connection_tests
from noc_contracts.api import ConnectionTest, ConnectionTestResult
from noc_contracts.api.fields import LABEL_PATTERN

router = APIRouter(tags=["inventory"])

GroupPath = Annotated[str, Path(max_length=100, pattern=LABEL_PATTERN)]
TestBody = Annotated[ConnectionTest | None, Body()]


@router.post("/hosts/{host_id}/test", response_model=ConnectionTestResult)
def test_host(host_id: IdPath, services: ServicesDep, actor: RunsWrite,
              body: TestBody = None) -> ConnectionTestResult:
    """Ping the host through a node: reachable or not, with the reason, within the timeout."""
    timeout_s = (body or ConnectionTest()).timeout_s
    with services.db.connection_context():
        hosts = connection_tests.host_targets(host_id=host_id, box=services.box)
    return connection_tests.run_test(hosts=hosts, timeout_s=timeout_s,
                                     scheduler=services.scheduler, actor=actor,
                                     target_type="host", target_name=hosts[0].name)


@router.post("/groups/{name}/test", response_model=ConnectionTestResult)
def test_group(name: GroupPath, services: ServicesDep, actor: RunsWrite,
               body: TestBody = None) -> ConnectionTestResult:
    """Ping every enabled host of the group (nested groups included) through one node."""
    timeout_s = (body or ConnectionTest()).timeout_s
    with services.db.connection_context():
        hosts = connection_tests.group_targets(name=name, box=services.box)
    return connection_tests.run_test(hosts=hosts, timeout_s=timeout_s,
                                     scheduler=services.scheduler, actor=actor,
                                     target_type="group", target_name=name)
