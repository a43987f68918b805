"""The CLI as a separate process under hard limits: address space, CPU time and wall time.

A hostile input that escapes a budget shows up here as a MemoryError (an internal error),
a CPU-limit kill or a timeout, and the test fails."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

MEMORY_BYTES = 2 << 30  # address space: Python, numpy and pydantic take ~0.6 GB of it
CPU_SECONDS = 60
WALL_SECONDS = 60


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    seconds: float


def _limits(memory: int, cpu: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))


def run_capdiag(
    *args: str | Path,
    cwd: Path | None = None,
    wall: float = WALL_SECONDS,
    memory: int = MEMORY_BYTES,
    cpu: int = CPU_SECONDS,
    stdin: bytes | None = None,
) -> Result:
    env = {k: v for k, v in os.environ.items() if k != "CAPDIAG_DEBUG"}
    env.update(COLUMNS="200", OPENBLAS_NUM_THREADS="1")
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "capdiag", *map(str, args)],
        input=stdin,
        capture_output=True,
        timeout=wall,
        cwd=cwd,
        env=env,
        preexec_fn=lambda: _limits(memory, cpu),
    )
    seconds = time.monotonic() - start
    out = proc.stdout.decode("utf-8", errors="replace")
    err = proc.stderr.decode("utf-8", errors="replace")
    return Result(proc.returncode, out, err, seconds)


def assert_clean(result: Result, *codes: int) -> None:
    """The exit code is one of `codes`, with no traceback and no internal error; an input
    error is one line on stderr."""
    assert result.returncode in codes, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "internal error" not in result.stderr, result.stderr[-2000:]
    assert result.returncode >= 0, f"killed by signal {-result.returncode}"
    if result.returncode == 2:
        assert result.stderr.count("\n") == 1, result.stderr[-2000:]


MARKER_CODE = "__import__('os').system('touch {marker}')"


def nanogpt_log(config_block: str, steps: int = 30) -> str:
    """A nanoGPT log that echoes `config_block` as its config, then trains a little."""
    lines = ["Overriding config with config/hostile.py:", config_block.rstrip("\n"), ""]
    lines.append("tokens per iteration will be: 8,192")
    lines.append("number of parameters: 10.65M")
    for i in range(steps):
        lines.append(f"iter {i}: loss {4.0 - i * 0.05:.4f}, time 100.00ms, mfu 10.00%")
        if i % 10 == 0:
            lines.append(
                f"step {i}: train loss {4.0 - i * 0.05:.4f}, val loss {4.1 - i * 0.05:.4f}"
            )
    return "\n".join(lines) + "\n"
