"""Tools from a Python object: ``{ python = "pkg.module:ATTR" }``.

The module is imported with the project root (and ``src/`` when present) on ``sys.path``, and
the attribute (dotted: ``app:agent.tools`` works) goes to the one adapter that claims it. A
list, tuple or dict is taken apart item by item, so ``TOOLS = [tool_a, tool_b]`` mixes freely;
plain JSON values (the dicts ``openai.pydantic_function_tool`` returns) go to the same shape
detection files use.

The contract with the user's code (attack row 13): whatever the module does while it is
imported and its tools are generated, the run ends in schemadrift's own exit code and report.

* A run (``load_recording``, what ``check``, ``snapshot`` and ``replay`` call) imports the
  module in a child interpreter (``python -m schemadrift.sources.python``), which sends the
  tools back as JSON in a file. So ``os._exit(0)``, a crash in a C extension, a replaced
  ``sys.stdout``, signal handlers, threads and atexit hooks stay in the child: a child that
  ends without sending its tools is exit 2 naming the source, and ``timeout`` is enforced.
  The child writes fd 1 to fd 2, so prints (Python, C-level or a subprocess's) reach stderr
  and never the report. Cost, measured: 55 to 90 ms per python source for the child's
  interpreter and schemadrift's own imports (plain-data ``TOOLS``: 0.04 s in-process, 0.10 s
  in the child; a langchain-core ``@tool``: 0.66 s and 0.75 s, the framework's import being
  paid once either way, now in the child). The alternative kept nothing safe from
  ``os._exit``, which no handler in the process can see.
* ``sys.exit()``/``SystemExit``, ``GeneratorExit`` or any ``BaseException`` subclass raised by
  the module or by an attribute's property is exit 2 naming the source (only Ctrl-C, a
  ``KeyboardInterrupt``, stays an interruption).
* Plain data is checked before anything walks it: a container that holds itself, NaN or an
  infinity, nesting past ``parsing.MAX_DEPTH``, and keys that are not strings are exit 2
  naming the pointer.

``load`` itself runs in the calling process (the pytest plugin's fixture, and the child).
"""

from __future__ import annotations

import importlib
import math
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from schemadrift.errors import InputError
from schemadrift.model import JSON, Origin, Tool


def load_recording(
    value: str, root: Path, *, timeout: float | None = None
) -> tuple[list[Tool], frozenset[str]]:
    """``load``, in a child interpreter, plus the distributions whose modules it imported
    (``snapshot.packages``); see the module docstring for why a child."""
    import subprocess
    import tempfile

    from schemadrift.sources.process import kill_group

    label = f"python {value}"
    with tempfile.TemporaryDirectory(prefix="schemadrift-python-") as folder:
        out = Path(folder) / "tools.json"
        argv = [sys.executable, "-m", "schemadrift.sources.python", value, str(root), str(out)]
        # A session of its own, as command sources get: a timeout kills what the module
        # started too (a server it launched, a pool of workers), not the interpreter alone.
        child = subprocess.Popen(  # noqa: S603 - this interpreter, no shell
            argv, stdin=subprocess.DEVNULL, cwd=Path.cwd(), start_new_session=True
        )
        try:
            status = child.wait(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            raise InputError(
                label, f"importing it and reading its tools took more than {timeout:g} s"
            ) from error
        finally:
            kill_group(child)
            child.wait()
        try:
            text = out.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
    if not text:
        raise InputError(
            label,
            f"the process importing it ended (status {status}) before its tools were "
            "read: does the module call os._exit() or crash the interpreter?",
        )
    from schemadrift.sources.parsing import parse_json

    data = parse_json(text, label)
    assert isinstance(data, dict)
    if "error" in data:
        raise InputError(None, str(data["error"]))  # worded in the child, source named
    tools = [Tool.from_json(item) for item in data["tools"]]
    return tools, frozenset(data["imported"])


def load_recording_here(value: str, root: Path) -> tuple[list[Tool], frozenset[str]]:
    """``load`` in this process, plus the distributions whose modules it imported; what the
    child interpreter runs, once, so every module the source needs is imported here for the
    first time.

    Every module added to ``sys.modules`` while the source's module is imported and its tools
    are generated is mapped to the installed distribution it was loaded from
    (``sources/provenance.py``); schemadrift's own libraries are left out: they do not shape
    the tools.
    """
    from schemadrift.snapshot import OWN_DISTRIBUTIONS

    before = set(sys.modules)
    tools = load(value, root)
    added = {name: sys.modules.get(name) for name in set(sys.modules) - before}
    from schemadrift.sources.provenance import module_distributions

    return tools, frozenset(module_distributions(added) - OWN_DISTRIBUTIONS)


def _child(argv: list[str]) -> int:
    """The child interpreter: load the source, write its tools (or its error) to the file.

    Its stdout is its stderr from the start, at the descriptor level, so nothing the user's
    code prints can be mistaken for anything; the result travels only through the file.
    """
    import json

    from schemadrift.errors import SchemadriftError
    from schemadrift.schema.stack import call_deep
    from schemadrift.sources.process import die_with_parent

    die_with_parent(os.getppid())  # a parent killed or interrupted takes this child with it
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    value, root, out = argv
    try:
        tools, imported = call_deep(load_recording_here, value, Path(root))
        data: dict[str, JSON] = {
            # variants in the order the adapter made them, as upgrade-check sends them
            "tools": [{**tool.to_json(), "variants": dict(tool.variants)} for tool in tools],
            "imported": sorted(imported),
        }
    except SchemadriftError as error:  # every kind the sources raise is exit 2
        data = {"error": str(error)}
    text = call_deep(json.dumps, data)
    try:
        Path(out).write_text(text, "utf-8")
    except OSError:
        return 1  # the parent is gone (its folder with it): nobody to tell
    return 0


def _child_main(argv: list[str]) -> int:
    """``_child``, quiet on Ctrl-C: the parent says "interrupted" (and exits 130)."""
    try:
        return _child(argv)
    except KeyboardInterrupt:
        return 130


def load(value: str, root: Path, *, timeout: float | None = None) -> list[Tool]:
    """The tools of one python source, imported in this process (``timeout`` is not enforced
    here; ``load_recording`` enforces it)."""
    label = f"python {value}"
    module_name, sep, attr = value.partition(":")
    if not sep or not module_name or not attr:
        raise InputError(label, "expected 'package.module:ATTRIBUTE'")
    with _on_path(root):
        module = _import(module_name, label, root)
        obj = _attribute(module, module_name, attr, label)
        origin = Origin(kind="python", shape="python", location=value)
        try:
            return extract(obj, origin, label, what=attr)
        except (KeyboardInterrupt, InputError):
            raise
        except BaseException as error:
            if isinstance(error, Exception) and not isinstance(error, RecursionError):
                raise  # the adapters word their own errors; anything else is a bug of ours
            raise InputError(label, f"generating the tools of {attr} {_exited(error)}") from error


def _exited(error: BaseException) -> str:
    """What a ``BaseException`` from user code did, in words."""
    if isinstance(error, SystemExit):
        return f"called sys.exit({error.code!r})"
    if isinstance(error, RecursionError):
        return "recursed without end (RecursionError)"
    return (
        f"raised {type(error).__name__}: {error}"
        if str(error)
        else f"raised {type(error).__name__}"
    )


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
    except KeyboardInterrupt:
        raise
    except Exception as error:
        raise InputError(label, f"importing {name!r} failed: {_describe(error)}") from error
    except BaseException as error:
        raise InputError(label, f"importing {name!r} {_exited(error)}") from error


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
        except KeyboardInterrupt:
            raise
        except Exception as error:
            raise InputError(
                label, f"reading {walked}.{part} failed: {_describe(error)}"
            ) from error
        except BaseException as error:
            raise InputError(label, f"reading {walked}.{part} {_exited(error)}") from error
        walked = f"{walked}.{part}"
    return obj


def _nearest(name: str, names: list[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(name, names, n=1)
    return found[0] if found else None


def is_json(value: Any) -> bool:
    """Whether ``value`` is plain JSON data (as ``json.loads`` would build it, tuples allowed).

    Iterative: a container that holds itself, or one nested past the recursion limit, is
    answered (``_checked_json`` then says what is wrong with it) instead of overflowing.
    """
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if item is None or isinstance(item, str | bool | int | float):
            continue
        if isinstance(item, list | tuple | dict):
            if id(item) in seen:
                continue  # shared (or a cycle): judged where it was first met
            seen.add(id(item))
            if isinstance(item, dict):
                if not all(isinstance(key, str) for key in item):
                    return False
                stack += item.values()
            else:
                stack += item
            continue
        return False
    return True


def _checked_json(value: JSON, label: str, what: str) -> JSON:
    """A copy of plain data as ``json.loads`` would build it (tuples as lists), refusing what a
    JSON document cannot hold: a container holding itself, NaN or an infinity, an integer
    past float64, nesting past ``parsing.MAX_DEPTH``. Iterative, so none of them overflows,
    and linear: the containers on the current path are one set, entered and left as the walk
    goes down and back up. Errors name the value in Python (``TOOLS[0]['input_schema']``) and
    as a JSON pointer."""
    from schemadrift.schema.pointer import join
    from schemadrift.sources.parsing import FLOAT_MAX_INT, MAX_DEPTH

    root: list[Any] = [None]
    on_path: set[int] = set()  # the containers holding the value being looked at
    # (value, where its copy goes, key there, Python path, JSON pointer); a bare id marks
    # the point where the walk leaves that container again
    stack: list[tuple[Any, Any, Any, str, str] | int] = [(value, root, 0, what, "")]
    while stack:
        step = stack.pop()
        if isinstance(step, int):
            on_path.discard(step)
            continue
        item, parent, key, path, pointer = step
        problem = None
        if isinstance(item, float) and not math.isfinite(item):
            problem = f"is {item}, which is not a JSON number"
        elif isinstance(item, int) and not isinstance(item, bool) and abs(item) >= FLOAT_MAX_INT:
            problem = "is an integer past the range of float64"
        elif isinstance(item, list | tuple | dict) and id(item) in on_path:
            problem = "refers to itself (a container that holds itself has no JSON value)"
        elif isinstance(item, list | tuple | dict) and len(on_path) >= MAX_DEPTH:
            problem = f"is nested past the limit of {MAX_DEPTH:,} levels"
        if problem is not None:
            raise InputError(label, f"{path} {problem}", pointer=pointer or None)
        if isinstance(item, list | tuple | dict):
            on_path.add(id(item))
            stack.append(id(item))
        if isinstance(item, dict):
            copy: Any = {}
            stack += [
                (v, copy, k, f"{path}[{k!r}]", join(pointer, k)) for k, v in reversed(item.items())
            ]
        elif isinstance(item, list | tuple):
            copy = [None] * len(item)
            stack += [
                (v, copy, i, f"{path}[{i}]", join(pointer, i))
                for i, v in reversed(list(enumerate(item)))
            ]
        else:
            copy = item
        parent[key] = copy
    return root[0]


def extract(obj: Any, origin: Origin, label: str, *, what: str) -> list[Tool]:
    """Tools from one Python value: plain data, a container, or a framework object."""
    return _extract(obj, origin, label, what, frozenset())


def _extract(
    obj: Any, origin: Origin, label: str, what: str, holders: frozenset[int]
) -> list[Tool]:
    if is_json(obj):
        return _from_data(_checked_json(obj, label, what), origin, label, what)
    if isinstance(obj, list | tuple | dict):
        if id(obj) in holders:
            raise InputError(label, f"{what} refers to itself")
        inner = holders | {id(obj)}
        items = obj.items() if isinstance(obj, dict) else enumerate(obj)
        return [
            tool
            for key, item in items
            for tool in _extract(item, origin, label, f"{what}[{key!r}]", inner)
        ]
    from schemadrift.adapters import generating, loader

    adapter = loader.find(obj, label, what=what)
    with generating(origin, adapter.name, None):
        return adapter.to_tools(obj, origin)


def _from_data(doc: JSON, origin: Origin, label: str, what: str) -> list[Tool]:
    from schemadrift.sources.shapes import DocumentSource, detect, no_shape_message

    src = DocumentSource(label=origin.location or label, kind="python", name_hint=what)
    found = detect(doc, src)
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


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
