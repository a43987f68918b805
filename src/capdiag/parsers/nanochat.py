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
  a resume (``Resuming optimization from step N``); midtraining and SFT print the
  checkpoint they start from (``Loading model from DIR with step N``): a fine-tune.
  ``Tokens : Scaling params ratio: R`` is tokens per *scaling* parameter (matrices and
  lm_head, without the embedding and value-embedding tables, which are lookups that cost
  no FLOPs): that count is the one the compute-optimal ratio is judged on.
- ``report.md`` (or its ``base-model-training.md`` section), written by ``nanochat.report``
  at the end of a run: ``- key: value`` lines. Only the ``## Base model training`` section
  is read (midtraining and SFT print the same keys): the planned iterations and tokens,
  the parameters (with newer versions' ``Tokens : Scaling params ratio``, the scaling
  count is tokens / ratio; older ones divide by all parameters), the world size, the
  GPUs, the tokenizer's vocabulary, and the final validation bpb as one evaluation at the
  last step. No curve: rules that need one skip. The report's MFU is not used: older
  versions measure it against an H100 whatever the GPU.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np

from capdiag.messages import make_event
from capdiag.parsers import LoadContext, ParseError
from capdiag.parsers.fields import (
    MAX_COUNT,
    bounded_lines,
    layout,
    read_fields,
    to_count,
    to_float,
)
from capdiag.parsers.jsonl import generic_config
from capdiag.run import Event, Reported, Run, Segment, Series

NAME = "nanochat"

# every line read by its fields as printed (capdiag.parsers.fields); the step line's
# metrics by `read_fields`, after its counter
_STEP = layout("step {step:int}/{max:int} ({pct}%) | loss: ")
_STEP_OPEN = layout("step {step:int} ({pct}%) | loss: ")  # older: no planned total
_EPOCH_PREFIX = re.compile(rb"E\d{1,4} (?=step \d)")
_VAL = layout("Step {step:int} | Validation bpb: {bpb}")
_HEADER = (
    ("world", layout("Distributed world size: {world:int}", anywhere=True)),
    ("vocab", layout("Vocab size: {vocab:count}")),
    ("batch", layout("Total batch size {tokens:count} => gradient accumulation steps: {n:int}")),
    ("params", layout("total  :  {params:count}")),
    ("params", layout("Number of parameters:  {params:count}")),
    ("flops", layout("Estimated FLOPs per token:  {flops}")),
    ("flops", layout("Estimated FLOPs per token (total):  {flops}")),
    ("ratio", layout("Tokens : Scaling params ratio: {ratio}")),
    ("planned", layout("Total number of training tokens: {tokens:count}")),
    ("resume", layout("Resuming optimization from step {step:int}")),
    ("gpu", layout("GPU: {name:text} | Peak FLOPS (BF16): {peak}")),
    # checkpoint_manager.load_model: midtraining and SFT start from a trained checkpoint
    ("loaded", layout("Loading model from {path} with step {step:int}", anywhere=True)),
)
# report.md: the `## Base model training` section's `- key: value` lines
_REPORT_SECTION = b"## Base model training"
_REPORT = (
    ("iterations", layout("- Calculated number of iterations: {n:count}")),
    ("iterations", layout("- num_iterations: {n:count}")),
    ("params", layout("- Number of parameters: {params:count}")),
    ("planned", layout("- Number of training tokens: {tokens:count}")),
    ("scaling", layout("- Tokens : Scaling params ratio: {ratio}")),
    ("world", layout("- DDP world size: {world:int}")),
    ("bpb", layout("- Final validation bpb: {bpb}")),
)
_REPORT_GPUS = layout("- GPUs: {n:int}x {name:text}", whole_line=True)
_REPORT_VOCAB = layout("- vocab_size: {vocab:count}")
SNIFF = re.compile(
    rb"^(?:step \d{5}(?:/\d+)? \([\d.]+%\) \| loss: \S+ \| lrm: |Step \d{5} \| Validation bpb: )",
    re.M,
)


def sniff(path: Path, head: bytes) -> int:
    if SNIFF.search(head):
        return 95
    if _REPORT_SECTION in head and b"- Number of training tokens: " in head:
        return 90
    # a run that died before its first step still printed nanochat's header
    return 80 if b"nanochat.common - " in head or b"Tokens : Scaling params ratio" in head else 0


def _int(raw: bytes) -> int | None:
    return to_count(raw.replace(b",", b"")) if raw.strip(b",") else None


def _scaling_params(tokens: int | None, ratio: re.Match[bytes] | None) -> int | None:
    """The scaling parameters behind a printed "Tokens : Scaling params ratio": tokens over
    the ratio (None for a ratio that is not a positive number, or a count past any model)."""
    value = to_float(ratio.group(1)) if ratio is not None else 0.0
    if not tokens or not math.isfinite(value) or value <= 0:
        return None
    scaling = tokens / value  # inf for a ratio of 1e-320
    return round(scaling) if 0 < scaling < MAX_COUNT else None


def load(path: Path, ctx: LoadContext) -> Run:
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    if not SNIFF.search(head) and _REPORT_SECTION in head:
        return _load_report(path, ctx)
    steps: list[int] = []
    cols: dict[str, list[float]] = {"loss": [], "dt": [], "tok/sec": [], "mfu": []}
    val_steps: list[int] = []
    val_bpb: list[float] = []
    events: list[Event] = []
    found: dict[str, re.Match[bytes]] = {}
    last: int | None = None
    resumed_at: int | None = None
    max_iters: int | None = None
    with path.open("rb") as handle:
        for line_no, raw in enumerate(bounded_lines(handle), start=1):
            text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            if raw[:1] == b"E" and (epoch := _EPOCH_PREFIX.match(raw)):
                raw = raw[epoch.end() :]  # a fork's epoch before the step: "E00 step ..."
                text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            if m := _STEP.match(raw) or _STEP_OPEN.match(raw):
                fields = read_fields(text[m.end() - len("loss: ") :])  # an ASCII prefix
                last = int(m["step"])
                if m.re is _STEP:
                    max_iters = int(m["max"])
                steps.append(last)
                for key, values in cols.items():
                    values.append(fields.get(key, float("nan")))
                continue
            if m := _VAL.match(raw):
                val_steps.append(int(m["step"]))
                val_bpb.append(to_float(m["bpb"]))
                # after that many updates: what follows happened there (the last one is
                # the final evaluation, after the last step line)
                last = max(last, val_steps[-1]) if last is not None else val_steps[-1]
                continue
            for name, pattern in _HEADER:
                if name not in found and (hm := pattern.search(raw)):
                    if name == "loaded" and steps:
                        break  # a later stage of a speedrun log: the first one trained
                    found[name] = hm
                    if name == "resume":
                        resumed_at = int(hm["step"])
                    break
            else:
                event = make_event(line_no, text, last, plain=None)
                if event is not None:
                    events.append(event)
    config = generic_config([], ctx.sets, None, None)
    run = Run(source=str(path), format=NAME, framework="nanochat", config=config)
    run.steps_start_at_zero = False
    run.events = events
    run.messages_read = True
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
    peak_unknown = "gpu" in found and found["gpu"]["peak"] in (b"inf", b"0", b"0.0")
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
        reported.n_params_text = found["params"]["params"].decode()
    if "flops" in found:
        flops = to_float(found["flops"].group(1))
        reported.flops_per_token = flops if math.isfinite(flops) and flops > 0 else None
    if "planned" in found:
        reported.tokens_planned = _int(found["planned"].group(1))
        reported.n_params_scaling = _scaling_params(reported.tokens_planned, found.get("ratio"))
    run.reported = reported
    if "world" in found:
        run.num_gpus, run.num_gpus_source = int(found["world"]["world"]), "log"
    if "gpu" in found:
        run.gpu_name = found["gpu"]["name"].decode("utf-8", errors="replace").strip()
        run.gpu_source = "log"
    if max_iters is not None:
        config.values["max_iters"], config.origins["max_iters"] = max_iters, "log"
    # base_train trains from scratch (a resume continues one); midtraining and SFT load a
    # trained model before their first step
    run.fine_tune = "loaded" in found and resumed_at is None
    if run.fine_tune:
        where = found["loaded"]["path"].decode("utf-8", errors="replace")
        run.notes.append(f"a fine-tune of the checkpoint in {where}")
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


def _load_report(path: Path, ctx: LoadContext) -> Run:
    """A ``report.md``: the base-training section's summary, one evaluation, no curve."""
    found: dict[str, re.Match[bytes]] = {}
    section = False
    with path.open("rb") as handle:
        for raw in bounded_lines(handle):
            if raw.startswith(b"## "):
                section = raw.startswith(_REPORT_SECTION)
                continue
            if (m := _REPORT_GPUS.match(raw)) and "gpus" not in found:
                found["gpus"] = m
            elif (m := _REPORT_VOCAB.match(raw)) and "vocab" not in found:
                found["vocab"] = m  # the tokenizer section's
            if not section:
                continue
            for name, pattern in _REPORT:
                if name not in found and (m := pattern.match(raw)):
                    found[name] = m
                    break
    if "planned" not in found and "bpb" not in found:
        raise ParseError(f"{path}: no '## Base model training' figures in the nanochat report")
    config = generic_config([], ctx.sets, None, None)
    run = Run(source=str(path), format=NAME, framework="nanochat", config=config)
    run.steps_start_at_zero = False
    run.fine_tune = False
    run.loss_unit = "bits"  # its one loss is the validation bpb
    reported = Reported()
    iterations = _int(found["iterations"]["n"]) if "iterations" in found else None
    if iterations is not None and iterations > 0:
        config.values["max_iters"], config.origins["max_iters"] = iterations, "log"
    if "params" in found:
        reported.n_params = _int(found["params"]["params"])
        reported.n_params_text = found["params"]["params"].decode()
    if "vocab" in found:
        reported.vocab_size = _int(found["vocab"]["vocab"])
        reported.vocab_source = "the report's tokenizer 'vocab_size'"
    if "planned" in found:
        reported.tokens_planned = _int(found["planned"]["tokens"])
        # base_train writes its section after the last step: the plan was trained
        reported.tokens_seen = reported.tokens_planned
        reported.n_params_scaling = _scaling_params(reported.tokens_planned, found.get("scaling"))
    run.reported = reported
    if "world" in found:
        run.num_gpus, run.num_gpus_source = int(found["world"]["world"]), "log"
    if "gpus" in found:
        run.gpu_name = found["gpus"]["name"].decode("utf-8", errors="replace").strip()
        run.gpu_source = "log"
    bpb = to_float(found["bpb"]["bpb"]) if "bpb" in found else float("nan")
    if math.isfinite(bpb) and iterations:
        run.series["val_bpb"] = Series(
            name="val_bpb",
            steps=np.array([iterations], dtype=np.int64),
            values=np.array([bpb]),
            mode="eval",
            description="final validation bits per byte, as the report states it",
        )
    run.notes.append("a nanochat report: a summary of the run, with no loss curve")
    return run
