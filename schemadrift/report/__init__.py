"""Reporters: pure functions ``RunResult -> str``, one module per format.

``REPORTERS`` maps a format name to the module path of its ``render`` function, imported only
when that format is asked for. ``cli.py`` writes the string to stdout or, atomically, to
``--output``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from schemadrift.result import RunResult

REPORTERS: dict[str, str] = {
    "github": "schemadrift.report.github",
    "json": "schemadrift.report.json",
    "junit": "schemadrift.report.junit",
    "markdown": "schemadrift.report.markdown",
    "sarif": "schemadrift.report.sarif",
    "text": "schemadrift.report.text",
}


def renderer(name: str) -> Callable[[RunResult], str]:
    module = importlib.import_module(REPORTERS[name])
    render: Callable[[RunResult], str] = module.render
    return render
