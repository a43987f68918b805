"""karpathy/nanochat ``base_train.py`` output, with its real semantics.

- ``step 00100/02000 (5.00%) | loss: X | lrm: L | dt: Tms | tok/sec: K | mfu: U | ...``:
  ``step`` counts completed optimizer steps (it is incremented before the print); ``loss``
  is a debiased exponential moving average (beta 0.9) of the per-step training loss, so it
  is smoothed, not one batch; ``dt`` is the step's wall time; ``tok/sec`` is the total batch
  over ``dt``; ``mfu`` is a percentage of ``gpu_peak_flops x world size`` (older versions:
  an H100's 989 TFLOPS); it prints 0.00 when the GPU's peak is unknown ("Peak FLOPS (BF16):
  inf").
- ``Step 00250 | Validation bpb: X``: bits per byte on the validation split: another unit
  than the training loss (nats per token), so the two are never compared.
- The header states the world size, the vocabulary, the tokens per step and accumulation,
  the parameter count (``total : N``), the FLOPs per token, the planned training tokens and
  a resume (``Resuming optimization from step N``). ``Tokens : Scaling params ratio: R``
  is tokens per *scaling* parameter (matrices and lm_head, without the embedding and
  value-embedding tables, which are lookups that cost no FLOPs): that count is the one the
  compute-optimal ratio is judged on.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np

from capdiag.messages import make_event
from capdiag.parsers import LoadContext
from capdiag.parsers.fields import bounded_lines, read_fields, to_count, to_float
from capdiag.parsers.jsonl import generic_config
from capdiag.run import Event, Reported, Run, Segment, Series

NAME = "nanochat"

_STEP = re.compile(r"^step (\d{1,15})(?:/(\d{1,15}))? \([\d.]+%\) \| loss: ")
_VAL = re.compile(r"^Step (\d{1,15}) \| Validation bpb: ([\d.eE+-]+|nan|inf)")
SNIFF = re.compile(
    rb"^(?:step \d{5}(?:/\d+)? \([\d.]+%\) \| loss: \S+ \| lrm: |Step \d{5} \| Validation bpb: )",
    re.M,
)
_HEADER = {
    "world": re.compile(r"Distributed world size: (\d{1,15})"),
    "vocab": re.compile(r"^Vocab size: ([\d,]+)"),
    "batch": re.compile(r"^Total batch size ([\d,]+) => gradient accumulation steps: (\d{1,15})"),
    "params": re.compile(r"^(?:total\s+:|Number of parameters:)\s*([\d,]+)"),
    "flops": re.compile(r"^Estimated FLOPs per token(?: \(total\))?: +([\d.eE+-]+)"),
    "ratio": re.compile(r"^Tokens : Scaling params ratio: ([\d.]+)"),
    "planned": re.compile(r"^Total number of training tokens: ([\d,]+)"),
    "resume": re.compile(r"^Resuming optimization from step (\d{1,15})"),
    "gpu": re.compile(r"^GPU: (.+?) \| Peak FLOPS \(BF16\): (\S+)"),
}


def sniff(path: Path, head: bytes) -> int:
    if SNIFF.search(head):
        return 95
    # a run that died before its first step still printed nanochat's header
    return 80 if b"nanochat.common - " in head or b"Tokens : Scaling params ratio" in head else 0


def _int(text: str) -> int | None:
    return to_count(text.replace(",", "")) if text.strip(",") else None


def load(path: Path, ctx: LoadContext) -> Run:
    steps: list[int] = []
    cols: dict[str, list[float]] = {"loss": [], "dt": [], "tok/sec": [], "mfu": []}
    val_steps: list[int] = []
    val_bpb: list[float] = []
    events: list[Event] = []
    found: dict[str, re.Match[str]] = {}
    last: int | None = None
    resumed_at: int | None = None
    max_iters: int | None = None
    with path.open("rb") as handle:
        for line_no, raw in enumerate(bounded_lines(handle), start=1):
            text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            if m := _STEP.match(text):
                fields = read_fields(text[m.end() - len("loss: ") :])
                last = int(m.group(1))
                if m.group(2):
                    max_iters = int(m.group(2))
                steps.append(last)
                for key, values in cols.items():
                    values.append(fields.get(key, float("nan")))
                continue
            if m := _VAL.match(text):
                val_steps.append(int(m.group(1)))
                val_bpb.append(to_float(m.group(2)))
                continue
            for name, pattern in _HEADER.items():
                if name not in found and (hm := pattern.search(text)):
                    found[name] = hm
                    if name == "resume":
                        resumed_at = int(hm.group(1))
                    break
            else:
                event = make_event(line_no, text, last, plain=None)
                if event is not None:
                    events.append(event)
    config = generic_config([], ctx.sets, None, None)
    run = Run(source=str(path), format=NAME, framework="nanochat", config=config)
    run.steps_start_at_zero = False
    run.events = events
    order = np.argsort(np.array(steps, dtype=np.int64), kind="stable")
    step_arr = np.array(steps, dtype=np.int64)[order]

    def add(name: str, values: list[float], description: str, scale: float = 1.0) -> None:
        arr = np.array(values, dtype=np.float64)[order] * scale
        if np.isfinite(arr).any():
            run.series[name] = Series(
                name=name,
                steps=step_arr,
                values=arr,
                mode="train-smoothed" if name == "train_loss" else None,
                description=description,
            )

    add("train_loss", cols["loss"], "debiased EMA (beta 0.9) of the training loss, train mode")
    add("step_time_ms", cols["dt"], "the step's wall time")
    add("tokens_per_sec", cols["tok/sec"], "total batch / step time")
    peak_unknown = "gpu" in found and found["gpu"].group(2) in ("inf", "0", "0.0")
    mfu = [v if v > 0 and not peak_unknown else float("nan") for v in cols["mfu"]]
    add("mfu_reported", mfu, "percent of the GPU's bf16 peak x world size", scale=0.01)
    if val_steps:
        run.series["val_bpb"] = Series(
            name="val_bpb",
            steps=np.array(val_steps, dtype=np.int64),
            values=np.array(val_bpb, dtype=np.float64),
            mode="eval",
            description="validation bits per byte (not comparable with the nats-per-token loss)",
        )
    reported = Reported()
    if "vocab" in found:
        reported.vocab_size = _int(found["vocab"].group(1))
        reported.vocab_source = "the log's 'Vocab size' line"
    if "batch" in found:
        reported.tokens_per_iter = _int(found["batch"].group(1))
        config.values["gradient_accumulation_steps"] = to_count(found["batch"].group(2))
        config.origins["gradient_accumulation_steps"] = "log"
    if "params" in found:
        reported.n_params = _int(found["params"].group(1))
        reported.n_params_text = found["params"].group(1)
    if "flops" in found:
        flops = to_float(found["flops"].group(1))
        reported.flops_per_token = flops if math.isfinite(flops) and flops > 0 else None
    if "planned" in found:
        reported.tokens_planned = _int(found["planned"].group(1))
        ratio = to_float(found["ratio"].group(1)) if "ratio" in found else 0.0
        if reported.tokens_planned and math.isfinite(ratio) and ratio > 0:
            scaling = round(reported.tokens_planned / ratio)
            reported.n_params_scaling = scaling if scaling > 0 else None
    run.reported = reported
    if "world" in found:
        run.num_gpus, run.num_gpus_source = int(found["world"].group(1)), "log"
    if "gpu" in found:
        run.gpu_name = found["gpu"].group(1).strip()
        run.gpu_source = "log"
    if max_iters is not None:
        config.values["max_iters"], config.origins["max_iters"] = max_iters, "log"
    run.fine_tune = False  # base_train trains from scratch (a resume continues one)
    run.segments = [
        Segment(
            index=0,
            start_line=1,
            first_step=int(step_arr[0]) if step_arr.size else None,
            last_step=int(step_arr[-1]) if step_arr.size else None,
            resumed=resumed_at is not None,
        )
    ]
    if resumed_at is not None:
        run.notes.append(f"the log resumes from step {resumed_at}")
    if peak_unknown:
        run.notes.append("nanochat knows no peak for this GPU: its printed MFU (0.00) is not used")
    return run
