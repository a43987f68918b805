"""What `capdiag watch` pays when a large nanoGPT log grows, as a ratio to re-reading it.

    python bench/bench_watch.py [--lines 300000] [--new 100]

Builds a log as bench_parse.py does, feeds all but its last `--new` lines to the nanoGPT
parser's `Incremental`, then times, in the same run:
  reparse   load_run on the whole file (what a watcher without an incremental parser does)
  feed      parsing the `--new` lines into the incremental parser
  snapshot  the run so far (series to numpy, figures), what each rule pass starts from
  rules     every rule on that run
and prints each time and its ratio to the re-parse.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from capdiag.analysis import run_rules
from capdiag.load import complete_run, load_run
from capdiag.parsers import LoadContext
from capdiag.parsers.nanogpt import Incremental
from capdiag.rules import RULES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_parse import build_log


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=300_000)
    parser.add_argument("--new", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "train.log"
        build_log(path, args.lines)
        lines = path.read_bytes().splitlines(keepends=True)
        head = path.read_bytes()[: 1 << 20]
        old, new = lines[: -args.new], lines[-args.new :]
        incremental = Incremental(path, LoadContext())
        incremental.feed(old)
        complete_run(incremental.run(), path, head)  # rows so far converted once

        start = time.perf_counter()
        load_run(path)
        reparse = time.perf_counter() - start

        start = time.perf_counter()
        incremental.feed(new)
        feed = time.perf_counter() - start

        start = time.perf_counter()
        run = complete_run(incremental.run(), path, head)
        snapshot = time.perf_counter() - start

        start = time.perf_counter()
        run_rules(run, list(RULES))
        rules = time.perf_counter() - start

    print(f"log: {len(lines):,} lines; {args.new} new lines")
    for name, seconds in (
        ("reparse (baseline)", reparse),
        ("feed new lines", feed),
        ("snapshot", snapshot),
        ("rules", rules),
    ):
        print(f"{name:<20} {seconds:8.4f} s   {seconds / reparse:6.3f}x")


if __name__ == "__main__":
    main()
