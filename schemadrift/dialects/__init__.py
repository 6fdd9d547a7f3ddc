"""Provider dialects: one module per provider family, each declaring its rules and dialects.

``registry.load()`` imports every module listed here (sorted, so registration order and the
catalogue are deterministic). Modules only declare; ``engine.py`` decides what runs.
"""

from __future__ import annotations

import pkgutil

MODULES: tuple[str, ...] = tuple(
    sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))
)
