"""The commands that write the baseline's files: ``snapshot`` (the tools as reviewed) and
``ack`` (findings accepted, with a reason)."""

from __future__ import annotations

from collections.abc import Sequence

from schemadrift import snapshot
from schemadrift.config import Config
from schemadrift.errors import UsageError
from schemadrift.model import Snapshot
from schemadrift.pipeline.check import run_check
from schemadrift.pipeline.extraction import extract_sources


def run_snapshot(
    config: Config, *, allow_empty: bool, cli_dialects: bool, force: bool = False
) -> tuple[Snapshot, str]:
    """Extract and write the baseline. Refuses to replace a non-empty one with an empty one.

    Before any source runs, the target is checked: a path that is another of the project's
    files (its configuration, its acks, a tool file a source reads; attack row 10) or that is
    not a regular file (a FIFO, a device, a directory; row 4) is refused, as is a read-only
    baseline unless ``force`` (row 22).
    """
    from schemadrift.errors import InputError
    from schemadrift.project_files import refuse_claimed
    from schemadrift.writing import check_replaceable, write_atomic

    label = config.display(config.snapshot)
    refuse_claimed(config, config.snapshot, "the snapshot", baseline=True)
    hint = "pass --force to replace it anyway"
    check_replaceable(config.snapshot, label, force=force, hint=hint)
    extraction = extract_sources(config, cli_dialects=cli_dialects)
    new = snapshot.build(extraction.tools, extraction.packages)
    if not new.tools and not allow_empty and config.snapshot.exists():
        try:
            old = snapshot.read(config.snapshot, label)
        except InputError:
            old = None
        if old is None or old.tools:
            raise InputError(
                label,
                "refusing to replace the baseline with an empty tool list "
                "(pass --allow-empty if that is what you want)",
            )
    write_atomic(config.snapshot, snapshot.dumps(new), label=label, force=force, hint=hint)
    return new, label


def run_ack(
    config: Config,
    fingerprints: Sequence[str],
    *,
    adopt_all: bool,
    reason: str,
    expires: str | None,
    against: str | None,
) -> tuple[int, str]:
    """Add acks for current findings of ``check`` to the acks file (written atomically).

    ``adopt_all`` acknowledges every unacknowledged finding at or above warning (or at or
    above ``fail_on`` when that is ``info``), so an existing project goes green on day one
    and only new findings fail.
    """
    from schemadrift import acks
    from schemadrift.model import Severity

    label = config.display(config.acks)
    if not reason.strip():
        raise UsageError("--reason must say why the finding is accepted")
    if adopt_all == bool(fingerprints):
        raise UsageError("name one or more FINGERPRINTs, or pass --all (not both)")
    until = acks.parse_date(expires, "--expires") if expires else None
    result = run_check(config, against=against, verbosity=1, cli_dialects=False)
    if adopt_all:
        floor = Severity.INFO if config.fail_on == "info" else Severity.WARNING
        chosen = [f for f in result.findings if not f.acknowledged and f.severity >= floor]
    else:
        by_print = {f.fingerprint: f for f in result.findings}
        chosen = []
        for text in fingerprints:
            found = by_print.get(text)
            if found is None:
                raise UsageError(
                    f"no current finding has fingerprint {text!r}; run `schemadrift check "
                    "--format json` to list them"
                )
            chosen.append(found)
    acks.record(config.acks, label, [acks.ack_for(f, reason, until) for f in chosen])
    return len(chosen), label
