"""Score the per-dialect verdicts on a corpus of real provider cases, as users read them.

Reads ``../shared/corpus/cases/*.json`` by default (``--cases DIR`` for another folder, e.g.
the copy in ``fixtures/corpus/cases`` that the tests read), lints each asserted side through
the command line with ``--format json`` and compares the report's verdict for the tool with
the case's (``tests/helpers/corpus.py`` does both, for the tests and for this script). Prints
each miss and the score; exits 1 below ``--min`` (default 1.0: every verdict).

    python benchmarks/corpus.py [--cases DIR] [--min 1.0]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "corpus" / "cases"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--cases", type=Path, default=DEFAULT)
    parser.add_argument("--min", type=float, default=1.0)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from tests.helpers.corpus import agrees, case_ids, expectations, judge

    if not case_ids(args.cases):
        print(f"no corpus cases under {args.cases}", file=sys.stderr)
        return 2
    wanted = expectations(args.cases)
    started = time.perf_counter()
    right = 0
    with tempfile.TemporaryDirectory() as workdir:
        for expectation in wanted:
            judgement = judge(expectation, Path(workdir), args.cases)
            if agrees(expectation, judgement):
                right += 1
            else:
                print(
                    f"MISS {expectation.id}: expected {expectation.verdict}, "
                    f"got {judgement.verdict} {sorted(judgement.causes)}"
                )
    score = right / len(wanted)
    print(
        f"corpus: {len(case_ids(args.cases))} cases, {right}/{len(wanted)} verdicts right "
        f"({score:.1%}, target {args.min:.0%}), {time.perf_counter() - started:.2f} s"
    )
    return 0 if score >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
