"""Tools from a Python object: ``{ python = "pkg.module:ATTR" }``.

The module is imported with the project root (and ``src/`` when present) on ``sys.path``, and
the attribute (dotted: ``app:agent.tools`` works) goes to the one adapter that claims it. A
list, tuple or dict is taken apart item by item, so ``TOOLS = [tool_a, tool_b]`` mixes freely;
plain JSON values (the dicts ``openai.pydantic_function_tool`` returns) go to the same shape
detection files use. Importing runs the user's code in this process, so ``timeout`` cannot be
enforced here; a hanging import is the user's to interrupt (exit 130).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from schemadrift.errors import InputError
from schemadrift.model import JSON, Origin, Tool

# The distributions each python source (project root, value) was seen importing in this process.
# A module imports once per process, so a second run in the same process (tests, library
# callers) sees nothing new: it gets what the first one saw instead, and records the same.
_IMPORTED: dict[tuple[str, str], frozenset[str]] = {}


def load_recording(
    value: str, root: Path, *, timeout: float | None = None
) -> tuple[list[Tool], frozenset[str]]:
    """``load``, plus the distributions whose modules it imported (``snapshot.packages``).

    Every module added to ``sys.modules`` while the source's module is imported and its tools
    are generated is mapped to the installed distribution it was loaded from
    (``sources/provenance.py``); schemadrift's own libraries are left out, since whether they
    are new here depends on what the command did before, not on the tools.
    """
    from schemadrift.snapshot import OWN_DISTRIBUTIONS

    before = set(sys.modules)
    tools = load(value, root, timeout=timeout)
    added = {name: sys.modules.get(name) for name in set(sys.modules) - before}
    from schemadrift.sources.provenance import module_distributions

    found = module_distributions(added) - OWN_DISTRIBUTIONS
    key = (str(root), value)
    recorded = _IMPORTED.get(key, frozenset()) | found
    _IMPORTED[key] = recorded
    return tools, recorded


def load(value: str, root: Path, *, timeout: float | None = None) -> list[Tool]:
    label = f"python {value}"
    module_name, sep, attr = value.partition(":")
    if not sep or not module_name or not attr:
        raise InputError(label, "expected 'package.module:ATTRIBUTE'")
    with _on_path(root):
        module = _import(module_name, label, root)
        obj = _attribute(module, module_name, attr, label)
        origin = Origin(kind="python", shape="python", location=value)
        return extract(obj, origin, label, what=attr)


@contextmanager
def _on_path(root: Path) -> Iterator[None]:
    """Put the project root (and ``src/``) first on ``sys.path`` for the duration of a load."""
    added = [str(path) for path in (root / "src", root) if path.is_dir()]
    added = [path for path in added if path not in sys.path]
    sys.path[:0] = added
    try:
        yield
    finally:
        for path in added:
            if path in sys.path:
                sys.path.remove(path)


def _import(name: str, label: str, root: Path) -> Any:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        missing = error.name or ""
        if missing and (name == missing or name.startswith(missing + ".")):
            raise InputError(
                label,
                f"cannot import {name!r}: no module named {missing!r} in the project root "
                f"or the environment (is the package installed, or is the root {root.name!r} "
                "the folder that holds it?)",
            ) from error
        raise InputError(label, f"importing {name!r} failed: {_describe(error)}") from error
    except SystemExit as error:
        raise InputError(label, f"importing {name!r} called sys.exit({error.code!r})") from error
    except Exception as error:
        raise InputError(label, f"importing {name!r} failed: {_describe(error)}") from error


def _describe(error: BaseException) -> str:
    from schemadrift.adapters import describe

    text = describe(error)
    trace = error.__traceback__
    where = None
    while trace is not None:
        code = trace.tb_frame.f_code
        if "importlib" not in code.co_filename:
            where = (code.co_filename, trace.tb_lineno)
        trace = trace.tb_next
    if where is not None:
        text += f" (at {Path(where[0]).name}:{where[1]})"
    return text


def _attribute(module: Any, module_name: str, attr: str, label: str) -> Any:
    obj = module
    walked = module_name
    for part in attr.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError as error:
            names = sorted(n for n in dir(obj) if not n.startswith("_"))
            hint = _nearest(part, names)
            extra = f"; did you mean {hint!r}?" if hint else ""
            raise InputError(label, f"{walked!r} has no attribute {part!r}{extra}") from error
        except Exception as error:
            raise InputError(
                label, f"reading {walked}.{part} failed: {_describe(error)}"
            ) from error
        walked = f"{walked}.{part}"
    return obj


def _nearest(name: str, names: list[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(name, names, n=1)
    return found[0] if found else None


def is_json(value: Any) -> bool:
    """Whether ``value`` is plain JSON data (as ``json.loads`` would build it, tuples allowed)."""
    if value is None or isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, list | tuple):
        return all(is_json(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and is_json(item) for key, item in value.items())
    return False


def extract(obj: Any, origin: Origin, label: str, *, what: str) -> list[Tool]:
    """Tools from one Python value: plain data, a container, or a framework object."""
    if is_json(obj):
        return _from_data(obj, origin, label, what)
    if isinstance(obj, list | tuple):
        return [
            tool
            for index, item in enumerate(obj)
            for tool in extract(item, origin, label, what=f"{what}[{index}]")
        ]
    if isinstance(obj, dict):
        return [
            tool
            for key, item in obj.items()
            for tool in extract(item, origin, label, what=f"{what}[{key!r}]")
        ]
    from schemadrift.adapters import generating, loader

    adapter = loader.find(obj, label, what=what)
    with generating(origin, adapter.name, None):
        return adapter.to_tools(obj, origin)


def _from_data(doc: JSON, origin: Origin, label: str, what: str) -> list[Tool]:
    from schemadrift.sources.shapes import DocumentSource, detect, no_shape_message

    src = DocumentSource(label=origin.location or label, kind="python", name_hint=what)
    found = detect(_lists(doc), src)
    if found is not None:
        return found[1]
    if isinstance(doc, dict) and doc and all(isinstance(v, dict) for v in doc.values()):
        # A dict of tools keyed by name: each value on its own.
        return [
            tool
            for key, v in doc.items()
            for tool in _from_data(v, origin, label, f"{what}[{key!r}]")
        ]
    raise InputError(label, f"{what} is plain data with {no_shape_message()}")


def _lists(value: JSON) -> JSON:
    """Tuples to lists, so shape detection sees what ``json.loads`` would have built."""
    if isinstance(value, list | tuple):
        return [_lists(item) for item in value]
    if isinstance(value, dict):
        return {key: _lists(item) for key, item in value.items()}
    return value
