"""MLflow tracking stores, read directly (no mlflow import).

Two backends:

- the file store, ``mlruns/<experiment_id>/<run_id>/``: ``meta.yaml`` (run id, name, start
  time, lifecycle stage), ``metrics/<key>`` with one ``timestamp value step`` line per logged
  value (keys with ``/`` are subdirectories), ``params/<key>`` holding the value as text;
- the SQL store in a sqlite file (``mlflow.db``): tables ``runs``, ``metrics`` (key, value,
  timestamp, step, is_nan, run_uuid) and ``params``, opened read-only through ``sqlite3``.
  MLflow stores NaN as ``is_nan = 1`` and clamps infinities to the largest double; both are
  read back as NaN and +-inf, as the file store writes them.

The path may be a run directory, an experiment directory, the ``mlruns`` directory, the
sqlite file, a directory holding ``mlruns/`` or ``mlflow.db``, or one of a run's metric files
(``<run>/metrics/loss``: the run is read).

Run selection: ``--set run_id=ID`` (or a unique prefix of it) or ``--set run_name=NAME``
picks a run; otherwise the most recently started run is read and a note names it and says
how many others there are. Runs in the deleted lifecycle stage are ignored. ``run_id`` and
``run_name`` are not config keys: every other ``--set`` overrides the run's params.

Semantics: the step of a value is MLflow's ``step`` (0 when the caller gave none; when every
value of the run has step 0, values are numbered in logging order instead, with a note). A
key logged twice at one step keeps the later value. Params are text in MLflow; they are read
back as Python literals where they parse (``0.1``, ``True``), else kept as strings. Metric
keys map to capdiag's series as in the generic JSONL format (``--map`` for the rest).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, Field

if TYPE_CHECKING:
    import sqlite3

from capdiag.config import parse_override_value, read_config_file, read_sidecar, safe_yaml
from capdiag.parsers import LoadContext, ParseError
from capdiag.parsers.fields import to_count
from capdiag.parsers.jsonl import (
    dims_from_config,
    generic_config,
    last_tokens_seen,
    series_from_records,
    starts_at_zero,
)
from capdiag.run import Reported, Run

NAME = "mlflow"

_SQLITE_MAGIC = b"SQLite format 3\x00"
_TABLES = {"metrics", "params", "runs"}
_SELECT_KEYS = ("run_id", "run_name")
_SQL_INF = sys.float_info.max
# the file store writes mlflow.entities.RunStatus numbers
_STATUS = {"1": "RUNNING", "2": "SCHEDULED", "3": "FINISHED", "4": "FAILED", "5": "KILLED"}


class StoredRun(BaseModel):
    """One run as a store lists it."""

    run_id: str
    name: str = ""
    experiment_id: str = ""
    start_time: int = 0  # ms since the epoch
    status: str = ""
    location: str = ""  # run directory, or sqlite file


class RunData(BaseModel):
    metrics: list[tuple[str, float, int, int]] = Field(default_factory=list)  # key, value, ts, step
    params: dict[str, str] = Field(default_factory=dict)


# ---------------------------------------------------------------- the file store


def _yaml(path: Path) -> dict[str, Any]:
    try:
        text = read_sidecar(path)
        data = safe_yaml(text) if text is not None else None
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _is_run_dir(path: Path) -> bool:
    meta = path / "meta.yaml"
    if not meta.is_file() or not ((path / "metrics").is_dir() or (path / "params").is_dir()):
        return False
    data = _yaml(meta)
    return bool(data.get("run_id") or data.get("run_uuid"))


def _is_experiment_dir(path: Path) -> bool:
    return (path / "meta.yaml").is_file() and "experiment_id" in _yaml(path / "meta.yaml")


def _file_runs(path: Path) -> list[StoredRun]:
    """Runs of a file store at `path` (run, experiment or mlruns directory)."""
    if _is_run_dir(path):
        run_dirs = [path]
    elif _is_experiment_dir(path):
        run_dirs = [d for d in path.iterdir() if d.is_dir() and _is_run_dir(d)]
    else:
        run_dirs = [
            run
            for exp in path.iterdir()
            if exp.is_dir() and not exp.name.startswith(".") and _is_experiment_dir(exp)
            for run in exp.iterdir()
            if run.is_dir() and _is_run_dir(run)
        ]
    runs = []
    for run_dir in run_dirs:
        meta = _yaml(run_dir / "meta.yaml")
        if meta.get("lifecycle_stage") == "deleted":
            continue
        runs.append(
            StoredRun(
                run_id=str(meta.get("run_id") or meta.get("run_uuid")),
                name=str(meta.get("run_name") or ""),
                experiment_id=str(meta.get("experiment_id", "")),
                start_time=to_count(meta.get("start_time")) or 0,  # any YAML value
                status=_STATUS.get(str(meta.get("status", "")), str(meta.get("status", ""))),
                location=str(run_dir),
            )
        )
    return runs


MAX_PARAM_BYTES = 1 << 16


def _walk_files(base: Path) -> Iterator[tuple[str, Path]]:
    """(key, file) under a metrics/ or params/ directory; subdirectories are ``/`` in keys."""
    if not base.is_dir():
        return
    for item in sorted(base.rglob("*")):
        if item.is_file():
            yield item.relative_to(base).as_posix(), item


def _file_run_data(run: StoredRun) -> RunData:
    run_dir = Path(run.location)
    data = RunData()
    for key, file in _walk_files(run_dir / "metrics"):
        for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split()
            if len(parts) < 2:
                continue
            try:
                ts, value = int(parts[0]), float(parts[1])
                step = int(parts[2]) if len(parts) > 2 else 0
            except ValueError:
                continue
            data.metrics.append((key, value, ts, step))
    data.params = _params_folder(run_dir / "params")
    return data


def _params_folder(folder: Path) -> dict[str, str]:
    """A file store's params/ folder: one file a parameter, its value as text."""
    params = {}
    for key, file in _walk_files(folder):
        with file.open("rb") as handle:  # a parameter is a short value; read no more
            params[key] = handle.read(MAX_PARAM_BYTES).decode("utf-8", errors="replace")
    return params


# ---------------------------------------------------------------- the sqlite store


def _connect(path: Path) -> sqlite3.Connection:
    import sqlite3  # here: detection imports this module, and few logs are stores

    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    # a damaged database's text is shown with replacement characters, never an exception
    con.text_factory = _text
    return con


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


def _is_sqlite_store(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            if handle.read(16) != _SQLITE_MAGIC:
                return False
    except OSError:
        return False
    import sqlite3

    try:
        con = _connect(path)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except (OSError, UnicodeError, sqlite3.Error):  # a damaged schema: not a store
        return False
    return names >= _TABLES


def _sql_runs(path: Path) -> list[StoredRun]:
    con = _connect(path)
    try:
        rows = con.execute(
            "SELECT run_uuid, name, experiment_id, start_time, status FROM runs "
            "WHERE lifecycle_stage IS NULL OR lifecycle_stage != 'deleted'"
        ).fetchall()
    finally:
        con.close()
    return [
        StoredRun(
            run_id=str(r[0]),
            name=str(r[1] or ""),
            experiment_id=str(r[2]),
            start_time=to_count(r[3]) or 0,
            status=str(r[4] or ""),
            location=str(path),
        )
        for r in rows
    ]


def _sql_run_data(run: StoredRun) -> RunData:
    con = _connect(Path(run.location))
    data = RunData()
    try:
        for key, value, ts, step, is_nan in con.execute(
            "SELECT key, value, timestamp, step, is_nan FROM metrics WHERE run_uuid = ? "
            "ORDER BY timestamp, step",
            (run.run_id,),
        ):
            number = float("nan") if is_nan else float(value)
            if abs(number) >= _SQL_INF:  # the SQL store clamps +-inf to the largest double
                number = math.copysign(math.inf, number)
            data.metrics.append((str(key), number, int(ts or 0), int(step or 0)))
        for key, value in con.execute(
            "SELECT key, value FROM params WHERE run_uuid = ?", (run.run_id,)
        ):
            data.params[str(key)] = str(value)
    finally:
        con.close()
    return data


# ---------------------------------------------------------------- detection and loading


def _run_of_metric_file(path: Path) -> Path | None:
    """The run folder of a file store's metric file (``<run>/metrics/<key>``, keys with
    ``/`` nested deeper): pointing at one of a run's metrics means the run."""
    for parent in list(path.parents)[:8]:
        if parent.name == "metrics":
            return parent.parent if _is_run_dir(parent.parent) else None
    return None


def _store(path: Path) -> tuple[str, Path] | None:
    """("file" | "sqlite", location) for a path that is, or holds, an MLflow store."""
    if path.is_file():
        if _is_sqlite_store(path):
            return ("sqlite", path)
        run = _run_of_metric_file(path)
        return ("file", run) if run is not None else None
    if not path.is_dir():
        return None
    if _is_run_dir(path) or _is_experiment_dir(path):
        return ("file", path)
    if (path / "mlruns").is_dir() and _file_runs(path / "mlruns"):
        return ("file", path / "mlruns")
    if (path / "mlflow.db").is_file() and _is_sqlite_store(path / "mlflow.db"):
        return ("sqlite", path / "mlflow.db")
    if any(_is_experiment_dir(d) for d in path.iterdir() if d.is_dir()) and _file_runs(path):
        return ("file", path)
    return None


def run_folders(path: Path) -> list[Path]:
    """The live runs' folders of a file store at `path`, oldest first, when it holds more
    than one: each is a run of its own for many-run mode. [] otherwise (one run, a SQL
    store, or not a store)."""
    try:
        store = _store(path)
        if store is None or store[0] != "file":
            return []
        runs = _file_runs(store[1])
    except (OSError, ValueError):
        return []
    if len(runs) < 2:
        return []
    return [Path(r.location) for r in sorted(runs, key=lambda r: (r.start_time, r.location))]


def sniff(path: Path, head: bytes) -> int:
    if head and not head.startswith(_SQLITE_MAGIC) and "metrics" not in path.parts:
        return 0
    try:
        return 95 if _store(path) is not None else 0
    except OSError:
        return 0


def _select(runs: list[StoredRun], sets: dict[str, Any]) -> tuple[StoredRun, str | None]:
    if not runs:
        raise OSError("the MLflow store holds no runs")
    if "run_id" in sets:
        wanted = str(sets["run_id"])
        match = [r for r in runs if r.run_id == wanted] or [
            r for r in runs if r.run_id.startswith(wanted)
        ]
        if len(match) != 1:
            raise OSError(f"run_id={wanted}: {len(match)} matching runs in the MLflow store")
        return match[0], None
    if "run_name" in sets:
        wanted = str(sets["run_name"])
        match = sorted((r for r in runs if r.name == wanted), key=lambda r: r.start_time)
        if not match:
            raise OSError(f"run_name={wanted}: no such run in the MLflow store")
        note = f"{len(match)} runs named {wanted!r}; read the newest" if len(match) > 1 else None
        return match[-1], note
    chosen = max(runs, key=lambda r: r.start_time)
    if len(runs) == 1:
        return chosen, None
    return chosen, (
        f"the MLflow store holds {len(runs)} runs; read the most recent, {chosen.name or '-'} "
        f"({chosen.run_id}); pick another with --set run_id=ID or --set run_name=NAME"
    )


def _records(data: RunData, notes: list[str]) -> list[tuple[int, dict[str, Any]]]:
    if data.metrics and all(step == 0 for _, _, _, step in data.metrics):
        counts: dict[str, int] = {}
        for key, *_ in data.metrics:
            counts[key] = counts.get(key, 0) + 1
        if max(counts.values()) > 1:
            notes.append("every metric was logged at step 0: values numbered in logging order")
            ordered = sorted(data.metrics, key=lambda m: m[2])
            seen: dict[str, int] = {}
            renumbered = []
            for key, value, ts, _ in ordered:
                renumbered.append((key, value, ts, seen.get(key, 0)))
                seen[key] = seen.get(key, 0) + 1
            data = RunData(metrics=renumbered, params=data.params)
    by_step: dict[int, dict[str, Any]] = {}
    stamps: dict[tuple[int, str], int] = {}
    duplicates = 0
    for key, value, ts, step in data.metrics:
        row = by_step.setdefault(step, {})
        if key in row:
            duplicates += 1
            if ts < stamps[(step, key)]:
                continue
        row[key] = value
        stamps[(step, key)] = ts
    if duplicates:
        notes.append(f"{duplicates} metric value(s) logged twice at one step: kept the later")
    return sorted(by_step.items())


def load(path: Path, ctx: LoadContext) -> Run:
    import sqlite3

    found = _store(path)
    if found is None:
        raise OSError(f"no MLflow store at {path}")
    kind, location = found
    try:
        runs = _file_runs(location) if kind == "file" else _sql_runs(location)
        selection = {k: v for k, v in ctx.sets.items() if k in _SELECT_KEYS}
        chosen, note = _select(runs, selection)
        data = _file_run_data(chosen) if kind == "file" else _sql_run_data(chosen)
    except (sqlite3.Error, TypeError, ValueError, OverflowError) as exc:
        raise ParseError(f"{location}: a corrupt MLflow store ({exc})") from exc
    notes = [note] if note else []
    records = _records(data, notes)
    series, map_notes = series_from_records(records, ctx.metric_map, f"MLflow metric ({kind})")
    notes.extend(map_notes)

    params = {k: parse_override_value(v.strip()) for k, v in data.params.items()}
    layers: list[tuple[str, dict[str, Any]]] = [("mlflow-params", params)]
    cfg_text, cfg_notes = None, list[str]()
    if (
        ctx.config_path is not None
        and ctx.config_path.is_dir()
        and ctx.config_path.name == "params"
    ):
        # --config given a run's params/ folder (this run's, or another's to compare)
        folder = {
            k: parse_override_value(v.strip()) for k, v in _params_folder(ctx.config_path).items()
        }
        layers.append(("config", folder))
        ctx.config_read = True
    elif ctx.config_path is not None:
        parsed, cfg_text = read_config_file(ctx.config_path)
        layers.append(("config", parsed.values))
        cfg_notes = parsed.notes
        ctx.config_read = True
    sets = {k: v for k, v in ctx.sets.items() if k not in _SELECT_KEYS}
    config = generic_config(
        layers, sets, str(ctx.config_path) if ctx.config_path else None, cfg_text
    )
    config.notes.extend(cfg_notes)
    source = chosen.location if kind == "file" else f"{location}#run_id={chosen.run_id}"
    run = Run(source=source, format=NAME, framework=f"mlflow ({kind} store)", config=config)
    run.series = series
    run.notes = notes
    run.steps_start_at_zero = starts_at_zero(series)
    run.reported = Reported(tokens_seen=last_tokens_seen(records))
    run.dims = dims_from_config(config)
    if chosen.status and chosen.status != "FINISHED":
        run.notes.append(f"MLflow run status: {chosen.status}")
    return run
