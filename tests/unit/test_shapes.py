"""Every input shape of DESIGN "Inputs `lint` and `diff` accept" is detected, one test per shape."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from schemadrift.errors import InputError
from schemadrift.sources.files import collect, tools_from_text

SCHEMA = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}


def read(doc: object, name: str = "tool.json") -> tuple[str, list]:
    found = tools_from_text(json.dumps(doc, indent=2), name, suffix=".json")
    assert found is not None
    return found


def test_bare_schema_takes_the_file_name() -> None:
    """A bare schema is one tool named after the file up to the first dot."""
    shape, tools = read(SCHEMA, "tools/get_weather.v2.json")
    assert shape == "bare JSON Schema"
    assert [(t.name, t.origin.shape, t.name_from_file) for t in tools] == [
        ("get_weather", "bare", True)
    ]
    assert tools[0].input_schema == SCHEMA


@pytest.mark.parametrize("doc", [{}, {"$schema": "https://json-schema.org/draft/2020-12/schema"}])
def test_empty_and_schema_only_documents_are_bare_schemas(doc: dict) -> None:
    """`{}` and `{"$schema": ...}` are bare schemas: real broken outputs look exactly like that."""
    shape, tools = read(doc, "empty.json")
    assert shape == "bare JSON Schema"
    assert tools[0].input_schema == doc


def test_openai_chat_tool() -> None:
    """An OpenAI Chat Completions tool keeps name, description, parameters and strict."""
    doc = {
        "type": "function",
        "function": {"name": "w", "description": "d", "parameters": SCHEMA, "strict": True},
    }
    _, [tool] = read(doc)
    assert (tool.name, tool.description, tool.input_schema, tool.strict, tool.origin.shape) == (
        "w",
        "d",
        SCHEMA,
        True,
        "openai",
    )
    assert tool.envelope == {
        "type": "function",
        "function": {"name": "w", "description": "d", "strict": True},
    }


def test_openai_responses_tool() -> None:
    """The Responses flat form is recognised as its own shape."""
    doc = {"type": "function", "name": "w", "parameters": SCHEMA, "strict": False}
    _, [tool] = read(doc)
    assert (tool.name, tool.origin.shape, tool.strict) == ("w", "openai-responses", False)


def test_anthropic_tool() -> None:
    """An Anthropic tool is read from `input_schema`."""
    _, [tool] = read({"name": "w", "description": "d", "input_schema": SCHEMA})
    assert (tool.name, tool.origin.shape, tool.input_schema) == ("w", "anthropic", SCHEMA)


def test_gemini_parameters_declarations() -> None:
    """Gemini `functionDeclarations` with `parameters` imply the legacy `gemini` surface."""
    _, tools = read({"functionDeclarations": [{"name": "a", "parameters": SCHEMA}, {"name": "b"}]})
    assert [(t.name, t.origin.shape) for t in tools] == [("a", "gemini"), ("b", "gemini")]
    assert tools[1].input_schema is None


def test_gemini_json_schema_declarations() -> None:
    """`parametersJsonSchema` (also snake_case) selects the `gemini-json` surface."""
    _, tools = read({"function_declarations": [{"name": "a", "parameters_json_schema": SCHEMA}]})
    assert [(t.name, t.origin.shape, t.input_schema) for t in tools] == [
        ("a", "gemini-json", SCHEMA)
    ]


def test_bedrock_tool_spec() -> None:
    """A Bedrock toolSpec is read from `inputSchema.json`."""
    _, [tool] = read({"toolSpec": {"name": "w", "inputSchema": {"json": SCHEMA}, "strict": True}})
    assert (tool.name, tool.origin.shape, tool.input_schema, tool.strict) == (
        "w",
        "bedrock",
        SCHEMA,
        True,
    )


def test_bedrock_tool_config() -> None:
    """A Converse `toolConfig` lists toolSpecs."""
    _, tools = read(
        {"toolConfig": {"tools": [{"toolSpec": {"name": "w", "inputSchema": {"json": SCHEMA}}}]}}
    )
    assert [t.name for t in tools] == ["w"]


def test_mcp_tools_list_and_jsonrpc_result() -> None:
    """An MCP tools/list result is read bare or inside a JSON-RPC response, outputSchema included."""
    result = {"tools": [{"name": "w", "inputSchema": SCHEMA, "outputSchema": {"type": "object"}}]}
    shape, [tool] = read(result)
    assert shape == "MCP tools/list result"
    assert (tool.origin.shape, tool.output_schema) == ("mcp", {"type": "object"})
    shape, [tool] = read({"jsonrpc": "2.0", "id": 1, "result": result})
    assert shape.startswith("JSON-RPC result") and tool.name == "w"


def test_mixed_list() -> None:
    """A list may mix tool objects of different shapes."""
    doc = [
        {"type": "function", "function": {"name": "a", "parameters": SCHEMA}},
        {"name": "b", "input_schema": SCHEMA},
        {"name": "c", "inputSchema": SCHEMA},
    ]
    _, tools = read(doc)
    assert [(t.name, t.origin.shape) for t in tools] == [
        ("a", "openai"),
        ("b", "anthropic"),
        ("c", "mcp"),
    ]


def test_snapshot_document() -> None:
    """A schemadrift snapshot is read back as its tools."""
    doc = {
        "format_version": 1,
        "generator": {},
        "packages": {},
        "tools": [
            {"name": "w", "input_schema": SCHEMA, "origin": {"kind": "file", "shape": "anthropic"}}
        ],
    }
    shape, [tool] = read(doc)
    assert shape == "schemadrift snapshot" and tool.origin.shape == "anthropic"


def test_yaml_document() -> None:
    """YAML holds the same shapes as JSON."""
    text = "- name: w\n  input_schema:\n    type: object\n    properties:\n      city: {type: string}\n"
    found = tools_from_text(text, "tools.yaml", suffix=".yaml")
    assert found is not None
    assert found[1][0].input_schema == {
        "type": "object",
        "properties": {"city": {"type": "string"}},
    }
    assert found[1][0].origin.line == 1


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """`-` reads a document from stdin."""
    data = json.dumps({"name": "w", "input_schema": SCHEMA}).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    shapes, tools = collect(["-"], Path.cwd())
    assert shapes == [("<stdin>", "anthropic tool")] and tools[0].name == "w"


def test_tool_without_a_name_names_the_pointer() -> None:
    """A tool object whose name is missing is an input error at its JSON pointer."""
    with pytest.raises(InputError) as caught:
        read(
            {
                "tools": [
                    {"name": "ok", "inputSchema": SCHEMA},
                    {"inputSchema": SCHEMA, "description": "x"},
                ]
            }
        )
    assert caught.value.pointer == "/tools/1"
    assert "tool.json" in str(caught.value)


def test_unknown_document_lists_the_shapes() -> None:
    """A document of no known shape is an error that lists every shape."""
    with pytest.raises(InputError, match="expected one of: a bare JSON Schema"):
        read({"hello": "world"})


def test_line_of_each_tool_is_found() -> None:
    """Each tool's origin carries the line of its name in the file."""
    _, tools = read([{"name": "a", "input_schema": SCHEMA}, {"name": "b", "input_schema": SCHEMA}])
    lines = [t.origin.line for t in tools]
    assert lines[0] is not None and lines[1] is not None and lines[0] < lines[1]


def test_one_line_file_with_name_colons_in_descriptions_stays_small() -> None:
    """``name:`` inside free text (``author-name:``) is no declaration. In a file written on
    one line, each one used to be read as a YAML plain value running to the end of the file
    and kept: a 22 MB file took 2.4 GB. Memory now stays within a few times the text."""
    import tracemalloc

    description = "Search code. Qualifiers: `author-name: y`, `filename:x`. " * 3
    tools = [
        {"name": f"t{i}", "description": description, "input_schema": SCHEMA} for i in range(1500)
    ]
    text = json.dumps({"tools": tools})
    tracemalloc.start()
    try:
        found = tools_from_text(text, "one-line.json", suffix=".json")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found is not None and [t.origin.line for t in found[1]] == [1] * 1500
    assert peak < 40 * len(text)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        # Block YAML: plain, quoted and commented names, CRLF line ends.
        ("- name: a\n  input_schema: {type: object}\n- name: 'b'\n  input_schema: {}\n", [1, 3]),
        ('- name: a  # the first\n  input_schema: {}\n- name: "b"\n  input_schema: {}\n', [1, 3]),
        ("- name: a\r\n  input_schema: {}\r\n- name: b\r\n  input_schema: {}\r\n", [1, 3]),
        # `name:` in a description is not a declaration; the declaration after it is found.
        (
            "- description: 'the file name: a'\n  name: a\n  input_schema: {}\n"
            "- name: b\n  input_schema: {}\n",
            [2, 4],
        ),
    ],
)
def test_lines_of_yaml_names(text: str, lines: list[int]) -> None:
    found = tools_from_text(text, "tools.yaml", suffix=".yaml")
    assert found is not None
    assert [t.origin.line for t in found[1]] == lines


def test_json_names_are_only_double_quoted_declarations() -> None:
    """JSON declares a name one way (``"name": "x"``): a YAML-looking ``name: b`` in a
    string is not mistaken for tool ``b``'s declaration."""
    text = (
        '{"tools": [\n{"name": "a", "description": "see name: b", "input_schema": {}},\n'
        '{"name": "b", "input_schema": {}}\n]}'
    )
    found = tools_from_text(text, "tools.json", suffix=".json")
    assert found is not None
    assert [t.origin.line for t in found[1]] == [2, 3]


# --- Provider built-in tools ---------------------------------------------------------------

BUILTIN = Path(__file__).resolve().parents[2] / "fixtures" / "builtin-tools"


def read_fixture(name: str) -> tuple[str, list]:
    path = BUILTIN / name
    found = tools_from_text(path.read_text("utf-8"), f"builtin-tools/{name}", suffix=".json")
    assert found is not None
    return found


def test_an_anthropic_server_tool_alone_is_a_builtin_tool() -> None:
    """The newcomer's file (`{"type": "web_search_20250305", ...}`) is one built-in tool with no
    schema, named as the model calls it; it used to be exit 2, "no known tool shape"."""
    shape, [tool] = read({"type": "web_search_20250305", "name": "web_search", "max_uses": 5})
    assert shape == "anthropic built-in tool `web_search_20250305`"
    assert (tool.name, tool.builtin, tool.input_schema, tool.origin.shape) == (
        "web_search",
        "web_search_20250305",
        None,
        "anthropic",
    )
    assert tool.envelope == {"type": "web_search_20250305", "name": "web_search", "max_uses": 5}


def test_anthropic_function_and_builtin_tools_mix() -> None:
    """Every Anthropic built-in type (versioned `name_YYYYMMDD`, and the MCP connector's
    `mcp_toolset`) is read next to function tools, in order."""
    shape, tools = read_fixture("anthropic.json")
    assert shape.startswith("tool list with 9 built-in tools")
    assert [(t.name, t.builtin) for t in tools] == [
        ("get_weather", None),
        ("web_search", "web_search_20250305"),
        ("str_replace_based_edit_tool", "text_editor_20250728"),
        ("bash", "bash_20250124"),
        ("code_execution", "code_execution_20250825"),
        ("web_fetch", "web_fetch_20250910"),
        ("memory", "memory_20250818"),
        ("computer", "computer_20250124"),
        ("tool_search_tool_regex", "tool_search_tool_regex_20251119"),
        ("deepwiki", "mcp_toolset"),
    ]
    assert tools[0].input_schema["required"] == ["city"]
    assert {t.origin.shape for t in tools} == {"anthropic"}


def test_openai_hosted_tools_are_builtin_tools() -> None:
    """OpenAI Responses hosted tools are named by their type (an MCP server by its label)."""
    _, tools = read_fixture("openai-responses.json")
    assert [(t.name, t.builtin, t.origin.shape) for t in tools][1:] == [
        ("web_search", "web_search", "openai-responses"),
        ("file_search", "file_search", "openai-responses"),
        ("code_interpreter", "code_interpreter", "openai-responses"),
        ("image_generation", "image_generation", "openai-responses"),
        ("computer_use_preview", "computer_use_preview", "openai-responses"),
        ("mcp:deepwiki", "mcp", "openai-responses"),
        ("local_shell", "local_shell", "openai-responses"),
    ]
    assert tools[0].builtin is None and tools[0].origin.shape == "openai-responses"


def test_gemini_tool_fields_are_builtin_tools() -> None:
    """A Gemini `Tool` holds declarations or built-in tools, several fields in one object."""
    _, tools = read_fixture("gemini.json")
    assert [(t.name, t.builtin) for t in tools] == [
        ("get_weather", None),
        ("googleSearch", "googleSearch"),
        ("codeExecution", "codeExecution"),
        ("urlContext", "urlContext"),
        ("googleSearchRetrieval", "googleSearchRetrieval"),
    ]
    assert {t.origin.shape for t in tools} == {"gemini"}
    shape, [alone] = read({"googleSearch": {}})
    assert (shape, alone.builtin) == ("Gemini built-in tool `googleSearch`", "googleSearch")
    _, servers = read({"mcpServers": [{"name": "docs"}, {"name": "git"}]})
    assert [(t.name, t.builtin) for t in servers] == [
        ("mcpServers:docs", "mcpServers"),
        ("mcpServers:git", "mcpServers"),
    ]


def test_bedrock_system_tool_and_cache_point() -> None:
    """A Bedrock `systemTool` is a built-in tool; a `cachePoint` between tools is no tool."""
    _, tools = read_fixture("bedrock.json")
    assert [(t.name, t.builtin, t.origin.shape) for t in tools] == [
        ("get_weather", None, "bedrock"),
        ("nova_grounding", "systemTool", "bedrock"),
    ]


def test_builtin_tools_survive_a_snapshot_round_trip() -> None:
    """`builtin` is written to snapshots (only when set) and read back."""
    from schemadrift.model import Tool

    _, tools = read_fixture("anthropic.json")
    records = [tool.to_json() for tool in tools]
    assert "builtin" not in records[0]
    assert records[1]["builtin"] == "web_search_20250305"
    assert [Tool.from_json(record) for record in records] == tools


def test_unknown_objects_in_a_tool_list_still_fail() -> None:
    """Only the providers' own type names make a built-in tool: anything else is still an input
    error naming the item (no silent skipping)."""
    with pytest.raises(InputError, match="not a tool object of any known shape"):
        read({"tools": [{"type": "web_browse"}, {"name": "f", "input_schema": SCHEMA}]})
