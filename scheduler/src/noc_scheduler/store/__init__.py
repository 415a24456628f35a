"""The scheduler's database: its tables (``models``), the database chosen by URL and the write
primitives every writer uses (``db``), multi-row writes (``row_updates``), schema upgrades at
startup (``migrate``), history pruning (``retention``) and secrets at rest (``crypto``).

It owns how state is stored, not what it means: nothing here walks a flow, fires a schedule or
talks to a node or to the backend.
"""
