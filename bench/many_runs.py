"""Many small runs: one process for all of them against a process per run.

    python bench/many_runs.py [--runs 200] [--sample 40]

Copies small real logs from tests/data (nanoGPT, llm.c, HF stdout, JSONL) into a temporary
folder until it holds `--runs` of them, then times, in the same run:
  in-process    analyze_path on each log, one after the other, in this (warm) process
  one process   `capdiag analyze FOLDER --format json`: finds the runs, analyses them in
                one process (a pool over the cores), one summary
  per process   `capdiag analyze LOG --format json` once per log (on `--sample` of them)
and prints the cost per run of each and its ratio to the in-process figure.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests/data"
SAMPLES = [
    DATA / "nanogpt/cpu_healthy.log",
    DATA / "nanogpt/cpu_overfit.log",
    DATA / "nanogpt/cpu_divergent.log",
    DATA / "llmc/cpu_train_gpt2_py_stdout.log",
    DATA / "llmc/mnanogpt_t2_llmc_gpt2_350M_val.log",
    DATA / "hf_trainer/healthy/stdout.log",
    DATA / "hf_trainer/diverge/stdout.log",
    DATA / "jsonl/divergent_stdout.log",
]
SCRIPT = Path(sys.executable).parent / "capdiag"
CAPDIAG = [str(SCRIPT)] if SCRIPT.is_file() else [sys.executable, "-m", "capdiag"]


def build(folder: Path, runs: int) -> list[Path]:
    paths = []
    for i in range(runs):
        sample = SAMPLES[i % len(SAMPLES)]
        target = folder / f"run{i:03d}_{sample.parent.name}_{sample.name}"
        shutil.copyfile(sample, target)
        paths.append(target)
    return paths


def quiet(cmd: list[str]) -> None:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--sample", type=int, default=40, help="logs run one process each")
    args = parser.parse_args()
    from capdiag.analysis import NothingRead
    from capdiag.load import InputError
    from capdiag.many import analyze_path

    with tempfile.TemporaryDirectory() as tmp:
        paths = build(Path(tmp), args.runs)
        with contextlib.suppress(InputError, NothingRead):
            analyze_path(paths[0])  # warm: imports and caches, as a long process has them
        start = time.perf_counter()
        for path in paths:
            with contextlib.suppress(InputError, NothingRead):
                analyze_path(path)
        in_process = (time.perf_counter() - start) / len(paths)

        start = time.perf_counter()
        quiet([*CAPDIAG, "analyze", tmp, "--format", "json", "--fail-on", "never"])
        one_process = (time.perf_counter() - start) / len(paths)

        sample = paths[:: max(1, len(paths) // args.sample)][: args.sample]
        start = time.perf_counter()
        for path in sample:
            quiet([*CAPDIAG, "analyze", str(path), "--format", "json", "--fail-on", "never"])
        per_process = (time.perf_counter() - start) / len(sample)

    print(f"runs: {len(paths)} small logs ({len(SAMPLES)} real samples, copied)")
    for name, cost in (
        ("in-process, one after another", in_process),
        ("one process (capdiag analyze FOLDER)", one_process),
        (f"a process per log ({len(sample)} of them)", per_process),
    ):
        print(f"{name:40} {cost * 1000:7.1f} ms a run   {cost / in_process:5.2f}x")


if __name__ == "__main__":
    main()
