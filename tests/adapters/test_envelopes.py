"""Every adapter: a tool extracted from a framework object has no envelope of the user's.

The framework (or SDK, or MCP server) builds the envelope each provider receives, so envelope
rules judge only envelopes the user wrote: files, command output, MCP listings, plain dicts in
a Python source. Each fixture project is extracted with its real framework and linted for every
provider dialect; only the plain-dict project (``openai.pydantic_function_tool`` output, sent
as is) may get envelope findings.
"""

from __future__ import annotations

import pytest

from schemadrift import registry
from tests.adapters.envelopes import envelope_findings, lint_snapshot

FRAMEWORK_PROJECTS = [
    "fastmcp",
    "google_genai",
    "langchain",
    "llama_index",
    "mcp",
    "openai_agents",
    "pydantic",
    "pydantic_ai",
]
ENVELOPE_RULES = {"openai/responses-strict-omitted"}
"""Envelope rules other than the ``*/envelope-shape`` ones (they read ``Tool.envelope``)."""


@pytest.mark.parametrize("project", FRAMEWORK_PROJECTS)
def test_framework_tools_get_no_envelope_findings(extract, project):
    """Under every provider dialect, no envelope rule fires on a framework-made tool."""
    data = extract(project, ())
    assert all(item["origin"]["generator"] for item in data["tools"]), "adapters record it"
    found = lint_snapshot(data, registry.provider_dialects())
    assert envelope_findings(found) == []
    assert [f.rule_id for f in found if f.rule_id in ENVELOPE_RULES] == []


def test_plain_dicts_keep_their_envelope_judged(extract):
    """`openai.pydantic_function_tool` dicts are sent as written: an OpenAI envelope given to
    Anthropic is still an error (the envelope rules judge what the user wrote)."""
    found = lint_snapshot(extract("openai", ()), ("openai", "anthropic"))
    rules = {rule for rule, _, _ in envelope_findings(found)}
    assert rules == {"anthropic/envelope-shape"}
