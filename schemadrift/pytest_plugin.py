"""pytest plugin: golden files of a project's tool schemas, linted per provider dialect.

Registered through the ``pytest11`` entry point, so pytest loads it in every run of every
project that has schemadrift installed. It therefore imports nothing beyond pytest at load time:
syrupy, the registry, the adapters and the frameworks are imported only when a test uses the
``schemadrift_snapshot`` fixture. syrupy comes with the ``[pytest]`` extra.

    def test_tool_schemas(schemadrift_snapshot):
        schemadrift_snapshot("myapp.tools:TOOLS", dialects=["openai-strict", "anthropic"])

The tools (framework objects, plain tool JSON in any shape schemadrift reads, or a
``"module:ATTR"`` string) are written as one order-preserving JSON golden file per call
(``pytest --snapshot-update`` refreshes it) and linted; findings at or above ``fail_on`` fail
the test with the text report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from schemadrift.model import Tool


class SchemadriftSnapshot:
    """The fixture's value: call it with the tools to snapshot and lint."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self._request = request

    def tools(self, tools: Any) -> list[Tool]:
        """Tools from a ``"module:ATTR"`` string, ``Tool``s, tool JSON or framework objects."""
        from schemadrift.model import Origin, Tool
        from schemadrift.sources import python

        if isinstance(tools, str):
            return python.load(tools, self._request.config.rootpath)
        if isinstance(tools, Tool):
            return [tools]
        if isinstance(tools, list | tuple) and tools and all(isinstance(t, Tool) for t in tools):
            return list(tools)
        origin = Origin(kind="python", shape="python", location=self._request.node.name)
        return python.extract(tools, origin, f"python {self._request.node.name}", what="tools")

    def __call__(
        self,
        tools: Any,
        *,
        dialects: Sequence[str] = (),
        fail_on: str = "error",
        name: str | None = None,
    ) -> list[Tool]:
        from schemadrift.model import Tool

        found = self.tools(tools)
        data = [tool.to_json() for tool in sorted(found, key=Tool.sort_key)]
        # Compare first: under --snapshot-update the golden is written even when lint fails.
        assert data == self._snapshot(name)
        report = lint_report(found, dialects, fail_on)
        if report is not None:
            pytest.fail(report, pytrace=False)
        return found

    def _snapshot(self, name: str | None) -> Any:
        try:
            snapshot = self._request.getfixturevalue("snapshot")
        except pytest.FixtureLookupError:
            pytest.fail(
                "schemadrift_snapshot needs syrupy: pip install 'schemadrift-llm[pytest]'",
                pytrace=False,
            )
        from schemadrift.testing import OrderedJSONExtension

        chosen = snapshot.use_extension(OrderedJSONExtension)
        return chosen(name=name) if name else chosen


def lint_report(tools: Sequence[Tool], dialects: Sequence[str], fail_on: str) -> str | None:
    """The text report when any finding is at or above ``fail_on``, else ``None``."""
    from schemadrift import policy
    from schemadrift.engine import Linter
    from schemadrift.pipeline.extraction import check_dialects, implied_dialects
    from schemadrift.report.text import render

    wanted = check_dialects(dialects)
    per_tool = dict.fromkeys(range(len(tools)), wanted) if wanted else implied_dialects(tools)
    targeted = tuple(dict.fromkeys(d for names in per_tool.values() for d in names))
    findings = Linter().lint(list(tools), targeted, tool_dialects=per_tool)
    result = policy.finish("lint", findings, tools, targeted, fail_on=fail_on)
    if result.exit_code == 0:
        return None
    return "schemadrift found problems in the tool schemas:\n\n" + render(result)


@pytest.fixture
def schemadrift_snapshot(request: pytest.FixtureRequest) -> SchemadriftSnapshot:
    """Snapshot a project's tool schemas with syrupy (key order kept) and lint them."""
    return SchemadriftSnapshot(request)
