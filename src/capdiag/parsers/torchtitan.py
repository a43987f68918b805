"""pytorch/torchtitan logs, per ``MetricsProcessor.log`` / ``log_validation`` in
``torchtitan/components/metrics.py`` and the training step in ``torchtitan/train.py``.

- ``step: N  loss: X  [grad_norm: G]  memory: M GiB(P%)  tps: K  tflops: F  mfu: U%``:
  ``N`` is 1-based (the N-th optimizer step). Logged at step 1 and every
  ``metrics.log_freq`` steps. ``loss`` is step N's loss alone: the global sum of token
  losses over all ranks / the global count of valid tokens (the whole global batch of that
  step, not a running mean). ``grad_norm`` is the value ``clip_grad_norm_`` returns, the
  total norm before clipping (newer versions only). ``memory`` is the peak *reserved* device
  memory since the previous log line (and % of the device). ``tps`` is tokens per second
  *per device*, averaged over the time since the previous log line (which includes data
  loading, checkpointing and validation). ``tflops`` and ``mfu`` are derived from ``tps``
  and torchtitan's FLOPs-per-token estimate against the peak it detected for the GPU.
- ``validate step: N  loss: X  memory: ...  tps: K``: mean validation loss.
- ``Model NAME FLAVOR size: N total parameters``: every parameter (embeddings and all
  experts). ``Trainer is initialized with local batch size L, global batch size G, gradient
  accumulation steps A, sequence length S, total steps T (warmup W)``: G x S tokens per
  step, and the run's length, warmup and sequence length.
- A TOML job config (``[model] [training] [optimizer] ...``), given with ``--config`` or
  the ``.toml`` next to the log, is read with ``tomllib``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np

from capdiag.messages import make_event
from capdiag.parsers import LoadContext
from capdiag.parsers.fields import (
    ANSI_BYTES,
    bounded_lines,
    layout,
    read_fields,
    to_count,
    to_number,
)
from capdiag.run import Config, Event, Run, Segment, Series

NAME = "torchtitan"

# every line read by its fields as printed (capdiag.parsers.fields), behind any prefix
_STEP_TAIL = "memory:  {memory}GiB({memory_pct}%)  tps:  {tps}  tflops:  {tflops}  mfu:  {mfu}%"
_STEP = layout("step:  {step:int}  loss:  {loss}  " + _STEP_TAIL, anywhere=True)
_STEP_NORM = layout(
    "step:  {step:int}  loss:  {loss}  grad_norm:  {grad_norm}  " + _STEP_TAIL, anywhere=True
)
# the step line cut after its memory (a paste, an older build): loss and grad norm still
_STEP_BRIEF = layout(
    "step:  {step:int}  loss:  {loss}  memory:  {memory}GiB({memory_pct}%)", anywhere=True
)
_STEP_NORM_BRIEF = layout(
    "step:  {step:int}  loss:  {loss}  grad_norm:  {grad_norm}  memory:  {memory}GiB("
    "{memory_pct}%)",
    anywhere=True,
)
_VALIDATE = layout("validate step:  {step:int}  loss:  {loss}", anywhere=True)
_SIZE = layout("Model {name} {flavor} size: {size:count} total parameters", anywhere=True)
# "Trainer is initialized with local batch size 8, global batch size 16, ..., total steps
# 20000 (warmup 500)": key value fields
_TRAINER = "Trainer is initialized with "
_SERIES = {
    "loss": "train_loss",
    "grad_norm": "grad_norm",
    "memory": "memory_reserved_gib",
    "memory_pct": "memory_reserved_pct",
    "tps": "tokens_per_sec",
    "tflops": "tflops",
    "mfu": "mfu_reported",
}
SNIFF = re.compile(rb"step:\s*\d+\s+loss:\s*\S+\s+(?:grad_norm:\s*\S+\s+)?memory:\s*[\d.]+GiB\(")

# canonical <- (TOML section, key)
_TOML_MAP = {
    "batch_size": ("training", "local_batch_size"),
    "block_size": ("training", "seq_len"),
    "max_iters": ("training", "steps"),
    "grad_clip": ("training", "max_norm"),
    "learning_rate": ("optimizer", "lr"),
    "weight_decay": ("optimizer", "weight_decay"),
    "warmup_iters": ("lr_scheduler", "warmup_steps"),
}


# the trainer's start line, printed before any step ("... total steps 100 (warmup 2)")
_STARTS = re.compile(rb"Training starts at step \d+, with local batch size \d+, global batch size")
# a process's start: the step it trains first, and the checkpoint it loaded before ("at step
# 45" in 2024, "from .../step-8000." since); torchtitan starts at the loaded step + 1
_STARTS_AT = re.compile(rb"Training starts at step (\d{1,15})")
_LOADING = re.compile(
    rb"Loading the checkpoint (?:at step (\d{1,15})|from \S*/step-(\d{1,15})/?\.?\s*$)"
)


def sniff(path: Path, head: bytes) -> int:
    return 95 if SNIFF.search(head) else 90 if _STARTS.search(head) else 0


def read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # here: detection imports this module, and most runs have no toml

    from capdiag.config import MAX_CONFIG_BYTES, ConfigError

    if not path.is_file() or path.stat().st_size > MAX_CONFIG_BYTES:
        raise ConfigError(f"config {path}: not a regular file, or larger than 4 MiB")
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise ConfigError(f"{path.name}: cannot parse: {exc}") from exc
    return data


def load(path: Path, ctx: LoadContext) -> Run:
    cols: dict[str, dict[int, float]] = {}
    events: list[Event] = []
    last_step: int | None = None
    size: int | None = None
    trainer: dict[str, float] | None = None
    segments: list[Segment] = []
    loaded: int | None = None  # the checkpoint step the coming process loaded
    with path.open("rb") as handle:
        for line_no, raw in enumerate(bounded_lines(handle), start=1):
            if b"\x1b" in raw:
                raw = ANSI_BYTES.sub(b"", raw)
            if m := _VALIDATE.search(raw):
                step = int(m["step"])
                cols.setdefault("val_loss", {}).setdefault(step, to_number(m["loss"]))
                continue
            if m := (
                _STEP_NORM.search(raw)
                or _STEP.search(raw)
                or _STEP_NORM_BRIEF.search(raw)
                or _STEP_BRIEF.search(raw)
            ):
                step = int(m["step"])
                last_step = step
                if segments:
                    segments[-1].last_step = step
                # every rank may print the same line: keep the first per step
                for key, value in m.groupdict().items():
                    if key in _SERIES:
                        v = to_number(value) / (100.0 if key == "mfu" else 1.0)
                        cols.setdefault(_SERIES[key], {}).setdefault(step, v)
                continue
            if b"the checkpoint" in raw and (m := _LOADING.search(raw)):
                loaded = to_count(m.group(1) or m.group(2))
            elif b"Training starts" in raw and (m := _STARTS_AT.search(raw)):
                first = to_count(m.group(1))
                segments.append(
                    Segment(
                        index=len(segments),
                        start_line=line_no,
                        first_step=first,
                        resumed=bool(loaded),  # a step-0 checkpoint is a seed: initial weights
                        resumes_from=loaded,
                    )
                )
                loaded = None
            text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            if not text.strip():
                continue
            if size is None and (m := _SIZE.search(raw)):
                size = to_count(m["size"].replace(b",", b""))
            if trainer is None and _TRAINER in text:
                trainer = read_fields(text[text.index(_TRAINER) :])
            # "Saving the checkpoint" opens the save; "Finished saving" says it exists
            checkpoint = "Finished saving the checkpoint" in text
            event = make_event(
                line_no, text, last_step, "checkpoint" if checkpoint else None, "info"
            )
            if event is not None:
                events.append(event)

    run = Run(source=str(path), format=NAME, framework="torchtitan", config=Config())
    run.messages_read = True
    run.steps_start_at_zero = False
    run.events = events
    if segments:
        run.segments = segments
    run.checkpoint_steps = sorted({e.step for e in events if e.kind == "checkpoint" and e.step})
    run.checkpoints_logged = True  # "Finished saving the checkpoint ..."
    desc = {
        "train_loss": "loss of step N alone: global token-loss sum / global valid tokens",
        "grad_norm": "clip_grad_norm_'s return: total grad norm before clipping",
        "memory_reserved_gib": "peak reserved device memory since the previous log line",
        "memory_reserved_pct": "that peak as % of device memory",
        "tokens_per_sec": "tokens/s per device, averaged since the previous log line",
        "tflops": "torchtitan's TFLOP/s per device from tps and its FLOPs/token",
        "mfu_reported": "torchtitan's MFU (fraction) against the peak it detected",
        "val_loss": "validate step: mean validation loss",
    }
    for name, by_step in cols.items():
        steps = np.array(sorted(by_step), dtype=np.int64)
        values = np.array([by_step[s] for s in steps], dtype=np.float64)
        mode = {"train_loss": "train-batch", "val_loss": "eval"}.get(name)
        run.series[name] = Series(
            name=name,
            steps=steps,
            values=values,
            mode=mode,
            description=desc[name],
        )
    config_path = ctx.config_path
    if config_path is None:
        tomls = sorted(path.parent.glob(path.stem + "*.toml")) if path.is_file() else []
        config_path = tomls[0] if tomls else None
    if config_path is not None and config_path.suffix == ".toml":
        _config(run, read_toml(config_path), str(config_path))
        ctx.config_read = ctx.config_read or config_path == ctx.config_path
    _header(run, size, trainer)
    for key, value in ctx.sets.items():
        run.config.values[key], run.config.origins[key] = value, "--set"
    return run


def _header(run: Run, size: int | None, trainer: dict[str, float] | None) -> None:
    """``Model llama3 8B size: N total parameters`` (every parameter, embeddings and all
    experts included) and the trainer's line of batch sizes, sequence length and steps."""
    if size:
        run.reported.n_params, run.reported.n_params_is_total = size, True
        run.reported.n_params_text = f"{size:,} total parameters"
    stated = {
        key: to_count(trainer[field])
        for key, field in (
            ("global_batch", "global batch size"),
            ("block_size", "sequence length"),
            ("max_iters", "total steps"),
            ("warmup_iters", "warmup"),
        )
        if trainer and field in trainer
    }
    global_batch, seq = stated.pop("global_batch", None), stated.get("block_size")
    if global_batch is None or seq is None or stated.get("max_iters") is None:
        return
    run.reported.tokens_per_iter = global_batch * seq
    c = run.config
    for key, value in stated.items():
        if value is None:
            continue
        if key in c.values and c.values[key] != value:
            run.notes.append(
                f"the log's trainer line says {key} = {value}, the config {c.values[key]}: "
                "the log's value is used"
            )
        c.values[key], c.origins[key] = value, "log"


def _config(run: Run, data: dict[str, Any], source: str) -> None:
    c = run.config
    c.path = source
    for section, table in data.items():
        if isinstance(table, dict):
            for key, value in table.items():
                if not isinstance(value, dict):
                    c.values[f"{section}.{key}"] = value
                    c.origins[f"{section}.{key}"] = "config"
    for canon, (section, key) in _TOML_MAP.items():
        table = data.get(section)
        if isinstance(table, dict) and key in table:
            c.values[canon], c.origins[canon] = table[key], "config"
            c.native_keys[canon] = f"{section}.{key}"
    model = data.get("model")
    if isinstance(model, dict) and "flavor" in model:
        run.notes.append(
            f"model {model.get('name')} flavor {model['flavor']}: its shape is defined in "
            "torchtitan's code, not in the TOML; dims not set"
        )
