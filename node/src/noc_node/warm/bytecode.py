"""Module payloads that carry the node's bytecode beside their sources.

A module runs on its host from a zip of its own code and every ``module_utils`` file it
imports. Python caches nothing it compiles from a zip, so every run of every module compiled
all of them again: a ping costs /usr/bin/python3 (3.11) ~0.21 CPU-s with its payload as
Ansible builds it and ~0.14 with bytecode (on its host: the node's own CPU on the ``local``
connection).

Each ``.py`` in the payload gets an unchecked-hash ``.pyc`` beside it, compiled by the node's
Python. A host whose Python reads that bytecode format (the same minor version) loads it; any
other finds a magic number it does not know, and Python's zip importer compiles the source, as
before. The same sources stay in the payload, in the same layout, and a run's arguments are
still added outside the cache, per task. One visible difference: code loaded from bytecode
names its file by its path inside the payload (``ansible/module_utils/basic.py``), not by the
temporary path on the host, in a traceback and for Ansible's deprecation notices, which then
name no collection. The bytecode is compiled without optimisation (asserts kept), whatever
``-O`` a host's interpreter is given. The payload is ~3x larger (ping: ~170 KB of base64,
~470 KB with bytecode), which the node's ``module_bytecode`` setting turns off for hosts behind
slow links.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import marshal
import zipfile

#: the ``.pyc`` flags of an unchecked hash-based pyc (PEP 552): hash-based, source not checked
UNCHECKED_HASH = 0b01


def pyc(source: bytes, filename: str) -> bytes | None:
    """The unchecked-hash pyc of ``source`` for this Python (None: it does not compile here)."""
    try:
        code = compile(source, filename, "exec", dont_inherit=True, optimize=0)
    except (SyntaxError, ValueError):  # code meant for another Python: its host compiles it
        return None
    return (importlib.util.MAGIC_NUMBER + UNCHECKED_HASH.to_bytes(4, "little")
            + importlib.util.source_hash(source) + marshal.dumps(code))


def with_bytecode(zip_data: bytes, compiled: dict[tuple[str, bytes], bytes | None]
                  ) -> bytes | None:
    """The base64 payload ``zip_data`` with a ``.pyc`` beside each ``.py``; None when it has
    bytecode already. ``compiled`` keeps the pycs by (name, source) for the next payload."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(zip_data))) as source:
        if any(name.endswith(".pyc") for name in source.namelist()):
            return None
        with zipfile.ZipFile(out, "w") as payload:
            for info in source.infolist():
                data = source.read(info)
                payload.writestr(info, data)
                if not info.filename.endswith(".py"):
                    continue
                key = (info.filename, data)
                if key not in compiled:
                    compiled[key] = pyc(data, info.filename)
                code = compiled[key]
                if code is None:
                    continue
                entry = zipfile.ZipInfo(f"{info.filename}c", info.date_time)
                entry.compress_type = info.compress_type
                entry.external_attr = info.external_attr
                payload.writestr(entry, code)
    return base64.b64encode(out.getvalue())
