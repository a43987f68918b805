"""allenai/OLMo console logs, per ``olmo/train.py`` (``Trainer.fit``,
``log_metrics_to_console``) and ``olmo/config.py``.

- ``[step=N/M,epoch=E]`` (``[step=N/M]`` before OLMo counted epochs) then one
  ``    name=value`` line per metric: ``N`` is
  ``global_step``, raised before the step trains, so the N-th optimizer update; ``M`` is
  ``max_steps`` (``max_duration``: steps, or tokens with a ``T`` suffix).
  ``train/CrossEntropyLoss`` is the step's cross-entropy over its micro-batches, averaged
  over ranks, in train mode. ``optim/total_grad_norm`` is the norm before clipping.
  ``throughput/total_tokens`` is every token trained on so far (all ranks);
  ``throughput/device/batches_per_second`` is one device's steps per second over the last
  ``speed_monitor.window_size`` steps, so its inverse is the step time (read as the text
  reader reads any steps-per-second key).
  ``format_float`` prints values above 1000 as integers with commas, below 1e-4 in
  scientific notation.
- ``Configuration:`` then the ``TrainConfig(...)`` dataclass on one line: the model's shape
  (``d_model``, ``n_layers``, ``mlp_ratio``, ``vocab_size``), the optimizer, the scheduler
  (``name``, ``units``, ``t_warmup``, ``t_max``, ``alpha_f``: the floor as a share of the
  peak), ``max_duration``, ``global_train_batch_size`` (sequences per step over all ranks,
  ``device_train_batch_size`` times the world size), ``load_path`` (a checkpoint to start
  from: a resume or a fine-tune, not said which).
- ``Total number of parameters: N`` and ``Number of non-embedding parameters: N``.

The metric lines are read by the text reader (``capdiag.parsers.text``); this module adds
what the header states. The model is not GPT-2 shaped (SwiGLU, no biases), so capdiag does
not count its parameters: the printed total is used.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from capdiag.parsers import LoadContext
from capdiag.parsers import text as text_log
from capdiag.parsers.fields import to_count
from capdiag.run import Run

NAME = "olmo"

# "[step=N/M,epoch=E]"; OLMo before its epoch counter printed "[step=N/M]"
_STEP = re.compile(rb"^\S.{0,200}\[step=\d{1,12}/\d{1,12}(?:,epoch=\d{1,6})?\]\s*$", re.M)
_CONFIG = re.compile(rb"\bTrainConfig\(run_name=")
# a dataclass field with a plain value: key='text', key=number, True, False or None
_FIELD = re.compile(
    r"[(,] ?(\w{1,64})="
    r"('[^'\n]{0,500}'|-?[\d.]{1,40}(?:e[-+]?\d{1,3})?|True|False|None)(?=[,)])"
)
_SCHEDULER = re.compile(r"scheduler=SchedulerConfig\(name='(\w{1,64})'")
_TOTAL = re.compile(rb"Total number of parameters: ([\d,]{1,20})")
# OLMo's schedulers that decay to alpha_f x the peak at t_max (else max_steps)
_DECAYING = {"cosine_with_warmup": "cosine", "linear_with_warmup": "linear"}


def sniff(path: Path, head: bytes) -> int:
    """OLMo's step marker and its printed TrainConfig."""
    if path.is_dir() or not _STEP.search(head):
        return 0
    return 90 if _CONFIG.search(head) or b"olmo.train" in head else 0


def _fields(line: str) -> dict[str, Any]:
    """The TrainConfig's plain fields, the first of each name (nested configs come first)."""
    out: dict[str, Any] = {}
    for key, raw in _FIELD.findall(line):
        if key in out:
            continue
        if raw.startswith("'"):
            out[key] = raw[1:-1]
        elif raw in ("True", "False", "None"):
            out[key] = {"True": True, "False": False, "None": None}[raw]
        elif any(c in raw for c in ".e"):
            try:
                out[key] = float(raw)
            except ValueError:  # "1.2.3"
                continue
        elif (count := to_count(raw)) is not None:  # past any setting: not kept
            out[key] = count
    if m := _SCHEDULER.search(line):
        out["scheduler"] = m.group(1)
    return out


def _count(match: re.Match[bytes] | None) -> int | None:
    return to_count(float(match.group(1).replace(b",", b""))) if match else None


def _settings(fields: dict[str, Any]) -> dict[str, Any]:
    """The TrainConfig's fields under capdiag's names, where their meaning is the same."""
    out: dict[str, Any] = {}
    lr = fields.get("learning_rate")
    if isinstance(lr, int | float):
        out["learning_rate"] = float(lr)
    duration = fields.get("max_duration")
    steps = duration if isinstance(duration, int) else None
    if isinstance(duration, str) and duration.isdigit():
        steps = int(duration)
    if steps and steps > 0:
        out["max_iters"] = steps
    warmup = fields.get("t_warmup")
    if fields.get("units", "steps") == "steps" and isinstance(warmup, int) and warmup >= 0:
        out["warmup_iters"] = warmup
    style = _DECAYING.get(str(fields.get("scheduler")))
    if style is not None:
        out["lr_decay_style"] = style
        t_max = fields.get("t_max")
        if isinstance(t_max, int) or steps:
            out["lr_decay_iters"] = t_max if isinstance(t_max, int) else steps
        alpha = fields.get("alpha_f")
        if isinstance(alpha, int | float) and "learning_rate" in out:
            out["min_lr"] = out["learning_rate"] * float(alpha)
    for ours, theirs in (
        ("weight_decay", "weight_decay"),
        ("grad_clip", "max_grad_norm"),
        ("dropout", "residual_dropout"),
        ("block_size", "max_sequence_length"),
    ):
        value = fields.get(theirs)
        if isinstance(value, int | float) and not isinstance(value, bool):
            out[ours] = value
    precision = str(fields.get("precision", ""))
    if "bf16" in precision:
        out["dtype"] = "bfloat16"
    elif "fp16" in precision:
        out["dtype"] = "float16"
    return out


def load(path: Path, ctx: LoadContext) -> Run:
    run, records = text_log.load_with_records(path, ctx)
    run.format, run.framework = NAME, "OLMo (olmo/train.py)"
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    config_line = next((ln for ln in head.splitlines() if _CONFIG.search(ln)), b"")
    fields = _fields(config_line.decode("utf-8", errors="replace"))
    for key, value in _settings(fields).items():
        before = run.config.values.get(key)
        if before is not None and before != value and run.config.source(key) != "assumed":
            run.notes.append(f"the log's TrainConfig sets {key} = {value}, not {before}")
        run.config.values[key] = value
        run.config.origins[key] = "log"
    native = {
        "max_iters": "max_duration",
        "warmup_iters": "scheduler.t_warmup",
        "lr_decay_iters": "scheduler.t_max",
        "grad_clip": "max_grad_norm",
    }
    run.config.native_keys.update(native)
    run.dims = None  # not GPT-2 shaped: the printed count stands
    reported = run.reported
    total = _count(_TOTAL.search(head))
    if total:
        reported.n_params, reported.n_params_is_total = total, True
        reported.n_params_text = f"{total:,}"
    if isinstance(fields.get("vocab_size"), int):
        reported.vocab_size, reported.vocab_source = fields["vocab_size"], "log"
    sequences, block = fields.get("global_train_batch_size"), fields.get("max_sequence_length")
    if isinstance(sequences, int) and isinstance(block, int) and sequences > 0 and block > 0:
        reported.tokens_per_iter = to_count(sequences * block)
        reported.tokens_per_iter_derived = True
        per_device = fields.get("device_train_batch_size")
        if isinstance(per_device, int) and per_device > 0 and sequences % per_device == 0:
            # global over per-device sequences: computed from two printed settings
            run.num_gpus, run.num_gpus_source = sequences // per_device, "derived"
    if "load_path" in fields and fields["load_path"] is None:
        run.fine_tune = False  # from a fresh initialisation
    _tokens_seen(run, records)
    loss = run.series.get("train_loss")
    if loss is not None:
        loss.mode = "train-batch"  # each step's own loss (see the module's docstring)
        loss.description = "OLMo's train/CrossEntropyLoss: the step's batch, in train mode"
    return run


def _tokens_seen(run: Run, records: list[tuple[int, dict[str, Any]]]) -> None:
    """The last running token count (throughput/total_tokens), when it moved on."""
    tokens = [
        float(r["throughput/total_tokens"]) for _, r in records if "throughput/total_tokens" in r
    ]
    if len(tokens) >= 2 and tokens[-1] > tokens[0]:
        run.reported.tokens_seen = to_count(tokens[-1])
