"""The google-genai adapter on a GenerateContentConfig of functions, with the real SDK."""

from __future__ import annotations

from tests.adapters.conftest import tool

PACKAGES = ("google-genai", "pydantic", "pydantic-core")


def test_snapshot_matches_golden(extract, golden):
    """`schemadrift snapshot` on the google-genai project writes the golden snapshot."""
    assert extract("google_genai", PACKAGES) == golden


def test_functions_rendered_as_parameters_json_schema(extract):
    """Automatic function calling's rendering is recorded: parametersJsonSchema, response schema."""
    data = extract("google_genai", PACKAGES)
    search = tool(data, "search")
    assert search["origin"]["shape"] == "gemini-json"
    assert search["input_schema"]["type"] == "object"
    assert search["output_schema"] == {"items": {"type": "string"}, "type": "array"}
    assert "parameters" not in tool(data, "ping")["envelope"]
