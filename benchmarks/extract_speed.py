"""Extraction speed: 200 tools through the pydantic adapter, beyond pydantic's import time.

The target (issue 6) is at most 1 s on top of importing pydantic. The script builds a throwaway
module with 200 functions wrapped in ``TypeAdapter`` (each with a nested model, an enum and
constraints, like real tools), then times, in a fresh interpreter: importing pydantic, and the
``python`` source extracting all 200 tools (importing the module included). Prints seconds.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

COUNT = 200

HEADER = """
import enum
from typing import Annotated, Literal, Optional
from pydantic import BaseModel, Field, TypeAdapter

class Color(str, enum.Enum):
    RED = "red"
    BLUE = "blue"
"""

TEMPLATE = '''
class Item{i}(BaseModel):
    sku: str = Field(min_length=3)
    quantity: int = Field(default=1, ge=1)
    color: Optional[Color] = None

def tool_{i}(query: str, item: Item{i}, mode: Literal["a", "b"] = "a", limit: int = 10) -> str:
    """Tool number {i}."""
    return query
'''

FOOTER = f"\nTOOLS = [TypeAdapter(globals()[f'tool_{{i}}']) for i in range({COUNT})]\n"

PROBE = """
import sys, time
from pathlib import Path
start = time.perf_counter()
import pydantic
imported = time.perf_counter()
from schemadrift.sources import load
tools = load("python", "bench_tools:TOOLS", Path(sys.argv[1]))
done = time.perf_counter()
assert len(tools) == {count}, len(tools)
print(f"{{imported - start:.3f}} {{done - imported:.3f}}")
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        body = "".join(TEMPLATE.format(i=i) for i in range(COUNT))
        (root / "bench_tools.py").write_text(textwrap.dedent(HEADER) + body + FOOTER)
        runs = []
        for _ in range(3):
            done = subprocess.run(  # noqa: S603 - our own interpreter and probe
                [sys.executable, "-c", PROBE.format(count=COUNT), str(root)],
                capture_output=True,
                text=True,
                check=True,
            )
            runs.append(tuple(float(x) for x in done.stdout.split()))
        best_import = min(run[0] for run in runs)
        best_extract = min(run[1] for run in runs)
        print(f"pydantic import: {best_import:.3f} s")
        print(
            f"extract {COUNT} tools (module import + schema generation + adapter): {best_extract:.3f} s"
        )
        print(
            f"target: <= 1.000 s beyond the import -> {'OK' if best_extract <= 1.0 else 'TOO SLOW'}"
        )


if __name__ == "__main__":
    main()
