"""Write docs/rules/ from the registry (CI fails when it is stale: tests/rules/test_registry.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from schemadrift import catalog

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def main() -> None:
    pages = catalog.all_pages()
    if DOCS.exists():
        shutil.rmtree(DOCS)
    for name, text in pages.items():
        path = DOCS / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    print(f"wrote {len(pages)} pages to {DOCS}")


if __name__ == "__main__":
    main()
