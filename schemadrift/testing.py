"""Golden files for tool schemas: a syrupy extension that keeps key order.

syrupy's own JSON extension sorts object keys, which would hide exactly what we care about:
the order in which a framework emits properties reaches the model, and a reorder is a change a
reviewer should see. This extension writes one ``.json`` file per snapshot, 2-space indented,
non-ASCII kept, keys in the order given, with a trailing newline (the snapshot file format).
It is shared by our own adapter tests and by the pytest plugin users get.

Importing this module imports syrupy; only tests and the pytest plugin's fixture do that.
"""

from __future__ import annotations

import json
from typing import Any

from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode


def dumps_ordered(data: Any) -> str:
    """Canonical, order-preserving JSON text (as snapshot files are written)."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


class OrderedJSONExtension(SingleFileSnapshotExtension):
    """One ``<test name>.json`` golden file per snapshot, key order kept."""

    _write_mode = WriteMode.TEXT
    file_extension = "json"

    def serialize(self, data: Any, **_: Any) -> str:
        if isinstance(data, str):
            return data
        return dumps_ordered(data)
