"""Cases beyond the examples for the `mcp` pack."""

from __future__ import annotations

from schemadrift.engine import Linter
from schemadrift.model import JSON, Finding
from tests.helpers import corpus
from tests.helpers.tools import tools_of

LINTER = Linter()
OK = {"type": "object", "properties": {"q": {"type": "string"}}}


def lint(doc: JSON) -> list[Finding]:
    """Findings of the `mcp` dialect itself for a document."""
    return [f for f in LINTER.lint(tools_of(doc), ["mcp"]) if f.dialect == "mcp"]


def rows(*tools: dict[str, JSON]) -> list[tuple[str | None, str, str, str]]:
    """(tool, rule, pointer, severity) for an MCP tools/list result."""
    return [(f.tool, f.rule_id, f.pointer, f.severity.label) for f in lint({"tools": list(tools)})]


def test_root_type_pointers() -> None:
    """A missing root type points at the schema; a wrong one at `/type`; root `oneOf` is fine."""
    assert rows({"name": "a", "inputSchema": {}}) == [
        ("a", "mcp/root-type-object", "/input_schema", "error")
    ]
    assert rows({"name": "b", "inputSchema": {"type": "array"}}) == [
        ("b", "mcp/root-type-object", "/input_schema/type", "error")
    ]
    assert rows({"name": "c", "inputSchema": {"type": "object", "oneOf": [OK, OK]}}) == []


def test_null_input_schema_is_one_error() -> None:
    """A null `inputSchema` is reported once, by the required-schema rule."""
    assert rows({"name": "a", "inputSchema": None}) == [
        ("a", "mcp/input-schema-required", "/input_schema", "error")
    ]


def test_output_schema_follows_2026_with_a_warning() -> None:
    """A non-object output schema is a warning (2026-07-28 legal); a non-object value an error."""
    assert rows({"name": "a", "inputSchema": OK, "outputSchema": {"type": "string"}}) == [
        ("a", "mcp/output-schema", "/output_schema", "warning")
    ]
    assert rows({"name": "a", "inputSchema": OK, "outputSchema": ["x"]}) == [
        ("a", "mcp/output-schema", "/output_schema", "error")
    ]


def test_names_are_warnings_and_duplicates_errors() -> None:
    """Bad names warn (SHOULD); two tools with one name in a server are an error."""
    assert rows({"name": "a/b", "inputSchema": OK}) == [
        ("a/b", "mcp/tool-name", "/name", "warning")
    ]
    assert rows({"name": "x" * 129, "inputSchema": OK})[0][1:] == (
        "mcp/tool-name",
        "/name",
        "warning",
    )
    assert rows({"name": "dup", "inputSchema": OK}, {"name": "dup", "inputSchema": OK}) == [
        ("dup", "mcp/duplicate-tool-name", "/name", "error")
    ]


def test_x_mcp_header_rules() -> None:
    """`x-mcp-header` on number, with a bad name or repeated is an error at the keyword."""
    schema = {
        "type": "object",
        "properties": {
            "n": {"type": "number", "x-mcp-header": "N"},
            "r": {"type": "string", "x-mcp-header": "Region"},
            "r2": {"type": "string", "x-mcp-header": "region"},
            "s": {"type": "string", "x-mcp-header": "Bad Name"},
            "i": {"type": ["integer", "null"], "x-mcp-header": "Id"},
        },
    }
    assert rows({"name": "q", "inputSchema": schema}) == [
        ("q", "mcp/x-mcp-header", "/input_schema/properties/n/x-mcp-header", "error"),
        ("q", "mcp/x-mcp-header", "/input_schema/properties/r2/x-mcp-header", "error"),
        ("q", "mcp/x-mcp-header", "/input_schema/properties/s/x-mcp-header", "error"),
    ]


def test_openai_envelope_is_not_an_mcp_tool() -> None:
    """An OpenAI-shaped tool judged as MCP is an envelope error."""
    doc = [{"type": "function", "function": {"name": "f", "parameters": OK}}]
    assert [(f.rule_id, f.pointer) for f in lint(doc)] == [("mcp/envelope-shape", "")]


def test_corpus_toolset_mcp_accepts_root_combinators() -> None:
    """The adcp case: root allOf/anyOf next to `type: object` is MCP-legal."""
    data = corpus.load("adcp-6682-protocol-3-2-profile-top-level-allof")
    tools = [
        {"name": name, "inputSchema": schema}
        for name, schema in data["tools"]["after_examples"].items()
    ]
    assert [r for r in rows(*tools) if r[3] == "error"] == []
