"""Many runs at once: find every run under the paths given, analyse them (in parallel), and
sum them up.

A path is a run when a parser reads it as one: a log file, or a run folder (TensorBoard,
Lightning ``version_N``, a W&B run, an HF output folder, with its resumes). Any other folder
is searched for such runs; files that no parser reads (``requirements.txt``) are left out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from capdiag.report import Report

if TYPE_CHECKING:
    from concurrent.futures import Executor

LOG_SUFFIXES = (".log", ".txt", ".out", ".err", ".jsonl")
MAX_ENTRIES = 100_000  # files and folders looked at under one path
MAX_DEPTH = 8
MAX_RUNS = 1_000  # runs found under one path
# never runs: caches, environments, hidden folders, and the system trees under /
SKIP_DIRS = {"__pycache__", "node_modules", "site-packages"}
SYSTEM_DIRS = {"proc", "sys", "dev"}


class RunResult(BaseModel):
    """One run's outcome: its report, or why it could not be read."""

    path: str
    report: Report | None = None
    error: str | None = None


DIRECT = 80  # a sniff score this high: the folder itself is a run, not a folder of runs


def _claimed(path: Path, at_least: int = 1) -> bool:
    """A parser reads `path` as one run (a log, or a run folder) with this much certainty."""
    from capdiag.load import InputError, _head
    from capdiag.parsers import FORMAT_MODULES, format_module, may_sniff

    try:
        if not path.is_dir() and not path.is_file():
            return False  # a FIFO or a device: opening it could block forever
        head = _head(path)
        for name in FORMAT_MODULES:
            module = format_module(name) if may_sniff(name, head) else None
            if module is not None and module.sniff(path, head) >= at_least:
                return True
        return False
    except (InputError, OSError, ValueError):  # an unreadable candidate is not a run
        return False


def find_runs(path: Path) -> list[Path]:
    """The runs under `path`, in path order: a file, or a folder that is a run by its own
    files, is itself; any other folder is searched (bounded in depth and entries) for the
    folders and log files a parser reads, and the files inside a run's folder belong to
    that run. Sibling run folders of which only one starts at the beginning are one run's
    resumes: the folder stays one run, for its parser (TensorBoard reads the newest launch
    and names the others); siblings that each start at the beginning are separate runs."""
    if not path.is_dir() or _claimed(path, DIRECT):
        return _split_stores([path])
    found = _search(path)
    parents = {run.parent for run in found}
    if len(found) > 1 and len(parents) == 1 and _claimed(path) and _resumes(found):
        return [path]
    return _split_stores(found)


def _split_stores(runs: list[Path]) -> list[Path]:
    """An MLflow file store with several runs is several runs: one item per run folder."""
    if not any(run.is_dir() for run in runs):
        return runs
    from capdiag.parsers.mlflow import run_folders

    out: list[Path] = []
    for run in runs:
        out.extend((run_folders(run) if run.is_dir() else []) or [run])
    return out


def _resumes(siblings: list[Path], limit: int = 64) -> bool:
    """Sibling run folders that are one run's launches: only one of them starts at the
    beginning (the others start where a checkpoint left off). Separate runs each start at
    their first step."""
    from capdiag.load import InputError, detect_format
    from capdiag.parsers import LoadContext

    if len(siblings) > limit:
        return False
    starts = []
    for folder in siblings:
        try:  # the parser alone: the first step needs no figures or rules
            loss = detect_format(folder).load(folder, LoadContext()).metric("train_loss")
        except (InputError, OSError, ValueError):
            return False
        if loss is None or not len(loss):
            return False
        starts.append(int(loss.steps[0]))
    first = min(starts)
    return sum(start <= first + 1 for start in starts) == 1


def _search(path: Path) -> list[Path]:
    found: list[Path] = []
    seen = 0
    for folder, dirs, files in os.walk(path):
        here = Path(folder)
        seen += len(dirs) + len(files)
        if seen > MAX_ENTRIES or len(found) >= MAX_RUNS:
            break
        if len(here.relative_to(path).parts) >= MAX_DEPTH:
            dirs[:] = []
            continue
        if here != path and _claimed(here, DIRECT):
            found.append(here)
            dirs[:] = []  # its files belong to it
            continue
        skip = SKIP_DIRS | SYSTEM_DIRS if here.parent == here else SKIP_DIRS
        dirs[:] = sorted(d for d in dirs if d not in skip and not d.startswith("."))
        runs = [here / d for d in dirs if _claimed(here / d, DIRECT)]
        if here != path and len(runs) > 1 and len(runs) == len(dirs) and _resumes(runs):
            found.append(here)  # one run's launches: the folder is the run
            dirs[:] = []
            continue
        found.extend(
            here / f for f in sorted(files) if f.endswith(LOG_SUFFIXES) and _claimed(here / f)
        )
    return found


def expand(paths: Iterable[Path]) -> list[Path]:
    """Every run under every path, each once."""
    out: list[Path] = []
    for path in paths:
        for run in find_runs(path):
            if run not in out:
                out.append(run)
    return out


def analyze_path(path: Path, **options: Any) -> Report:
    """One run's report: what ``capdiag analyze PATH`` prints as JSON.

    `options` are `load_run`'s (config_path, gpu, num_gpus, peak_tflops, ...) plus ``rules``
    (the rules to run: classes, ids or codes; None for all) and ``rule_options``
    (``{rule: {keyword: value}}``).
    """
    from capdiag.analysis import analyze
    from capdiag.load import load_run
    from capdiag.rules import find_rule

    selected = options.pop("rules", None)
    rule_options = options.pop("rule_options", None)
    rules = None
    if selected is not None:
        found = [find_rule(r) if isinstance(r, str) else r for r in selected]
        if None in found:
            raise ValueError(f"unknown rule among {selected!r} (see `capdiag rules`)")
        rules = [r for r in found if r is not None]
    return analyze(load_run(path, **options), rules, rule_options)


def _analyze_one(path: Path, options: dict[str, Any]) -> RunResult:
    from capdiag.analysis import NothingRead
    from capdiag.load import InputError

    try:
        return RunResult(path=str(path), report=analyze_path(path, **dict(options)))
    except (InputError, NothingRead) as exc:
        return RunResult(path=str(path), error=str(exc))


def analyze_many(
    paths: Iterable[Path], executor: Executor | None = None, **options: Any
) -> Iterator[RunResult]:
    """Every run under `paths`, analysed on `executor` (any concurrent.futures executor: a
    process pool by default, a dask ``Client.get_executor()`` for a cluster), in order."""
    return analyze_runs(expand(paths), executor, **options)


def analyze_runs(
    runs: list[Path], executor: Executor | None = None, **options: Any
) -> Iterator[RunResult]:
    """`analyze_many` for runs already found (`expand`)."""
    if len(runs) <= 1 and executor is None:
        yield from (_analyze_one(run, options) for run in runs)
        return
    from concurrent.futures import ProcessPoolExecutor  # one run (`analyze FILE`) needs no pool
    from concurrent.futures.process import BrokenProcessPool

    own = executor is None
    pool = executor or ProcessPoolExecutor(max_workers=min(len(runs), os.cpu_count() or 1))
    try:
        futures = [pool.submit(_analyze_one, run, options) for run in runs]
        for run, future in zip(runs, futures, strict=True):
            try:
                yield future.result()
            except BrokenProcessPool:  # the worker was killed (out of memory, a CPU limit)
                yield RunResult(path=str(run), error=f"{run}: the process analysing it died")
    finally:
        if own:
            pool.shutdown(cancel_futures=True)
