"""The extreme-values sweep: every number in a labelled real run replaced by one extreme
value (near float max, subnormal, 400 digits, ...), run through the fuzzer's check.

    python fuzz/extremes.py              # every run in bench/corpus (about 5 minutes)
    python fuzz/extremes.py --per-format # the smallest run of each format (what CI runs)

The mutation fuzzer (run.py) finds unguarded arithmetic on parsed values one case at a time;
this tries every parser, figure and rule on every run with all its numbers at once. Exit 1
when any case crashed; each root cause is printed once with a case that shows it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fuzz"))
from target import Rejected, check  # noqa: E402

CORPUS = ROOT / "bench" / "corpus"
TEXT_SUFFIXES = {".log", ".txt", ".jsonl", ".json", ".csv", ".yaml", ".out"}
NUMBER = re.compile(rb"(?<![\w.])\d+\.\d+(?:[eE][-+]?\d+)?|(?<![\w.])\d+(?![\w.])")
EXTREMES = {
    "near_float_max": b"1.7e308",
    "negative_near_float_max": b"-1.7e308",
    "subnormal": b"1e-320",
    "400_digits": b"9" * 400,
}
MAX_SAMPLE_BYTES = 400_000


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def labelled_runs() -> list[tuple[str, str, Path]]:
    """(id, format, log path) of every corpus run of at most MAX_SAMPLE_BYTES."""
    runs = []
    for label in sorted(CORPUS.glob("*/label.yaml")):
        meta = yaml.safe_load(label.read_text(encoding="utf-8"))
        log = label.parent / meta["log"]
        if _size(log) <= MAX_SAMPLE_BYTES:
            runs.append((label.parent.name, str(meta["format"]), log))
    return runs


def one_run_per_format() -> dict[str, Path]:
    """The smallest labelled run of each format."""
    chosen: dict[str, tuple[int, Path]] = {}
    for _, fmt, log in labelled_runs():
        size = _size(log)
        if fmt not in chosen or size < chosen[fmt][0]:
            chosen[fmt] = (size, log)
    return {fmt: log for fmt, (_, log) in sorted(chosen.items())}


def with_extremes(src: Path, dst: Path, value: bytes) -> Path:
    """A copy of the run at `dst` with every number in its text files replaced by `value`."""
    if src.is_file():
        shutil.copy(src, dst)
        files = [dst]
    else:
        shutil.copytree(src, dst)
        files = [f for f in dst.rglob("*") if f.is_file()]
    for f in files:
        data = f.read_bytes()
        # MLflow's params/ and metrics/ files have no suffix; a binary one holds NUL bytes
        if f.suffix in TEXT_SUFFIXES or (not f.suffix and b"\x00" not in data[:4096]):
            f.write_bytes(NUMBER.sub(lambda _: value, data))
    return dst


def sweep(runs: list[Path]) -> int:
    found: dict[str, str] = {}
    cases = 0
    for src in runs:
        for name, value in EXTREMES.items():
            with tempfile.TemporaryDirectory() as tmp:
                path = with_extremes(src, Path(tmp) / src.name, value)
                cases += 1
                try:
                    check(path, {})
                except Rejected:
                    pass
                except Exception as exc:  # a crash: keep the first case of each root cause
                    frames = [
                        f
                        for f in traceback.extract_tb(exc.__traceback__)
                        if "capdiag" in f.filename
                    ]
                    where = (
                        f"{frames[-1].filename.split('src/')[-1]}:{frames[-1].lineno}"
                        if frames
                        else "?"
                    )
                    found.setdefault(
                        f"{type(exc).__name__} at {where}", f"{src} with {name}: {exc}"[:300]
                    )
    print(f"{cases} cases, {len(found)} root causes")
    for cause, case in found.items():
        print(f"  {cause}\n    {case}")
    return 1 if found else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-format", action="store_true", help="the smallest run of each format")
    args = parser.parse_args()
    runs = (
        list(one_run_per_format().values())
        if args.per_format
        else [log for *_, log in labelled_runs()]
    )
    return sweep(runs)


if __name__ == "__main__":
    raise SystemExit(main())
