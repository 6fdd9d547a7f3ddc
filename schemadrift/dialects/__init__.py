"""Provider dialects: one package (or module) per provider family, each declaring its rules
and its ``Dialect`` values.

``registry.load()`` imports every entry listed here that does not start with ``_`` (sorted, so
registration and the catalogue are deterministic); ``_common.py`` and ``_anthropic_family.py``
hold what several families share. Dialects only declare; the engine decides what runs.
"""

from __future__ import annotations

import pkgutil

MODULES: tuple[str, ...] = tuple(
    sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))
)
