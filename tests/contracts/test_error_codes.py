"""The error vocabulary: published in the schema snapshot, and the scan that each layer's test
uses finds a code outside it or written as a literal."""

from __future__ import annotations

import json
from pathlib import Path

import noc_contracts
from noc_contracts import HTTP_CODES, ErrorCode, ErrorResponse, code_for_status
from tests.contracts.error_vocabulary import check_http_code_map, problems, written_codes

SNAPSHOT = Path(__file__).parent / "snapshots" / "schemas.json"


def test_the_snapshot_publishes_every_code() -> None:
    schemas = json.loads(SNAPSHOT.read_text())
    body = schemas["ErrorResponse"]["$defs"]["ErrorBody"]["properties"]["code"]
    assert body["x-extensible-enum"] == [c.value for c in ErrorCode]


def test_codes_are_unique_snake_case_words() -> None:
    values = [c.value for c in ErrorCode]
    assert len(values) == len(set(values))
    assert all(v.replace("_", "").isalpha() and v == v.lower() for v in values)


def test_the_http_code_map_is_in_the_vocabulary() -> None:
    check_http_code_map(HTTP_CODES)


def test_a_status_without_a_code_of_its_own_takes_the_layers_default() -> None:
    assert code_for_status(404, ErrorCode.http_error) == ErrorCode.not_found
    assert code_for_status(413, ErrorCode.error) == ErrorCode.too_large
    assert code_for_status(418, ErrorCode.http_error) == ErrorCode.http_error
    assert code_for_status(422, ErrorCode.error) == ErrorCode.error  # each layer's own


def test_an_unknown_code_is_still_read() -> None:
    """Readers tolerate a code a newer server adds: the model keeps ``code`` a string."""
    body = ErrorResponse.model_validate({"error": {"code": "from_the_future", "message": "m"}})
    assert body.error.code == "from_the_future"


def test_the_contracts_write_only_known_codes() -> None:
    source = Path(noc_contracts.__file__).parent
    assert problems(source) == []
    assert [w.code for w in written_codes(source)] == ["too_large"]


def test_the_scan_finds_each_way_a_code_is_written(tmp_path: Path) -> None:
    (tmp_path / "layer.py").write_text(
        "from noc_contracts import ErrorCode\n"
        "class Gone(Exception):\n"
        "    status_code, code = 410, 'gone'\n"
        "class Known(Exception):\n"
        "    code = ErrorCode.not_found\n"
        "def raise_it(code: str = ErrorCode.busy) -> None:\n"
        "    raise ApiError(409, 'clash', 'm')\n"
        "def answer() -> object:\n"
        "    error_body(ErrorCode.nonexistent, 'm')\n"
        "    HTTP_CODES.get(418, 'teapot')\n"
        "    code_for_status(418, 'kettle')\n"
        "    return {'error': {'code': 'literal_but_known_not' , 'message': 'm'}}\n"
        "X = Invalid.on_field('f', 'm', code='invalid')\n"
        "OUR_CODES = {400: 'weird'}\n")
    found = problems(tmp_path)
    named = [line.split(": ", 1)[1] for line in found]
    assert named == [
        "'gone' is not in noc_contracts.ErrorCode",
        "'clash' is not in noc_contracts.ErrorCode",
        "'ErrorCode.nonexistent' is not in noc_contracts.ErrorCode",
        "'teapot' is not in noc_contracts.ErrorCode",
        "'kettle' is not in noc_contracts.ErrorCode",
        "'literal_but_known_not' is not in noc_contracts.ErrorCode",
        "write ErrorCode.invalid, not a literal",
        "'weird' is not in noc_contracts.ErrorCode",
    ], found
