"""`capdiag plan`: batch options that fit, step time, token budget and epochs for a model.

Registered in :mod:`capdiag.cli` as ``app.command("plan")(plan)``.
"""

from __future__ import annotations

import json
import math
import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from capdiag.commands.options import fail

if TYPE_CHECKING:  # planning pulls in numpy and the models: imported when a plan runs
    from rich.console import Console

    from capdiag.arithmetic.planning import Plan


class PlanFormat(StrEnum):
    text = "text"
    json = "json"


_COUNT = re.compile(r"^\s*([0-9][0-9_,]*(?:\.[0-9]+)?(?:e[0-9]+)?)\s*([kmbgt]?)\s*$", re.I)
_COUNT_POWERS = {"": 0, "k": 3, "m": 6, "b": 9, "g": 9, "t": 12}


def parse_count(text: str, option: str) -> int:
    """'524288', '524,288', '524_288', '10B', '2.5e9', '512K' (decimal: K = 1,000) -> int."""
    m = _COUNT.match(text)
    if not m:
        fail(f"{option}: not a count: {text!r} (e.g. 524288, 10B, 2.5e9)")
    value = (
        float(m.group(1).replace(",", "").replace("_", ""))
        * 10 ** _COUNT_POWERS[m.group(2).lower()]
    )
    if not math.isfinite(value) or value < 1 or value > 1e18 or value != int(value):
        fail(f"{option}: expected a positive whole number, got {text!r}")
    return int(value)


_MEMORY_DTYPES = ("bfloat16", "float16", "float32")


def _dtype(raw: str) -> str:
    from capdiag.arithmetic.gpus import canonical_dtype

    dtype = canonical_dtype(raw)
    if dtype not in _MEMORY_DTYPES:
        fail(f"--dtype {raw!r}: expected one of {', '.join(_MEMORY_DTYPES)}")
    return dtype


def plan(
    model: Annotated[
        str | None,
        typer.Argument(
            help="nanoGPT config (.py/.yaml/.json), a Hugging Face config.json (or its "
            "directory), or a preset: gpt2, gpt2-medium, gpt2-large, gpt2-xl."
        ),
    ] = None,
    gpu: Annotated[
        str | None, typer.Option(help='GPU to train on, e.g. "RTX 4070" (see `capdiag gpus`).')
    ] = None,
    vram: Annotated[
        str | None, typer.Option(help="GPU memory, e.g. 12GB (GB = GiB); overrides --gpu's.")
    ] = None,
    tokens_per_step: Annotated[
        str | None,
        typer.Option(
            help="Target tokens per optimizer step, all GPUs together (default: the config's "
            "batch_size x gradient_accumulation_steps x block_size, else 524288)."
        ),
    ] = None,
    tokens: Annotated[
        str | None,
        typer.Option(
            help="Token budget, e.g. 10B (default: max_iters x tokens per step when the "
            "config sets max_iters)."
        ),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override a config value or dimension, e.g. n_embd=768."),
    ] = None,
    dtype: Annotated[
        str | None, typer.Option(help="bfloat16, float16 or float32 (default: the config's).")
    ] = None,
    compile_: Annotated[
        bool | None,
        typer.Option("--compile/--no-compile", help="torch.compile (default: the config's)."),
    ] = None,
    num_gpus: Annotated[int, typer.Option(min=1, help="GPUs in the data-parallel run.")] = 1,
    mfu: Annotated[
        float | None,
        typer.Option(help="Assumed model-FLOPs utilisation, a fraction (default 0.4)."),
    ] = None,
    dataset: Annotated[
        str | None,
        typer.Option(help="Dataset for epochs: openwebtext, fineweb10B, tinystories, ..."),
    ] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option(help="nanoGPT data directory: sizes of its train.bin and val.bin."),
    ] = None,
    output: Annotated[
        PlanFormat, typer.Option("--format", "-f", help="Output: text or json.")
    ] = PlanFormat.text,
) -> None:
    """Plan a run: batch_size x gradient_accumulation_steps pairs that fit, step time, budget."""
    from capdiag.arithmetic.gpus import find_gpu
    from capdiag.arithmetic.planning import (
        DEFAULT_MFU,
        DEFAULT_TOKENS_PER_STEP,
        DataSize,
        PlanInputError,
        load_model,
        make_plan,
    )
    from capdiag.datasets import DataDirError, find_dataset, has_meta, sizes_from_data_dir
    from capdiag.units import parse_size

    mfu = DEFAULT_MFU if mfu is None else mfu
    if not 0.0 < mfu <= 1.0:
        fail(f"--mfu is a fraction in (0, 1], got {mfu:g} (40% is 0.4)")
    try:
        resolved = load_model(model, set_ or [])
    except PlanInputError as exc:
        fail(str(exc))
    notes = list(resolved.notes)

    spec = None
    if gpu:
        spec = find_gpu(gpu)
        if spec is None:
            fail(f"--gpu {gpu!r}: unknown GPU (see `capdiag gpus`)")
    vram_bytes = None
    if vram:
        try:
            vram_bytes = parse_size(vram)
        except ValueError as exc:
            fail(f"--vram: {exc}")
        if vram_bytes <= 0:
            fail(f"--vram: must be positive, got {vram!r}")
    elif spec is not None and not spec.mem_gb:
        notes.append(f"{spec.name}: memory size unknown; give --vram")

    training = resolved.training
    if dtype is not None:
        chosen_dtype = _dtype(dtype)
    else:
        chosen_dtype = _dtype(str(training.get("dtype", "bfloat16")))
    chosen_compile = compile_ if compile_ is not None else bool(training.get("compile", False))

    if tokens_per_step is not None:
        target = parse_count(tokens_per_step, "--tokens-per-step")
    elif resolved.tokens_per_step is not None:
        target = resolved.tokens_per_step
    else:
        target = DEFAULT_TOKENS_PER_STEP
        notes.append(f"tokens per step not given: {target:,} assumed (--tokens-per-step)")

    budget = tokens_source = None
    if tokens is not None:
        budget, tokens_source = parse_count(tokens, "--tokens"), "--tokens"
    elif "max_iters" in resolved.explicit:
        try:
            iters = int(training["max_iters"])
        except (TypeError, ValueError):
            fail(f"max_iters must be a whole number, got {training['max_iters']!r}")
        if iters > 0:
            budget, tokens_source = iters * target, f"max_iters {iters:,} x tokens per step"

    data = None
    if data_dir is not None:
        try:
            train, val = sizes_from_data_dir(data_dir)
        except DataDirError as exc:
            fail(str(exc))
        data = DataSize(
            name=dataset or data_dir.name,
            source=f"{data_dir}/train.bin and val.bin sizes (uint16 tokens)",
            train_tokens=train,
            val_tokens=val,
        )
        if has_meta(data_dir):
            notes.append(
                f"{data_dir}/meta.pkl exists: a custom vocabulary (nanoGPT reads vocab_size "
                "from it); capdiag does not unpickle it, so give --set vocab_size=N"
            )
    else:
        name = dataset or training.get("dataset")
        info = find_dataset(str(name)) if name else None
        if dataset and info is None:
            from capdiag.datasets import CATALOG

            fail(f"--dataset {dataset!r}: unknown (known: {', '.join(CATALOG)}; or --data-dir)")
        if info is not None:
            data = DataSize(
                name=info.name,
                source=info.source,
                train_tokens=info.train_tokens,
                val_tokens=info.val_tokens,
                approximate=info.approximate,
            )
            if info.tokenizer == "gpt2" and resolved.dims.vocab_size not in (50257, 50304):
                notes.append(
                    f"{info.name} is counted in GPT-2 tokens; a {resolved.dims.vocab_size:,}-"
                    "entry vocabulary splits it differently, so epochs are approximate"
                )
        elif name:
            notes.append(f"dataset {name!r} is not in capdiag's catalog: give --data-dir")

    try:
        result = make_plan(
            resolved.dims,
            tokens_per_step=target,
            model=resolved.source,
            gpu=spec,
            vram_bytes=vram_bytes,
            dtype=chosen_dtype,
            compile=chosen_compile,
            num_gpus=num_gpus,
            mfu=mfu,
            tokens=budget,
            tokens_source=tokens_source,
            data=data,
            notes=notes,
        )
    except PlanInputError as exc:
        fail(str(exc))

    if output is PlanFormat.json:
        typer.echo(json.dumps(result.model_dump(mode="json"), indent=2))
    else:
        from rich.console import Console

        render_plan(result, Console())


_NOT_FITTING_SHOWN = 2


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.1f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.1f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def render_plan(plan: Plan, console: Console) -> None:
    """The plan as rich text: the header, the ranked options, budget and data."""
    from rich.table import Table

    from capdiag.units import human_bytes, human_count

    d = plan.dims
    console.print(f"[bold]capdiag plan[/bold]: {plan.model}")
    console.print(
        f"model: {human_count(plan.n_params)} parameters "
        f"({human_count(plan.n_params_non_embedding)} without position embeddings, as nanoGPT "
        f"counts) · "
        f"{d.n_layer} layers × {d.n_embd} · {d.n_head} heads · block {d.block_size:,} · "
        f"vocab {d.vocab_size:,}"
    )
    where = plan.gpu or "GPU unknown"
    if plan.vram_bytes is not None:
        where += f", {human_bytes(plan.vram_bytes)} (plan keeps {plan.usable_fraction:.0%})"
    console.print(
        f"training: {where} × {plan.num_gpus} · {plan.dtype} · "
        f"compile {'on' if plan.compile else 'off'} · {plan.tokens_per_step:,} tokens per step"
    )

    table = Table(title="batch_size × gradient_accumulation_steps, best first")
    for column in ("#", "batch_size", "grad_accum", "tokens/step", "est. memory", "fits"):
        table.add_column(column, justify="right")
    shown = [o for o in plan.options if o.fits is not False] + [
        o for o in plan.options if o.fits is False
    ][:_NOT_FITTING_SHOWN]
    for o in shown:
        fits = {True: "[green]yes[/green]", False: "[red]no[/red]", None: "?"}[o.fits]
        table.add_row(
            str(o.rank),
            str(o.batch_size),
            str(o.gradient_accumulation_steps),
            f"{o.tokens_per_step:,}",
            human_bytes(o.memory_bytes),
            fits,
            style=None if o.fits is not False else "dim",
        )
    console.print(table)
    hidden = len(plan.options) - len(shown)
    if hidden:
        console.print(f"[dim]{hidden} larger micro-batches do not fit either (--format json)[/dim]")
    if plan.best is not None:
        console.print(
            f"[bold]best[/bold]: batch_size = {plan.best.batch_size}, "
            f"gradient_accumulation_steps = {plan.best.gradient_accumulation_steps} "
            f"({plan.best.tokens_per_step:,} tokens per step, about "
            f"{human_bytes(plan.best.memory_bytes)} on the card)"
        )
    if plan.step_time_s is not None and plan.peak_flops:
        console.print(
            f"step time at {plan.mfu:.0%} MFU: {_duration(plan.step_time_s)} "
            f"({human_count(plan.tokens_per_second or 0)} tokens/s; "
            f"{plan.peak_flops / 1e12:.1f} TFLOPS {plan.peak_flops_dtype} dense peak per GPU, "
            f"{human_count(plan.flops_per_token)} FLOPs per token)"
        )
    if plan.tokens is not None:
        time = f", {_duration(plan.train_time_s)}" if plan.train_time_s is not None else ""
        console.print(
            f"budget: {human_count(plan.tokens)} tokens ({plan.tokens_source}) = "
            f"{plan.steps:,} steps{time}; {plan.tokens_per_param:.1f} tokens per parameter "
            f"(Chinchilla ≈ {plan.chinchilla_tokens_per_param:.0f})"
        )
        scaling = Table(title=f"compute {plan.scaling[0].compute_flops:.2e} FLOPs (6ND)")
        for column in ("fit", "optimal N", "optimal D", "D/N", "D for this model", "loss gap"):
            scaling.add_column(column, justify="right")
        for s in plan.scaling:
            scaling.add_row(
                s.law,
                human_count(s.optimal_params),
                human_count(s.optimal_tokens),
                f"{s.optimal_tokens_per_param:.1f}",
                human_count(s.model_optimal_tokens),
                f"{s.loss_gap:.3f}",
            )
        console.print(scaling)
        sources = "; ".join(f"{s.law}: {s.source}" for s in plan.scaling)
        console.print(f"[dim]{sources}[/dim]")
        console.print(f"[dim]loss gap (nats, here minus optimum): {plan.loss_caveat}[/dim]")
    if plan.data is not None:
        data = plan.data
        about = "about " if data.approximate else ""
        line = f"data: {data.name}, {about}{human_count(data.train_tokens)} train tokens"
        if data.epochs is not None and data.effective_fraction is not None:
            line += (
                f" → {data.epochs:.2f} epochs; worth {data.effective_fraction:.0%} of as many "
                f"fresh tokens ({data.discount_source})"
            )
        console.print(line)
        console.print(f"[dim]source: {data.source}[/dim]")
    for note in plan.notes:
        console.print(f"[yellow]note[/yellow]: {note}")
