"""Property-based API fuzzing with schemathesis: every operation of a layer's OpenAPI schema,
bounded examples, failing on any 5xx and on any response that breaks its declared schema.

Status codes a route does not declare (a 401, a 404, a 413) are not failures here: the point
is that hostile input never crashes a layer and never yields a malformed answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

CHECKS = (not_a_server_error, response_schema_conformance)
HeadersFor = Callable[[str, str], Mapping[str, str]]


def fuzz_layer(base_url: str, headers_for: HeadersFor, max_examples: int = 20,
               skip: Callable[[str, str], bool] = lambda method, path: False,
               document: dict[str, Any] | None = None) -> list[str]:
    """Fuzz every operation at ``base_url``; the failures found, one line each.

    ``headers_for(method, path)`` gives the headers (the token) for an operation;
    ``document`` is the OpenAPI document when the layer does not serve one.
    """
    schema = (schemathesis.openapi.from_dict(document) if document is not None
              else schemathesis.openapi.from_url(f"{base_url}/openapi.json"))
    schema.config.base_url = base_url
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]
        method, path = operation.method.upper(), operation.path
        if skip(method, path):
            continue
        operations += 1
        try:
            _fuzz(operation, dict(headers_for(method, path)), max_examples)
        except Exception as exc:
            failures.append(f"{method} {path}: {type(exc).__name__}: {str(exc)[:1500]}")
    assert operations > 0, "the schema has no operations"
    return failures


def _fuzz(operation: Any, headers: dict[str, str], max_examples: int) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=max_examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), derandomize=True)
    def check(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=list(CHECKS), timeout=30)

    check()
