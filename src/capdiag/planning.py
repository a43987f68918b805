"""Batch planning: micro-batch x accumulation pairs that keep tokens per step and fit memory."""

from __future__ import annotations

from pydantic import BaseModel

from capdiag.findings import Fix
from capdiag.memory import MemoryEstimate, TrainingSetup, estimate_training_memory
from capdiag.params import ModelDims
from capdiag.run import Run
from capdiag.units import human_bytes

# the estimate's device total already counts the CUDA context and allocator slack; keep a
# little more for other processes on the card (display, other jobs)
USABLE_FRACTION = 0.95


class BatchOption(BaseModel):
    batch_size: int
    gradient_accumulation_steps: int  # as nanoGPT's config states it: all GPUs together
    tokens_per_step: int
    memory: MemoryEstimate
    fits: bool | None  # None when the memory budget is unknown


def device_bytes(memory: MemoryEstimate) -> int:
    """What the card must hold: allocated peak plus allocator slack and CUDA context."""
    return memory.components.get("device_total", memory.total_bytes)


def batch_options(
    dims: ModelDims,
    tokens_per_step: int,
    *,
    vram_bytes: int | None,
    dtype: str = "bfloat16",
    compile: bool = False,
    num_gpus: int = 1,
    max_batch: int = 512,
) -> list[BatchOption]:
    """Every micro-batch size that divides the step exactly, best first.

    Best is the largest micro-batch that fits: fewer accumulation steps keep the GPU busy.
    """
    sequences = max(1, round(tokens_per_step / dims.block_size / num_gpus))
    options = []
    for batch in range(1, min(sequences, max_batch) + 1):
        if sequences % batch:
            continue
        memory = estimate_training_memory(
            dims,
            TrainingSetup(
                batch_size=batch,
                block_size=dims.block_size,
                dtype=dtype,
                compile=compile,
                gradient_accumulation_steps=sequences // batch,
            ),
        )
        fits = None if vram_bytes is None else device_bytes(memory) <= USABLE_FRACTION * vram_bytes
        options.append(
            BatchOption(
                batch_size=batch,
                gradient_accumulation_steps=sequences // batch * num_gpus,
                tokens_per_step=sequences * dims.block_size * num_gpus,
                memory=memory,
                fits=fits,
            )
        )
    return sorted(options, key=lambda o: (o.fits is False, -o.batch_size))


def batch_fixes_for(run: Run, new_dims: ModelDims) -> list[Fix]:
    """The batch_size / gradient_accumulation_steps change a resized model needs."""
    tokens = run.figures.tokens_per_iter
    if not tokens or run.vram_bytes is None:
        return []
    options = batch_options(
        new_dims,
        tokens,
        vram_bytes=run.vram_bytes,
        dtype=str(run.config.get("dtype", "bfloat16")),
        compile=bool(run.config.get("compile", False)),
        num_gpus=run.num_gpus,
    )
    best = next((o for o in options if o.fits), None)
    if best is None:
        return []
    current_batch = run.config.get("batch_size")
    current_accum = run.config.get("gradient_accumulation_steps")
    if best.batch_size == current_batch and best.gradient_accumulation_steps == current_accum:
        return []
    why = (
        f"keeps {best.tokens_per_step:,} tokens per step; estimated "
        f"{human_bytes(device_bytes(best.memory))} on a {human_bytes(run.vram_bytes)} card"
    )
    return [
        Fix(key="batch_size", value=best.batch_size, current=current_batch, reason=why),
        Fix(
            key="gradient_accumulation_steps",
            value=best.gradient_accumulation_steps,
            current=current_accum,
            reason=why,
        ),
    ]
