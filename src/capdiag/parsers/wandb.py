"""Weights & Biases run directories (``wandb/offline-run-*`` or ``wandb/run-*``).

What a run directory holds, and what capdiag reads from it:

- ``run-<id>.wandb``: wandb's datastore, every record the run produced (config, history rows,
  summary, environment) as protobuf messages in LevelDB-log framing. capdiag does the framing
  itself and decodes the messages with the ``wandb`` package's own protobuf classes, so the
  history needs ``pip install 'capdiag[wandb]'``; without the package the run is read from the
  files below, with a note. CRCs are not checked (the standard library has no CRC-32C).
- ``files/config.yaml`` (wandb's ``{key: {value: ...}}`` shape), ``files/wandb-summary.json``
  and ``files/wandb-metadata.json``: written by online runs and by older wandb versions
  (0.31's offline runs keep all of it in the datastore only).
- ``files/output.log``: the captured stdout. Printed HF Trainer dicts are read as the
  Trainer's history. When it is a nanoGPT log it is read with
  `capdiag.parsers.nanogpt` (iteration times, printed MFU, checkpoints, restarts); otherwise
  its warnings and errors become events.

History semantics: one row per ``wandb.log`` call; the step is ``--map step=KEY``, else a
step-like key the rows carry (``iter``, ``global_step``, ...: nanoGPT logs ``iter`` and lets
``_step`` count calls), else wandb's ``_step``. Metric keys map as in the generic JSONL
format. For each series the source with more points wins (history on a tie), so nanoGPT's
per-iteration lines beat a history that was logged only at evaluations.

The path may be the run directory, the ``.wandb`` file, a ``wandb/`` directory or the
directory above it; with several runs the newest (by directory name, which starts with the
start time) is read and a note names it.
"""

from __future__ import annotations

import importlib
import json
import math
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from capdiag.arithmetic.gpus import find_gpu
from capdiag.config import read_sidecar, safe_yaml
from capdiag.parsers import LoadContext, hf_trainer, text_as_file, ultralytics
from capdiag.parsers.jsonl import (
    STEP_KEYS,
    as_number,
    dims_from_config,
    generic_config,
    last_tokens_seen,
    pick_key,
    series_from_records,
    starts_at_zero,
    text_event,
)
from capdiag.parsers.nanogpt import SNIFF as NANOGPT_SNIFF
from capdiag.parsers.nanogpt import ParsedLog, _fill_series, parse_nanogpt_log
from capdiag.run import Event, Reported, Run, Series

HF_STDOUT_SCORE = 85  # hf_trainer.sniff's score for printed Trainer dicts
TEXT_LOG_SCORE = 10  # text.sniff's score for key=value metric lines (5 is a crash alone)

NAME = "wandb"

_MAGIC = b":W&B"
_BLOCK = 32768
_HEADER = 7  # crc32c (4), length (2, little-endian), type (1)
_FULL, _FIRST, _MIDDLE, _LAST = 1, 2, 3, 4
# history columns wandb adds itself, and the step columns
_INTERNAL = ("_timestamp", "_runtime", "_step", "_wandb")


# ---------------------------------------------------------------- finding the run


def _is_run_dir(path: Path) -> bool:
    if not path.is_dir():
        return False
    if any(path.glob("run-*.wandb")):
        return True
    files = path / "files"
    return any(
        (files / name).is_file() for name in ("wandb-summary.json", "config.yaml", "output.log")
    )


def _run_dirs(path: Path) -> list[Path]:
    """Run directories at or under `path` (the path itself, wandb/, or the dir above)."""
    if path.is_file():
        with path.open("rb") as handle:
            return [path.parent] if handle.read(4) == _MAGIC else []
    if _is_run_dir(path):
        return [path]
    found: list[Path] = []
    for base in (path, path / "wandb"):
        if base.is_dir():
            found.extend(
                d
                for d in base.iterdir()
                if d.name.startswith(("offline-run-", "run-")) and _is_run_dir(d)
            )
    # names start with the start time (run-20240101_120000-id): newest last
    return sorted(set(found), key=lambda d: d.name.split("run-", 1)[-1])


def sniff(path: Path, head: bytes) -> int:
    if head:
        return 95 if head.startswith(_MAGIC) else 0
    try:
        return 95 if path.is_dir() and _run_dirs(path) else 0
    except OSError:
        return 0


# ---------------------------------------------------------------- the datastore


def read_datastore(path: Path) -> list[bytes]:
    """The payloads of a ``.wandb`` file (LevelDB log framing after a 7-byte file header)."""
    data = path.read_bytes()
    if data[:4] != _MAGIC:
        raise ValueError(f"{path}: not a wandb datastore")
    records: list[bytes] = []
    pos, pending = _HEADER, b""
    while pos + _HEADER <= len(data):
        left = _BLOCK - pos % _BLOCK
        if left < _HEADER:  # block trailer: zero padding
            pos += left
            continue
        _crc, length, kind = struct.unpack("<IHB", data[pos : pos + _HEADER])
        pos += _HEADER
        if kind == 0 and length == 0:  # padding to the end of the block
            pos += (_BLOCK - pos % _BLOCK) % _BLOCK
            continue
        chunk = data[pos : pos + length]
        pos += length
        if kind == _FULL:
            records.append(chunk)
        elif kind == _FIRST:
            pending = chunk
        elif kind == _MIDDLE:
            pending += chunk
        elif kind == _LAST:
            records.append(pending + chunk)
            pending = b""
    return records


def _item_key(item: Any) -> str:
    return str(item.key) if item.key else ".".join(item.nested_key)


def _item_value(item: Any) -> Any:
    if item.value_json:
        try:
            return json.loads(item.value_json)
        except (ValueError, RecursionError):
            return item.value_json
    for field in ("number", "integer", "boolean", "text"):
        try:
            if item.HasField(field):
                return getattr(item, field)
        except ValueError:  # older messages without typed fields
            break
    return None


class _Datastore:
    """What capdiag takes from a run's records."""

    def __init__(self) -> None:
        self.history: list[dict[str, Any]] = []
        self.config: dict[str, Any] = {}
        self.summary: dict[str, Any] = {}
        self.gpu: str | None = None
        self.gpu_count: int | None = None
        self.run_name: str | None = None
        self.corrupt = 0  # records that did not decode (a killed run's last write)
        self.console: list[str] = []  # the captured stdout and stderr, in order


def _decode(path: Path) -> _Datastore:
    pb = importlib.import_module("wandb.proto.wandb_internal_pb2")
    decode_error = importlib.import_module("google.protobuf.message").DecodeError

    store = _Datastore()
    for payload in read_datastore(path):
        record = pb.Record()
        try:
            record.ParseFromString(payload)
        except decode_error:
            store.corrupt += 1
            continue
        kind = record.WhichOneof("record_type")
        if kind == "history":
            store.history.append({_item_key(i): _item_value(i) for i in record.history.item})
        elif kind == "run":
            store.run_name = record.run.display_name or record.run.run_id or None
            for item in record.run.config.update:
                store.config[_item_key(item)] = _item_value(item)
        elif kind == "config":
            for item in record.config.update:
                store.config[_item_key(item)] = _item_value(item)
            for item in record.config.remove:
                store.config.pop(_item_key(item), None)
        elif kind == "summary":
            for item in record.summary.update:
                store.summary[_item_key(item)] = _item_value(item)
        elif kind in ("output", "output_raw"):
            store.console.append(getattr(record, kind).line)
        elif kind == "environment":
            env = record.environment
            store.gpu = str(env.gpu_type) or store.gpu
            store.gpu_count = int(env.gpu_count) or store.gpu_count
    return store


# ---------------------------------------------------------------- the files


def _read_config_yaml(path: Path) -> dict[str, Any]:
    try:
        text = read_sidecar(path)
        data = safe_yaml(text) if text is not None else None
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    out: dict[str, Any] = {}
    for key, entry in data.items():
        out[str(key)] = (
            entry.get("value") if isinstance(entry, dict) and "value" in entry else entry
        )
    return out


MAX_JSON_BYTES = 16 << 20  # a run's summary or metadata file; a larger one is not read


def _read_json(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8", errors="replace"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _clean_config(raw: dict[str, Any]) -> dict[str, Any]:
    """Drop wandb's own entries; nested dicts (wandb keeps them nested) become dotted keys."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key in ("_wandb", "wandb_version"):
            continue
        if isinstance(value, dict):
            for sub, inner in _clean_config(value).items():
                out[f"{key}.{sub}"] = inner
        else:
            out[key] = value
    return out


def _step_key(rows: list[dict[str, Any]], ctx: LoadContext) -> str:
    if "step" in ctx.metric_map:
        return ctx.metric_map["step"]
    keys: dict[str, int] = {}
    for row in rows:
        for key in row:
            keys[key] = keys.get(key, 0) + 1
    common = [k for k, n in keys.items() if n * 2 >= len(rows)]
    own = pick_key(common, [k for k in STEP_KEYS if k != "_step"])
    return own or "_step"


def _summary_note(summary: dict[str, Any]) -> str | None:
    shown = []
    for key, value in summary.items():
        number = as_number(value)
        if key.startswith("_") or number is None or not math.isfinite(number):
            continue
        shown.append(f"{key}={number:.6g}")
    return "wandb summary: " + ", ".join(shown[:12]) if shown else None


def load(path: Path, ctx: LoadContext) -> Run:
    runs = _run_dirs(path)
    if not runs:
        raise OSError(f"no wandb run directory at {path}")
    run_dir = runs[-1]
    notes: list[str] = []
    missing_extras: list[str] = []
    if len(runs) > 1:
        notes.append(f"{len(runs)} wandb runs found; read the newest, {run_dir.name}")
    files = run_dir / "files"
    store: _Datastore | None = None
    datastores = sorted(run_dir.glob("run-*.wandb"))
    if datastores:
        try:
            store = _decode(datastores[0])
        except ValueError as exc:  # not a datastore (empty, or a header that is not one)
            notes.append(f"{exc}: summary and output.log only")
        except ImportError:
            missing_extras.append("wandb")
            notes.append(
                "the wandb package is not installed: history not read from "
                f"{datastores[0].name} (pip install 'capdiag[wandb]'); "
                "using the summary and output.log"
            )
    else:
        notes.append("no .wandb datastore in the run directory: summary and output.log only")
    if store is not None and store.corrupt:
        notes.append(f"{datastores[0].name}: {store.corrupt} corrupt record(s) skipped")

    raw_config: dict[str, Any] = dict(store.config) if store else {}
    if (files / "config.yaml").is_file():
        raw_config = {**_read_config_yaml(files / "config.yaml"), **raw_config}
    summary = dict(store.summary) if store else {}
    if (files / "wandb-summary.json").is_file():
        summary = {**_read_json(files / "wandb-summary.json"), **summary}
    metadata = _read_json(files / "wandb-metadata.json")

    layers: list[tuple[str, dict[str, Any]]] = [("wandb-config", _clean_config(raw_config))]
    cfg_path, cfg_text, cfg_notes = ctx.config_path, None, list[str]()
    if cfg_path is not None:
        from capdiag.config import read_config_file

        parsed_cfg, cfg_text = read_config_file(cfg_path)
        layers.append(("config", parsed_cfg.values))
        cfg_notes = parsed_cfg.notes
        ctx.config_read = True
    config = generic_config(layers, ctx.sets, str(cfg_path) if cfg_path else None, cfg_text)
    config.notes.extend(cfg_notes)

    # history
    series: dict[str, Series] = {}
    rows = store.history if store else []
    numbered: list[tuple[int, dict[str, Any]]] = []
    if rows:
        step_key = _step_key(rows, ctx)
        for row in rows:
            step = as_number(row.get(step_key))
            if step is None or not math.isfinite(step):
                continue
            numbered.append(
                (int(step), {k: v for k, v in row.items() if k not in _INTERNAL or k == step_key})
            )
        series, map_notes = series_from_records(numbered, ctx.metric_map, "wandb history")
        notes.extend(map_notes)
        if step_key != "_step":
            notes.append(f"history steps read from its {step_key!r} column")

    # output.log
    output = files / "output.log"
    parsed: ParsedLog | None = None
    yolo_fine_tune: bool | None = None
    events: list[Event] = []
    steps_estimated = False
    from capdiag.parsers import text as text_log  # here: detection imports this module

    with _console_file(output, store.console if store else [], notes) as console:
        console_read = console is not None
        if console is not None:
            with console.open("rb") as handle:
                head = handle.read(1 << 20)
            if NANOGPT_SNIFF.search(head):
                parsed = parse_nanogpt_log(console)
                events = parsed.events
            elif hf_trainer.sniff(console, head) >= HF_STDOUT_SCORE:
                # the Trainer's printed dicts: the history of a run the package did not read
                from_hf = hf_trainer.load(console, ctx)
                events, steps_estimated = from_hf.events, from_hf.steps_estimated
                _merge_output(series, from_hf, "Trainer dicts")
                notes.extend(from_hf.notes)
            elif ultralytics.CONSOLE_SNIFF.search(head):
                # a YOLO training's console: its epochs' progress lines
                yolo = ultralytics.load_console(console, ctx)
                events, yolo_fine_tune = yolo.events, yolo.fine_tune
                _merge_output(series, yolo, "YOLO console")
                notes.extend(yolo.notes)
            elif text_log.sniff(console, head, contained=True) >= TEXT_LOG_SCORE:
                # any other trainer's key=value lines (OLMo's "[step=N/M]" blocks), however
                # many progress bars are around them: this is a training run's stdout
                from_text = text_log.load(console, ctx)
                events = from_text.events
                _merge_output(series, from_text, "key=value lines")
                notes.extend(from_text.notes)
            else:
                last: int | None = None
                with console.open("r", encoding="utf-8", errors="replace") as text:
                    for line_no, line in enumerate(text, start=1):
                        event = text_event(line_no, line.rstrip("\n"), last)
                        if event is not None:
                            events.append(event)

    run = Run(
        source=str(run_dir),
        format=NAME,
        framework="nanoGPT (wandb)" if parsed is not None else "wandb",
        config=config,
    )
    run.messages_read = console_read
    if yolo_fine_tune is not None:
        run.fine_tune = yolo_fine_tune  # "Transferred N/M items from pretrained weights"
    if parsed is not None:
        from_log = Run(source=str(output), format=NAME, framework="nanoGPT", config=config)
        _fill_series(from_log, parsed)
        _merge_output(series, from_log, "nanoGPT lines")
        run.segments = parsed.segments
        run.checkpoint_steps = parsed.checkpoint_steps
        run.checkpoints_logged = True  # nanoGPT's output.log
        run.loss_unit = from_log.loss_unit
        notes.extend(from_log.notes)
    if not series:
        notes.append("no metric history could be read from this run")
        if (note := _summary_note(summary)) is not None:
            notes.append(note)
    run.series = series
    run.events = events
    run.notes = notes
    run.missing_extras = missing_extras
    run.steps_start_at_zero = starts_at_zero(series)
    run.steps_estimated = steps_estimated
    run.reported = Reported(
        tokens_seen=last_tokens_seen(numbered),
        tokens_per_iter=parsed.tokens_per_iter if parsed else None,
        n_params=(
            round(float(parsed.n_params_text[:-1]) * 1e6)
            if parsed is not None and parsed.n_params_text
            else None
        ),
        n_params_text=parsed.n_params_text if parsed else None,
        vocab_size=parsed.vocab_size if parsed else None,
        vocab_source=parsed.vocab_source if parsed else None,
        compiled=parsed.compiled if parsed else None,
    )
    run.dims = dims_from_config(config, run.reported.vocab_size)
    gpu = (store.gpu if store else None) or metadata.get("gpu")
    spec = find_gpu(gpu) if isinstance(gpu, str) and gpu else None
    if spec is not None:
        run.gpu_name, run.gpu_source = spec.name, "wandb metadata"
    count = (store.gpu_count if store else None) or metadata.get("gpu_count")
    if isinstance(count, int) and count > 1:
        run.notes.append(f"wandb recorded {count} GPUs on the machine (pass --num-gpus if used)")
    return run


@contextmanager
def _console_file(output: Path, console: list[str], notes: list[str]) -> Iterator[Path | None]:
    """The run's console: ``files/output.log``, else the output the datastore captured
    (runs that never wrote the file keep it there), as a temporary file."""
    if output.is_file():
        yield output
        return
    text = "".join(console)
    if not text.strip():
        yield None
        return
    notes.append("console output read from the datastore (no files/output.log)")
    with text_as_file(text, "output.log") as path:
        yield path


def _merge_output(series: dict[str, Series], parsed: Run, what: str) -> None:
    """The series output.log holds, where the history has none or fewer points."""
    for name, found in parsed.series.items():
        if name not in series or len(found) > len(series[name]):
            found.description = f"output.log ({what}): {found.description}"
            series[name] = found
