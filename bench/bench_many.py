"""How much a folder of runs gains from analysing them in parallel.

    python bench/bench_many.py [--folder bench/corpus]

Finds every run under the folder (as `capdiag analyze FOLDER` does), then times, in the
same run:
  baseline  every run analysed one after the other in this process
  parallel  `analyze_many`: a process pool over the machine's cores
and prints each time, the ratio, and the cores used. The ratio, not the seconds, is
comparable between machines (about the core count when the runs are many and similar).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time
from pathlib import Path

from capdiag.analysis import NothingRead
from capdiag.load import InputError
from capdiag.many import analyze_many, analyze_path, expand

CORPUS = Path(__file__).resolve().parent / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=CORPUS)
    args = parser.parse_args()
    runs = expand([args.folder])
    start = time.perf_counter()
    for run in runs:
        with contextlib.suppress(InputError, NothingRead):
            analyze_path(run)
    sequential = time.perf_counter() - start
    start = time.perf_counter()
    results = list(analyze_many(runs))
    parallel = time.perf_counter() - start
    read = sum(r.report is not None for r in results)
    print(f"runs: {len(runs)} ({read} read), cores: {os.cpu_count()}")
    print(f"baseline  one after another  {sequential:7.2f} s   1.00x")
    print(f"parallel  analyze_many       {parallel:7.2f} s   {sequential / parallel:.2f}x faster")


if __name__ == "__main__":
    main()
