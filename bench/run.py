"""End-to-end speed and memory of `capdiag analyze` on large logs, against baselines.

    python bench/run.py [--mb 100] [--formats nanogpt,llmc,hf,jsonl] [--keep DIR]

For each format it builds a large log (once; `--keep DIR` reuses them between runs) by
repeating the lines of a real sample with the step numbers moved on, eval, warning,
checkpoint and progress-bar lines included. Then, on the same file in the same run, it times
whole processes:
  wc -l      the floor for touching every byte
  grep -c    a C scan for lines with 'loss'
  regex      a plain Python loop: `re.finditer` for the training loss over the file's
             bytes and `float()` on each match
  capdiag    `capdiag analyze FILE --format json` (parse + every rule + render)
  base       the same on the base path, when the `[fast]` extra (polars) is installed
and prints MB/s (on wall time and on CPU time, which moves less on a busy machine), peak RSS
(from /usr/bin/time), the ratio to each baseline, and the metric points read, with the
memory target of 150 MB + 16 bytes per point. Ratios, not seconds, are comparable between
machines.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests/data"


def _shift(pattern: str, by: Callable[[int], float]) -> Callable[[str, int], str]:
    """A line rewriter: the number in group 2 of `pattern` moved on by `by(repeat)`."""
    regex = re.compile(pattern)

    def rewrite(line: str, repeat: int) -> str:
        def move(m: re.Match[str]) -> str:
            value = float(m.group(2)) + by(repeat)
            text = f"{value:.5g}" if "." in m.group(2) else str(int(value))
            return m.group(1) + text

        return regex.sub(move, line)

    return rewrite


# format -> (real sample, where the repeated body starts, the step rewriter)
SAMPLES: dict[str, tuple[Path, str, Callable[[str, int], str]]] = {
    "nanogpt": (
        ROOT / "examples/logs/seed_gpt2_fineweb_rtx4070.log",
        "step 0:",
        _shift(r"^((?:iter|step) )(\d+)", lambda r: 20000 * r),
    ),
    "llmc": (
        DATA / "llmc/llmc_siddanthemani_gpt2_124M_main_cut.log",
        "s:0 ",
        _shift(r"^(s:)(\d+)", lambda r: 20000 * r),
    ),
    "hf": (
        DATA / "hf_trainer/healthy/stdout.log",
        "  0%|",
        _shift(r"('epoch': ')([\d.]+)", lambda r: 1.0 * r),
    ),
    "jsonl": (
        DATA / "jsonl/healthy/metrics.jsonl",
        "{",
        _shift(r'^(\{"iter": )(\d+)', lambda r: 1000 * r),
    ),
}
# what the plain regex baseline looks for: the training loss of each format
LOSS_REGEX = {
    "nanogpt": r"iter \d+: loss ([^,\s]+)",
    "llmc": r"trl:(\S+)",
    "hf": r"'loss': '([^']+)'",
    "jsonl": r'"loss": ([^,}]+)',
}


def _body(text: str, start: str) -> tuple[str, list[str]]:
    at = text.index(start)
    head, lines = text[:at], text[at:].splitlines(keepends=True)
    # the last lines of a run (summary, end of training) are not repeated
    metric = [i for i, line in enumerate(lines) if "loss" in line]
    return head, lines[: metric[-2] + 1] if len(metric) > 2 else lines


def build_log(fmt: str, path: Path, mb: float) -> None:
    sample, start, rewrite = SAMPLES[fmt]
    head, body = _body(sample.read_text(encoding="utf-8"), start)
    target = int(mb * 1e6)
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        size, repeat = len(head), 0
        while size < target:
            for line in body:
                line = rewrite(line, repeat)
                out.write(line)
                size += len(line)
            if fmt == "nanogpt" and repeat % 50 == 49:
                out.write(f"saving checkpoint to out-{repeat}\n")
            repeat += 1


REGEX_BASELINE = """
import re, sys
total = 0.0
with open(sys.argv[1], "rb") as handle:
    data = handle.read()
for m in re.finditer(sys.argv[2].encode(), data):
    total += float(m.group(1))
"""

BASE_PATH = """
import sys
from capdiag.parsers import fast
fast.FAST_MIN_BYTES = 1 << 62
from capdiag.cli import main
main()
"""

POINTS = """
import sys
from pathlib import Path
from capdiag.load import load_run
run = load_run(Path(sys.argv[1]))
print(sum(len(s) for s in run.series.values()), len(run.series["train_loss"]))
"""


def timed(cmd: list[str], repeat: int = 1) -> tuple[float, float, float]:
    """Best wall time (s) of a whole process, its CPU time (user + system, s) and its peak
    RSS (MB), the last two from /usr/bin/time. On a busy machine CPU time moves less."""
    best: tuple[float, float, float] | None = None
    for _ in range(repeat):
        with tempfile.NamedTemporaryFile("r") as stats:
            start = time.perf_counter()
            subprocess.run(
                ["/usr/bin/time", "-o", stats.name, "-f", "%U %S %M", *cmd],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
            seconds = time.perf_counter() - start
            user, system, kb = stats.read().split()[-3:]
        result = (seconds, float(user) + float(system), int(kb) / 1024)
        if best is None or result[0] < best[0]:
            best = result
    assert best is not None
    return best


def logs(args: argparse.Namespace, folder: Path) -> Iterator[tuple[str, Path]]:
    for fmt in args.formats.split(","):
        path = folder / f"{fmt}_{args.mb:g}mb.log"
        if not path.exists():
            build_log(fmt, path, args.mb)
        yield fmt, path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100)
    parser.add_argument("--formats", default="nanogpt,llmc,hf,jsonl")
    parser.add_argument("--keep", type=Path, help="build the logs here and reuse them")
    parser.add_argument("--repeat", type=int, default=1, help="best of N for each timing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(
            f"{'format':8} {'MB':>6} {'case':8} {'wall s':>7} {'MB/s':>7} {'cpu s':>7} "
            f"{'MB/cpu s':>8} {'RSS MB':>7}  capdiag's time / this (wall, cpu)"
        )
        for fmt, path in logs(args, folder):
            mb = path.stat().st_size / 1e6
            wc = timed(["wc", "-l", str(path)], args.repeat)
            grep = timed(["grep", "-c", "loss", str(path)], args.repeat)
            regex = timed(
                [sys.executable, "-c", REGEX_BASELINE, str(path), LOSS_REGEX[fmt]], args.repeat
            )
            cap = timed(
                [sys.executable, "-m", "capdiag", "analyze", str(path), "--format", "json"],
                args.repeat,
            )
            cases = [("wc -l", wc), ("grep -c", grep), ("regex", regex)]
            if importlib.util.find_spec("polars") is not None:
                base = timed(
                    [sys.executable, "-c", BASE_PATH, "analyze", str(path), "--format", "json"],
                    args.repeat,
                )
                cases.append(("base", base))
            cases.append(("capdiag", cap))
            counted = subprocess.run(
                [sys.executable, "-c", POINTS, str(path)], capture_output=True, text=True
            ).stdout.split()
            points, train = (int(counted[0]), int(counted[1])) if counted else (0, 0)
            for case, (sec, cpu, rss) in cases:
                ratio = (
                    f"{cap[0] / sec:.1f}x, {cap[1] / max(cpu, 0.01):.1f}x"
                    if case != "capdiag"
                    else ""
                )
                print(
                    f"{fmt:8} {mb:6.1f} {case:8} {sec:7.2f} {mb / sec:7.1f} {cpu:7.2f} "
                    f"{mb / max(cpu, 0.01):8.1f} {rss:7.0f}  {ratio}"
                )
            bound = 150 + 16 * points / 2**20
            print(
                f"{fmt:8} capdiag: {cap[0] / regex[0]:.1f}x the regex loop's wall time "
                f"({cap[1] / regex[1]:.1f}x its CPU time); {points:,} metric points "
                f"({train:,} train loss); RSS {cap[2]:.0f} MB vs target {bound:.0f} MB "
                f"(150 MB + 16 B/point){'' if cap[2] <= bound else ' MISSED'}; "
                f"{mb / cap[0]:.1f} MB/s wall, {mb / cap[1]:.1f} MB/cpu s vs target 60"
            )
        print(json.dumps({"python": sys.version.split()[0]}))


if __name__ == "__main__":
    main()
