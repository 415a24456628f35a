"""Module payloads with the node's bytecode: a Python that reads it loads it, any other Python
compiles the source as before, and the sources stay in the payload."""

from __future__ import annotations

import base64
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from noc_node.warm.bytecode import pyc, with_bytecode
from noc_node.warm.payloads import publish
from tests.node.conftest import payload_files, zip_files


def payload(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return base64.b64encode(out.getvalue())


def imported(tmp_path: Path, files: dict[str, bytes]) -> str:
    """What ``pkg.mod.WHERE`` is when this Python imports it from a zip of ``files``."""
    archive = tmp_path / "payload.zip"
    archive.write_bytes(base64.b64decode(payload(files)))
    code = f"import sys; sys.path.insert(0, {str(archive)!r}); import pkg.mod; print(pkg.mod.WHERE)"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip()


SOURCES = {"pkg/__init__.py": b"", "pkg/mod.py": b"WHERE = 'source'\n"}


def test_every_source_gets_its_bytecode_and_keeps_its_source() -> None:
    found = zip_files(with_bytecode(payload(SOURCES), {}) or b"")
    assert set(found) == {"pkg/__init__.py", "pkg/__init__.pyc", "pkg/mod.py", "pkg/mod.pyc"}
    assert found["pkg/mod.py"] == SOURCES["pkg/mod.py"]
    assert found["pkg/mod.pyc"] == pyc(SOURCES["pkg/mod.py"], "pkg/mod.py")


def test_a_python_of_the_same_version_loads_the_bytecode(tmp_path: Path) -> None:
    found = zip_files(with_bytecode(payload(SOURCES), {}) or b"")
    assert imported(tmp_path, found) == "source"
    # the proof that the pyc is what ran: a source changed after it was compiled is not read
    found["pkg/mod.py"] = b"WHERE = 'changed source'\n"
    assert imported(tmp_path, found) == "source"


def test_a_python_of_another_version_compiles_the_source(tmp_path: Path) -> None:
    found = zip_files(with_bytecode(payload(SOURCES), {}) or b"")
    found["pkg/mod.py"] = b"WHERE = 'changed source'\n"
    # another Python's bytecode format: another magic number
    found["pkg/mod.pyc"] = b"\x00\x00\r\n" + found["pkg/mod.pyc"][4:]
    assert imported(tmp_path, found) == "changed source"


def test_code_this_python_cannot_compile_keeps_only_its_source() -> None:
    files = {**SOURCES, "pkg/other.py": b"def broken(:\n"}
    found = zip_files(with_bytecode(payload(files), {}) or b"")
    assert "pkg/other.py" in found and "pkg/other.pyc" not in found
    assert "pkg/mod.pyc" in found


def test_a_payload_with_bytecode_is_left_alone_and_sources_compile_once() -> None:
    compiled: dict[tuple[str, bytes], bytes | None] = {}
    once = with_bytecode(payload(SOURCES), compiled)
    assert once is not None and with_bytecode(once, compiled) is None
    assert set(compiled) == {(name, data) for name, data in SOURCES.items()}
    compiled[("pkg/mod.py", SOURCES["pkg/mod.py"])] = b"kept"
    assert zip_files(with_bytecode(payload(SOURCES), compiled) or b"")["pkg/mod.pyc"] == b"kept"


def cache_entry(path: Path, zip_data: bytes) -> Path:
    """A payload as Ansible caches it (its pickled ``_CachedModule``)."""
    import ansible.cli  # noqa: F401  # first, as Ansible does (module_common alone cycles)
    from ansible.executor.module_common import _CachedModule

    _CachedModule(zip_data=zip_data, metadata=None, source_mapping={}).dump(str(path))  # type: ignore[arg-type]
    return path


@pytest.fixture
def rooms(tmp_path: Path) -> tuple[Path, Path]:
    """The helper's scratch dir and the cache the runs read."""
    scratch, cache = tmp_path / "building", tmp_path / "cache"
    scratch.mkdir()
    cache.mkdir()
    return scratch, cache


def test_a_published_payload_replaces_one_a_run_built_meanwhile(
        rooms: tuple[Path, Path]) -> None:
    scratch, cache = rooms
    entry = cache_entry(scratch / "ansible.modules.x-ZIP_DEFLATED-none", payload(SOURCES))
    cache_entry(cache / entry.name, payload(SOURCES))  # a run got there first, without bytecode
    publish(entry, cache, {})
    assert "pkg/mod.pyc" in payload_files(cache / entry.name)
    assert list(scratch.iterdir()) == []
    assert [p.name for p in cache.iterdir() if not p.name.endswith(".lock")] == [entry.name]


def test_a_payload_that_is_not_what_we_know_enters_the_cache_as_it_is(
        rooms: tuple[Path, Path]) -> None:
    scratch, cache = rooms
    entry = scratch / "ansible.modules.x-ZIP_DEFLATED-none"
    entry.write_bytes(b"not a pickle")
    publish(entry, cache, {})
    assert (cache / entry.name).read_bytes() == b"not a pickle"
    # and with bytecode off, Ansible's payload as it built it
    other = cache_entry(scratch / "ansible.modules.y-ZIP_DEFLATED-none", payload(SOURCES))
    publish(other, cache, None)
    assert "pkg/mod.pyc" not in payload_files(cache / other.name)
