"""DVCLive's metric histories, read directly (no dvclive import).

``Live.log_metric(name, value)`` appends a row to ``<dir>/plots/metrics/<name>.tsv``: a header
of ``step`` and the metric's last name (``timestamp`` first when the caller asked for one),
then one ``step<TAB>value`` row per call. A name with ``/`` is a subfolder
(``train/loss.tsv``, ``eval/loss.tsv``). Hugging Face's ``DVCLiveCallback`` logs the
Trainer's keys as they are (``loss.tsv``, ``eval_loss.tsv``, ``learning_rate.tsv``).

The path may be one of the TSV files (its folder is read), the ``metrics`` folder, the
``plots`` folder or the DVCLive folder above it. Every TSV of the folder is one metric,
keyed by its path without ``.tsv`` (``train/loss``), and mapped to capdiag's series as in the
generic JSONL format (``--map`` for the rest). ``params.yaml`` in the DVCLive folder
(``Live.log_param``) is read as the run's config.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from capdiag.config import read_config_file, read_sidecar, safe_yaml
from capdiag.parsers import LoadContext
from capdiag.parsers.fields import bounded_lines, to_count, to_float
from capdiag.parsers.jsonl import (
    dims_from_config,
    generic_config,
    series_from_records,
    starts_at_zero,
)
from capdiag.run import Run

NAME = "dvclive"

MAX_FILES = 500  # metric files read from one folder
MAX_ROWS = 5_000_000  # rows read from all the files


def _header(path: Path) -> list[str] | None:
    """The columns of a DVCLive metric file: ``[timestamp,] step, <name>``."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(4096)
    except OSError:
        return None
    columns = first.decode("utf-8", errors="replace").rstrip("\r\n").split("\t")
    if columns[:1] == ["timestamp"]:
        columns = columns[1:]
    if len(columns) != 2 or columns[0] != "step" or not columns[1].strip():
        return None
    return columns


def _metrics_folder(path: Path) -> Path | None:
    """The folder of metric files `path` names or lies in."""
    if path.is_file():
        return path.parent if path.suffix == ".tsv" and _header(path) else None
    if any(_header(f) for f in itertools.islice(path.glob("*.tsv"), 20)):
        return path
    for folder in (path / "metrics", path / "plots" / "metrics"):
        # DVCLive's own folders: their metrics may all be in subfolders (train/, eval/)
        if folder.is_dir() and any(_header(f) for f in itertools.islice(folder.rglob("*.tsv"), 20)):
            return folder
    return None


def sniff(path: Path, head: bytes) -> int:
    if head and not (head.startswith(b"step\t") or head.startswith(b"timestamp\tstep\t")):
        return 0
    try:
        return 96 if _metrics_folder(path) is not None else 0
    except OSError:
        return 0


def _root(folder: Path) -> Path:
    """The folder of metric files: its subfolders (``train/``) are part of the names. A
    file's own folder may be a subfolder: climb to ``metrics`` when it is there."""
    for parent in (folder, *folder.parents):
        if parent.name == "metrics" and parent.parent.name == "plots":
            return parent
    return folder


def _read_metric(path: Path, key: str, rows: dict[int, dict[str, Any]], budget: int) -> int:
    """Read one metric file into `rows`, at most `budget` rows; the rows it read."""
    read = 0
    with path.open("rb") as handle:
        lines = bounded_lines(handle)
        header = next(lines, b"").decode("utf-8", errors="replace").rstrip("\r\n").split("\t")
        if "step" not in header:
            return 0  # rewritten since it was recognised
        step_at = header.index("step")
        for line in itertools.islice(lines, budget):
            read += 1
            cells = line.rstrip(b"\r\n").split(b"\t")
            if len(cells) <= step_at + 1:
                continue
            step = to_count(cells[step_at])
            if step is not None:
                # a step logged twice keeps the later value
                rows.setdefault(step, {})[key] = to_float(cells[step_at + 1])
    return read


def load(path: Path, ctx: LoadContext) -> Run:
    found = _metrics_folder(path)
    if found is None:
        raise OSError(f"no DVCLive metric files at {path}")
    root = _root(found)
    rows: dict[int, dict[str, Any]] = {}
    notes: list[str] = []
    listed = sorted(itertools.islice(root.rglob("*.tsv"), 4 * MAX_FILES))
    files = [f for f in listed if _header(f)][:MAX_FILES]
    budget = MAX_ROWS
    for file in files:
        key = file.relative_to(root).with_suffix("").as_posix()
        budget -= _read_metric(file, key, rows, budget)
        if budget <= 0:
            notes.append(f"stopped after {MAX_ROWS:,} rows")
            break
    records = sorted(rows.items())
    series, map_notes = series_from_records(records, ctx.metric_map, "DVCLive metric")
    notes.extend(map_notes)
    layers: list[tuple[str, dict[str, Any]]] = []
    live = root.parent.parent if root.name == "metrics" else None
    params = live / "params.yaml" if live is not None else None
    if params is not None and params.is_file():
        text = read_sidecar(params)
        data = safe_yaml(text) if text is not None else None
        if isinstance(data, dict):
            layers.append(("dvclive-params", data))
    cfg_text = None
    if ctx.config_path is not None:
        parsed, cfg_text = read_config_file(ctx.config_path)
        layers.append(("config", parsed.values))
        notes.extend(parsed.notes)
        ctx.config_read = True
    config = generic_config(
        layers, ctx.sets, str(ctx.config_path) if ctx.config_path else None, cfg_text
    )
    run = Run(source=str(root), format=NAME, framework="DVCLive", config=config)
    run.series = series
    run.notes = [f"read {len(files)} DVCLive metric files in {root}", *notes]
    run.steps_start_at_zero = starts_at_zero(series)
    run.dims = dims_from_config(config)
    return run
