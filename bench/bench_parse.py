"""How fast capdiag reads a large nanoGPT log, as a ratio to reading the file's lines.

    python bench/bench_parse.py [--lines 1000000]

Builds a large log by repeating the iteration lines of the bundled example (with increasing
step numbers) in a temporary file, then times, in the same run:
  baseline  reading every line of the file (`for line in file: pass`)
  regex     the least a line-by-line Python parser does: one compiled regex match per line
  parse     capdiag's nanoGPT parser (regexes on bytes, numpy series)
  analyze   load_run + every rule (what `capdiag analyze` does, minus printing)
and prints each time and its ratio to the baseline. Ratios, not seconds, are comparable
between machines.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from capdiag.analysis import analyze
from capdiag.load import load_run
from capdiag.parsers.nanogpt import parse_nanogpt_log

EXAMPLE = Path(__file__).resolve().parent.parent / "examples/logs/seed_gpt2_fineweb_rtx4070.log"


def build_log(path: Path, lines: int) -> None:
    text = EXAMPLE.read_text()
    head = text[: text.index("step 0:")]
    body = [ln for ln in text.splitlines() if ln.startswith(("iter ", "step "))]
    step_re = re.compile(r"^(iter|step) (\d+)")
    with path.open("w") as out:
        out.write(head)
        written, offset = 0, 0
        while written < lines:
            for line in body:
                m = step_re.match(line)
                assert m is not None
                out.write(f"{m.group(1)} {int(m.group(2)) + offset}{line[m.end() :]}")
                out.write("\n")
                written += 1
            offset += 14500
        out.write("")


def best_of(fn: object, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "big.log"
        build_log(log, args.lines)
        size = log.stat().st_size

        def baseline() -> None:
            with log.open("rb") as handle:
                for _ in handle:
                    pass

        line_re = re.compile(rb"^iter (\d+): loss (\S+), time ([\d.]+)ms, mfu (-?[\d.]+)%")

        def regex_loop() -> None:
            match = line_re.match
            with log.open("rb") as handle:
                for line in handle:
                    match(line)

        base = best_of(baseline)
        regex = best_of(regex_loop)
        parse = best_of(lambda: parse_nanogpt_log(log))
        full = best_of(lambda: analyze(load_run(log)), repeat=1)
        print(f"log: {args.lines:,} lines, {size / 1e6:.1f} MB")
        print(f"baseline (read lines)   {base:7.3f} s   1.0x")
        print(f"regex per line          {regex:7.3f} s   {regex / base:.1f}x")
        print(
            f"parse                   {parse:7.3f} s   {parse / base:.1f}x "
            f"({parse / regex:.1f}x the regex loop)"
        )
        print(f"load + all rules        {full:7.3f} s   {full / base:.1f}x")
        print(f"parse throughput        {size / parse / 1e6:7.1f} MB/s")


if __name__ == "__main__":
    main()
