"""From files on disk to one `Run`: detect the format, parse, resolve the config, compute."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from capdiag import flops
from capdiag.config import (
    NANOGPT_DEFAULTS,
    ConfigError,
    ParsedConfig,
    build_config,
    parse_override_value,
    parse_python_config,
    read_config_file,
)
from capdiag.gpus import find_gpu, find_gpu_in_text
from capdiag.params import GPT2_VOCAB_PADDED, ModelDims, count_params
from capdiag.parsers.nanogpt import SNIFF, ParsedLog, parse_nanogpt_log
from capdiag.run import Figures, Reported, Run, Series
from capdiag.units import parse_size


class InputError(ValueError):
    """Unreadable or unrecognised input: one line for the user, exit code 2."""


def _sniff(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(1 << 20)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    if SNIFF.search(head) or b"tokens per iteration will be:" in head:
        return "nanogpt"
    if b"Overriding config with" in head:
        return "nanogpt"
    raise InputError(f"{path}: not a recognised training log (capdiag reads nanoGPT logs)")


def parse_sets(sets: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for item in sets:
        key, sep, raw = item.partition("=")
        key = key.strip().lstrip("-")
        if not sep or not key:
            raise InputError(f"--set expects key=value, got {item!r}")
        values[key] = parse_override_value(raw.strip())
    return values


def load_run(
    log_path: Path,
    config_path: Path | None = None,
    sets: list[str] | None = None,
    gpu: str | None = None,
    vram: str | None = None,
    num_gpus: int = 1,
) -> Run:
    if not log_path.is_file():
        raise InputError(f"{log_path}: no such file")
    fmt = _sniff(log_path)
    assert fmt == "nanogpt"
    parsed = parse_nanogpt_log(log_path)
    run = Run(
        source=str(log_path),
        format=fmt,
        framework="nanoGPT",
        config=_config(parsed, config_path, sets or []),
    )
    run.num_gpus = num_gpus
    _fill_series(run, parsed)
    run.events = parsed.events
    run.segments = parsed.segments
    run.checkpoint_steps = parsed.checkpoint_steps
    run.reported = Reported(
        n_params=round(float(parsed.n_params_text[:-1]) * 1e6) if parsed.n_params_text else None,
        n_params_text=parsed.n_params_text,
        tokens_per_iter=parsed.tokens_per_iter,
        vocab_size=parsed.vocab_size,
        vocab_source=parsed.vocab_source,
        fused_adamw=parsed.fused_adamw,
        compiled=parsed.compiled,
    )
    run.dims = _dims(run)
    _resolve_gpu(run, gpu, vram)
    run.figures = compute_figures(run, parsed)
    return run


def _config(parsed: ParsedLog, config_path: Path | None, sets: list[str]) -> Any:
    layers: list[tuple[str, ParsedConfig]] = []
    patch_target: tuple[str, str] | None = None
    if config_path is not None:
        try:
            file_config, text = read_config_file(config_path)
        except ConfigError as exc:
            raise InputError(str(exc)) from exc
        layers.append(("config", file_config))
        patch_target = (str(config_path), text)
    else:
        for name, text in parsed.echoed_configs:
            try:
                layers.append((f"log-echo:{name}", parse_python_config(text, name)))
            except ConfigError:
                continue
            patch_target = (name, text)
    overrides = [("log-override", parsed.overrides), ("--set", parse_sets(sets))]
    return build_config(NANOGPT_DEFAULTS, layers, overrides, patch_target)


def _fill_series(run: Run, parsed: ParsedLog) -> None:
    dropout = run.config.number("dropout") or 0.0
    if parsed.iter_step.size:
        run.series["train_loss"] = Series(
            name="train_loss",
            steps=parsed.iter_step,
            values=parsed.iter_loss,
            mode="train-batch",
            dropout_active=dropout > 0,
            description="iter lines: last micro-batch's loss x grad-accum, train mode",
        )
        run.series["step_time_ms"] = Series(
            name="step_time_ms",
            steps=parsed.iter_step,
            values=parsed.iter_time_ms,
            description="wall time since the previous iteration (includes eval/checkpoint work)",
        )
        run.series["mfu_reported"] = Series(
            name="mfu_reported",
            steps=parsed.iter_step,
            values=parsed.iter_mfu,
            description="nanoGPT's running MFU vs A100 312 TFLOPS; -1.0 is the warm-up sentinel",
        )
        run.series["segment"] = Series(
            name="segment", steps=parsed.iter_step, values=parsed.iter_segment.astype(np.float64)
        )
    if parsed.eval_step.size:
        for name, values in (("eval_train_loss", parsed.eval_train), ("val_loss", parsed.eval_val)):
            run.series[name] = Series(
                name=name,
                steps=parsed.eval_step,
                values=values,
                mode="eval",
                dropout_active=False,
                description="step lines: estimate_loss() in eval mode over eval_iters batches",
            )


def _dims(run: Run) -> ModelDims | None:
    c = run.config
    try:
        vocab = run.reported.vocab_size or int(c.get("vocab_size") or GPT2_VOCAB_PADDED)
        dims = ModelDims(
            n_layer=int(c.get("n_layer")),
            n_head=int(c.get("n_head")),
            n_embd=int(c.get("n_embd")),
            block_size=int(c.get("block_size")),
            vocab_size=vocab,
            bias=bool(c.get("bias")),
        )
    except (TypeError, ValueError):
        run.notes.append("model dimensions could not be read from the config")
        return None
    if run.reported.vocab_size is None and c.get("vocab_size") is None:
        run.notes.append(
            f"vocab size not in the log; assumed nanoGPT's default {GPT2_VOCAB_PADDED}"
        )
    return dims


def _resolve_gpu(run: Run, gpu: str | None, vram: str | None) -> None:
    if gpu:
        spec = find_gpu(gpu)
        if spec is None:
            raise InputError(f"--gpu {gpu!r}: unknown GPU (see `capdiag gpus`)")
        run.gpu_name, run.gpu_source = spec.name, "--gpu"
    else:
        for event in run.events:
            spec = find_gpu_in_text(event.text)
            if spec is not None:
                run.gpu_name, run.gpu_source = spec.name, f"log line {event.line}"
                break
    if vram:
        try:
            run.vram_bytes = parse_size(vram)
        except ValueError as exc:
            raise InputError(f"--vram: {exc}") from exc
    elif run.gpu_name:
        spec = find_gpu(run.gpu_name)
        if spec is not None and spec.mem_gb:
            run.vram_bytes = int(spec.mem_gb * 1024**3)


def steady_iterations(run: Run) -> np.ndarray:
    """A mask over the iter lines that measure plain training speed.

    Leaves out each process's first five iterations (compilation and warm-up; nanoGPT's
    own MFU skips them too) and iterations whose wall time includes an eval or a checkpoint.
    """
    times = run.metric("step_time_ms")
    segments = run.metric("segment")
    if times is None or segments is None:
        return np.zeros(0, dtype=bool)
    steps = times.steps
    mask = np.ones(steps.size, dtype=bool)
    for seg in np.unique(segments.values):
        in_seg = segments.values == seg
        first = steps[in_seg].min()
        mask &= ~(in_seg & (steps < first + 5))
    eval_interval = run.config.number("eval_interval")
    if eval_interval and eval_interval > 0:
        mask &= steps % int(eval_interval) != 0
    if run.checkpoint_steps:
        mask &= ~np.isin(steps, np.array(run.checkpoint_steps))
    keep: np.ndarray = mask & np.isfinite(times.values) & (times.values > 0)
    return keep


def compute_figures(run: Run, parsed: ParsedLog) -> Figures:
    f = Figures()
    c = run.config
    dtype = str(c.get("dtype", "bfloat16"))
    f.dtype = dtype
    batch, accum, block = (
        c.number("batch_size"),
        c.number("gradient_accumulation_steps"),
        c.number("block_size"),
    )
    if batch and accum and block:
        f.tokens_per_iter_config = int(batch * accum * block)
    f.tokens_per_iter = parsed.tokens_per_iter or f.tokens_per_iter_config
    if (
        parsed.tokens_per_iter
        and f.tokens_per_iter_config
        and parsed.tokens_per_iter != f.tokens_per_iter_config
    ):
        run.notes.append(
            f"the log printed {parsed.tokens_per_iter:,} tokens per iteration; the config gives "
            f"{f.tokens_per_iter_config:,} (batch_size x gradient_accumulation_steps x block_size)"
        )
    last = run.last_step
    if last is not None:
        ends_on_iter = parsed.iter_step.size and int(parsed.iter_step.max()) == last
        f.iterations = last + 1 if ends_on_iter else last
    if run.dims is not None:
        counts = count_params(run.dims)
        f.n_params, f.n_params_non_embedding = counts.total, counts.non_embedding
        f.n_params_reported = run.reported.n_params
        if run.reported.n_params is not None and round(counts.non_embedding / 1e4) != round(
            run.reported.n_params / 1e4
        ):
            run.notes.append(
                f"the log printed {run.reported.n_params_text} parameters but the config gives "
                f"{counts.non_embedding / 1e6:.2f}M: the config may not be the one that ran"
            )
        f.flops_per_token = flops.flops_per_token(run.dims)
        if f.tokens_per_iter:
            f.flops_per_iter = f.flops_per_token * f.tokens_per_iter
    if f.iterations is not None and f.tokens_per_iter:
        f.tokens_seen = f.iterations * f.tokens_per_iter
        if f.n_params:
            f.tokens_per_param = f.tokens_seen / f.n_params
            f.compute_flops = 6.0 * f.n_params * f.tokens_seen
    reported = run.metric("mfu_reported")
    if reported is not None:
        valid = reported.values[reported.values > -0.99]
        f.mfu_reported = float(valid[-1]) if valid.size else None
    times = run.metric("step_time_ms")
    mask = steady_iterations(run)
    if times is not None and mask.any():
        f.steady_iterations = int(mask.sum())
        f.step_time_s = float(np.median(times.values[mask])) / 1000.0
        if f.flops_per_iter:
            per_gpu = f.flops_per_iter / max(run.num_gpus, 1)
            f.mfu_a100 = flops.mfu(per_gpu, f.step_time_s, flops.NANOGPT_PROMISED_FLOPS)
            spec = find_gpu(run.gpu_name) if run.gpu_name else None
            # nanoGPT enables TF32 matmuls, so its float32 runs use the TF32 tensor rate
            peak_dtype = "tf32" if dtype == "float32" and run.framework == "nanoGPT" else dtype
            peak = spec.peak_flops(peak_dtype) if spec else None
            if peak:
                f.gpu_peak_flops = peak
                f.mfu = flops.mfu(per_gpu, f.step_time_s, peak)
    return f
