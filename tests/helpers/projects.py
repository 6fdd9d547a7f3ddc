"""A project large enough for the worker processes: many varied tools, every one changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import run_subprocess

DIALECTS = '["openai", "anthropic", "gemini", "bedrock"]'


def changed_project(root: Path, count: int) -> Path:
    """``count`` varied tools in ``tools/all.json``, each with one property (``when``) its
    baseline lacks, so every pair is changed; the baseline is written by ``snapshot``."""
    tools = []
    for index in range(count):
        props: dict[str, Any] = {
            f"arg{j}": {"type": ["string", "integer", "number", "boolean"][(index + j) % 4]}
            for j in range(index % 5 + 1)
        }
        props["when"] = {"type": "string", "format": ["date", "email", "uri"][index % 3]}
        if index % 3 == 0:
            props["opts"] = {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}
        tools.append(
            {
                "name": f"tool_{index}",
                "description": f"Tool number {index}.",
                "strict": index % 2 == 0,
                "input_schema": {"type": "object", "properties": props, "required": ["arg0"]},
            }
        )
    older = json.loads(json.dumps(tools))
    for tool in older:
        tool["input_schema"]["properties"].pop("when")
    (root / "tools").mkdir(parents=True)
    (root / "tools" / "all.json").write_text(json.dumps({"tools": older}))
    (root / "schemadrift.yaml").write_text(
        f'dialects: {DIALECTS}\nsources:\n  - files: "tools/*.json"\n'
    )
    done = run_subprocess("snapshot", cwd=root)
    assert done.code == 0, done.err
    (root / "tools" / "all.json").write_text(json.dumps({"tools": tools}))
    return root
