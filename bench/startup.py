"""Start-up cost of the command line, as ratios to importing its dependencies.

    python bench/startup.py [--runs 9]

Times whole processes (the median of `--runs`), in the same run:
  import typer         python -c "import typer"
  import the five      python -c "import typer, rich, pydantic, numpy, yaml"
  --version            capdiag --version
  analyze example      capdiag analyze on the bundled seed example (the README's first command)
  analyze, no work     the five imported, then the same command line parsed by typer into an
                       `analyze` that does nothing: the floor typer sets (its options are
                       pydantic TypeAdapters, built at each start)
and prints each time and the ratios the targets are set on: --version at most 1.3x importing
typer, analyze at most 1.5x importing the five dependencies.

    python bench/startup.py --instructions

counts the instructions each case executes instead (one run each under valgrind's
callgrind, about a minute in all): the same ratios, the same from run to run to within 1%,
where wall time on a shared machine moves by a fifth. It also counts the example analysed
twice in one process: the second analysis is the work itself, and the rest of the first is
what imports and first calls cost.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "capdiag"  # the installed command, as users run it
CAPDIAG = [str(SCRIPT)] if SCRIPT.is_file() else [sys.executable, "-m", "capdiag"]
EXAMPLE = [
    "analyze",
    str(ROOT / "examples/logs/seed_gpt2_fineweb_rtx4070.log"),
    "--config",
    str(ROOT / "examples/configs/seed_gpt2_fineweb_rtx4070.py"),
    "--gpu",
    "RTX 4070",
    "--fail-on",
    "never",
]
# the five imported, then `capdiag analyze` with the command's function replaced by one
# that does nothing (its signature kept, so typer builds the same options)
NO_WORK = """
import functools, sys
import typer, rich, pydantic, numpy, yaml
from capdiag import cli
(command,) = [c for c in cli.app.registered_commands if c.callback.__name__ == "analyze"]
command.callback = functools.wraps(command.callback)(lambda *args, **kwargs: None)
sys.argv[0] = "capdiag"
cli.main()
"""
CASES = {
    "import typer": [sys.executable, "-c", "import typer"],
    "import the five": [sys.executable, "-c", "import typer, rich, pydantic, numpy, yaml"],
    "--version": [*CAPDIAG, "--version"],
    "analyze example": [*CAPDIAG, *EXAMPLE],
    "analyze, no work": [sys.executable, "-c", NO_WORK, *EXAMPLE],
}


# as an installed package runs: from .pyc files (PYTHONDONTWRITEBYTECODE would recompile
# capdiag's modules on every start)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_time(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=ENV
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# the example analysed twice in one process (the command line's parsing included each time)
TWICE = """
import contextlib, io, sys
from capdiag import cli
args = sys.argv[1:]
for _ in range(2):
    sys.argv = ["capdiag", *args]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        cli.main()
"""


def instructions(cmd: list[str]) -> int:
    """Instructions a whole process executes, counted by callgrind."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
        env=ENV,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count from valgrind for {cmd}")
    return int(found.group(1))


def count_instructions() -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (apt install valgrind)")
    cases = {**CASES, "analyze twice": [sys.executable, "-c", TWICE, *EXAMPLE]}
    for cmd in cases.values():  # .pyc files written before counting
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    counts = {name: instructions(cmd) for name, cmd in cases.items()}
    for name, count in counts.items():
        print(f"{name:16} {count / 1e6:7.0f} M instructions")
    five = counts["import the five"]
    work = counts["analyze twice"] - counts["analyze example"]
    first = counts["analyze example"] - counts["analyze, no work"] - work
    print(f"--version / import typer          {counts['--version'] / counts['import typer']:.2f}x")
    print(f"analyze example / import the five {counts['analyze example'] / five:.2f}x, of which")
    print(f"  the floor typer sets            {counts['analyze, no work'] / five:.2f}x")
    print(f"  imports and first calls         {first / five:.2f}x")
    print(f"  the work (a second analysis)    {work / five:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--instructions", action="store_true", help="count, not time")
    args = parser.parse_args()
    if args.instructions:
        count_instructions()
        return
    for cmd in CASES.values():  # warm the file cache and .pyc files
        subprocess.run(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=ENV
        )
    times = {name: median_time(cmd, args.runs) for name, cmd in CASES.items()}
    for name, seconds in times.items():
        print(f"{name:16} {seconds * 1000:7.0f} ms")
    version = times["--version"] / times["import typer"]
    example = times["analyze example"] / times["import the five"]
    print(f"--version / import typer          {version:.2f}x (target 1.3x)")
    print(f"analyze example / import the five {example:.2f}x (target 1.5x)")
    floor = times["analyze, no work"] / times["import the five"]
    print(f"analyze, no work / import the five {floor:.2f}x (the floor typer sets)")


if __name__ == "__main__":
    main()
