"""Which native engine does the byte-level work of the `[fast]` extra, and how fast it parses.

    python bench/bench_engines.py [--mb 100] [--formats nanogpt,llmc] [--keep DIR]

Part 1, on the nanoGPT log bench/run.py builds: the same work, every `iter` line's step,
loss, time and mfu as arrays with their line numbers, done by
  python    one compiled bytes regex per line and float() (the base path's inner loop)
  polars    lines split in Rust, `str.extract_groups`, casts (what capdiag uses)
  pyarrow   lines from numpy newline offsets (zero copy), `pc.extract_regex`, casts
  duckdb    `read_csv` of whole lines, `regexp_extract` into a struct, casts
An engine that is not installed is named and skipped.

Part 2, per format: the parser alone (`module.load`, events and config included) on the base
path and with the extra, as MB/s and as a ratio to the base path timed in the same run.
Wall and CPU seconds are both printed: polars runs threads, so on an idle machine its wall
time is the one that counts; on a busy one CPU time moves less.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import build_log

NAMED = (
    r"^iter (?P<step>[0-9]{1,15}): loss (?P<loss>[^, \t\n\r\f\v]+)(?: BPC| bpc)?, "
    r"time (?P<time>[0-9.]+)ms(?:, mfu (?P<mfu>-?[0-9.]+)%)?"
)
ITER = re.sub(r"\?P<\w+>", "", NAMED)  # the same, with plain groups


def with_python(path: Path) -> int:
    match = re.compile(ITER.encode()).match
    steps, losses = [], []
    with path.open("rb") as handle:
        for line in handle:
            if m := match(line):
                steps.append(int(m.group(1)))
                losses.append(float(m.group(2)))
    return len(np.array(losses))


def with_polars(path: Path) -> int:
    import polars as pl

    text = path.read_bytes().decode("utf-8", errors="replace")
    lines = pl.Series([text]).str.split("\n").explode()
    index = np.flatnonzero(lines.str.starts_with("iter ").to_numpy())
    groups = lines.gather(index).str.extract_groups(NAMED).struct.unnest()
    groups = groups.filter(groups["step"].is_not_null())
    steps = groups["step"].cast(pl.Int64).to_numpy()
    values = [groups[k].cast(pl.Float64, strict=False).to_numpy() for k in ("loss", "time")]
    return len(steps) + 0 * len(values)


def with_pyarrow(path: Path) -> int:
    import pyarrow as pa
    import pyarrow.compute as pc

    data = path.read_bytes()
    ends = np.flatnonzero(np.frombuffer(data, np.uint8) == 10) + 1
    offsets = np.concatenate([[0], ends]).astype(np.int64)
    lines = pa.Array.from_buffers(
        pa.large_binary(), ends.size, [None, pa.py_buffer(offsets), pa.py_buffer(data)]
    )
    groups = pc.extract_regex(lines, NAMED)
    steps = pc.cast(pc.struct_field(groups, "step"), pa.int64())
    loss = pc.cast(pc.struct_field(groups, "loss"), pa.float64(), safe=False)
    return len(pc.drop_null(steps)) + 0 * len(loss)


def with_duckdb(path: Path) -> int:
    import duckdb

    rows = duckdb.sql(
        "select try_cast(m.a as bigint) as step, try_cast(m.b as double) as loss from ("
        f"select regexp_extract(line, '{ITER}', ['a', 'b', 'c', 'd']) as m from "
        f"read_csv('{path}', columns={{'line': 'VARCHAR'}}, delim='\\x1f', header=false, "
        "quote='', escape='')) where m.a != ''"
    ).fetchnumpy()
    return len(rows["step"])


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    best = (float("inf"), float("inf"), None)
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        out = fn()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu, out))
    return best


def installed(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100)
    parser.add_argument("--formats", default="nanogpt,llmc")
    parser.add_argument("--keep", type=Path, help="build the logs here and reuse them")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        paths = {}
        for fmt in args.formats.split(","):
            paths[fmt] = folder / f"{fmt}_{args.mb:g}mb.log"
            if not paths[fmt].exists():
                build_log(fmt, paths[fmt], args.mb)

        log = paths.get("nanogpt") or folder / f"nanogpt_{args.mb:g}mb.log"
        if not log.exists():
            build_log("nanogpt", log, args.mb)
        mb = log.stat().st_size / 1e6
        print(f"1. iter lines of a {mb:.0f} MB nanoGPT log as arrays (time / python's)")
        print(f"{'engine':8} {'wall s':>7} {'MB/s':>7} {'cpu s':>7} {'MB/cpu s':>8} {'ratio':>6}")
        engines = [
            ("python", "re", with_python),
            ("polars", "polars", with_polars),
            ("pyarrow", "pyarrow", with_pyarrow),
            ("duckdb", "duckdb", with_duckdb),
        ]
        base_wall = 0.0
        counts = set()
        for name, module, fn in engines:
            if not installed(module):
                print(f"{name:8} not installed")
                continue
            wall, cpu, count = timed(lambda fn=fn: fn(log), args.repeat)
            counts.add(count)
            base_wall = base_wall or wall
            print(
                f"{name:8} {wall:7.2f} {mb / wall:7.1f} {cpu:7.2f} {mb / cpu:8.1f} "
                f"{wall / base_wall:5.2f}x"
            )
        assert len(counts) == 1, f"engines disagree on the number of iter lines: {counts}"

        from capdiag.load import detect_format
        from capdiag.parsers import LoadContext, fast

        print("\n2. the parser alone (module.load), base path and [fast] extra")
        print(
            f"{'format':8} {'MB':>6} {'path':5} {'wall s':>7} {'MB/s':>7} {'cpu s':>7} "
            f"{'MB/cpu s':>8} {'vs base (wall, cpu)':>20}"
        )
        for fmt, path in paths.items():
            module = detect_format(path)
            mb = path.stat().st_size / 1e6
            fast.FAST_MIN_BYTES = 1 << 62
            base = timed(lambda m=module, p=path: m.load(p, LoadContext()), 1)
            fast.FAST_MIN_BYTES = 0
            rows = [("base", base)]
            if fast.available():
                rows.append(
                    ("fast", timed(lambda m=module, p=path: m.load(p, LoadContext()), args.repeat))
                )
            for label, (wall, cpu, _) in rows:
                print(
                    f"{fmt:8} {mb:6.1f} {label:5} {wall:7.2f} {mb / wall:7.1f} {cpu:7.2f} "
                    f"{mb / cpu:8.1f} {base[0] / wall:9.1f}x, {base[1] / cpu:.1f}x"
                )


if __name__ == "__main__":
    main()
