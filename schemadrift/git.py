"""Read a file as it was at a git ref: ``git show REF:path``.

Git runs with an argument list and an environment stripped of ``GIT_*`` variables: hooks run
inside git, which sets ``GIT_DIR``, ``GIT_INDEX_FILE`` and friends, and those would point our
``git show`` at the wrong repository or index (pre-commit's ``no_git_env`` documents the same
trap). A missing ref, a missing path and a shallow clone each give a ``GitRefError`` with the fix.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from schemadrift.errors import GitRefError

# Variables git itself needs to work for the user (auth prompts, config locations).
KEEP = frozenset(
    {
        "GIT_EXEC_PATH",
        "GIT_SSH",
        "GIT_SSH_COMMAND",
        "GIT_SSL_CAINFO",
        "GIT_SSL_NO_VERIFY",
        "GIT_CONFIG_NOSYSTEM",
    }
)


def no_git_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in KEEP}


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(  # noqa: S603 - fixed argv, no shell
            ["git", *args],  # noqa: S607 - git from PATH, as the user runs it
            cwd=cwd,
            env=no_git_env(),
            capture_output=True,
            stdin=subprocess.DEVNULL,
            check=False,
            timeout=60,
        )
    except FileNotFoundError as error:
        raise GitRefError("", "", "git is not installed or not on PATH") from error
    except subprocess.TimeoutExpired as error:
        raise GitRefError("", "", f"git {args[0]} did not answer within 60 s") from error


def toplevel(cwd: Path) -> Path:
    done = _git(["rev-parse", "--show-toplevel"], cwd)
    if done.returncode != 0:
        raise GitRefError("HEAD", "", f"{cwd} is not inside a git repository")
    return Path(done.stdout.decode().strip())


def show(ref: str, path: str, *, cwd: Path) -> str:
    """The text of ``path`` (relative to ``cwd``) at ``ref``."""
    top = toplevel(cwd)
    try:
        rel = (cwd.resolve() / path).resolve().relative_to(top.resolve()).as_posix()
    except ValueError as error:
        raise GitRefError(
            ref, path, "the path is outside the repository; name a file inside it"
        ) from error
    verify = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    if verify.returncode != 0:
        shallow = _git(["rev-parse", "--is-shallow-repository"], top).stdout.decode().strip()
        if shallow == "true":
            raise GitRefError(
                ref,
                rel,
                "the ref is not in this clone, which is shallow; fetch full history "
                "(actions/checkout with `fetch-depth: 0`, or `git fetch --unshallow`)",
            )
        raise GitRefError(
            ref,
            rel,
            "no such ref; fetch it (`git fetch origin`) or name an existing branch or commit",
        )
    done = _git(["show", f"{ref}:{rel}"], top)
    if done.returncode != 0:
        raise GitRefError(
            ref,
            rel,
            "the file does not exist at that ref; commit a baseline with `schemadrift snapshot`",
        )
    try:
        return done.stdout.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GitRefError(ref, rel, "the file at that ref is not UTF-8 text") from error
