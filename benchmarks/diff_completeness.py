"""Run the diff's completeness properties (tests/diff/test_completeness.py) many times.

The suite runs a few dozen generated cases per property, to stay fast; this script runs
thousands: every narrowing edit must be reported as a breaking finding with a real witness,
and every meaning-preserving rewrite must give no finding. Prints the counts and the time;
exits 1 with hypothesis's minimal failing case when a property fails.

    python benchmarks/diff_completeness.py [--examples 2000] [--seed N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent))
    from hypothesis import HealthCheck, given, seed, settings
    from hypothesis import strategies as st

    from tests.diff import test_completeness as props

    chosen = settings(
        max_examples=args.examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    properties = {
        "narrowings found": given(props.narrowed())(
            props.test_a_narrowing_is_found_with_a_witness.hypothesis.inner_test
        ),
        "rewrites silent": given(
            props.objects(),
            st.lists(st.sampled_from(props.REWRITES), min_size=1, max_size=3, unique=True),
        )(props.test_a_rewrite_that_keeps_the_meaning_gives_nothing.hypothesis.inner_test),
    }
    failed = 0
    for name, test in properties.items():
        run = chosen(test)
        if args.seed is not None:
            run = seed(args.seed)(run)
        start = time.perf_counter()
        try:
            run()
        except Exception as error:  # noqa: BLE001 - reported, then the exit status says it
            failed += 1
            print(f"{name}: FAILED after {time.perf_counter() - start:.1f} s\n{error}")
            continue
        print(f"{name}: {args.examples} examples passed in {time.perf_counter() - start:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
