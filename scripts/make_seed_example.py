"""Rebuild examples/ for the seed run: a nanoGPT log and config from the seed note's facts.

The seed note (shared/seed/, summarised in DEVELOPERS.md) gives the facts: the config's
``# model (~125M parameters)`` comment with n_layer 12, n_head 12, n_embd 384, dropout 0.1,
batch_size 16, 524,288 tokens per step; ``number of parameters: 40.56M``; step 14500 with
train 3.6415 and val 3.5696; a printed MFU of 11-12% on an RTX 4070 (12 GB); and inductor's
``Not enough SMs`` warning. The user's full log is not public, so this script writes one in
nanoGPT's exact line formats (train.py / model.py / configurator.py print statements), with a
smooth loss curve through those figures, deterministic noise, and the printed MFU computed
the way nanoGPT computes it (running average, A100 basis). It is an example, not a real log.

    python scripts/make_seed_example.py
"""

from __future__ import annotations

import math
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG_NAME = "config/train_gpt2_fineweb.py"

CONFIG = """\
# train "GPT-2" on FineWeb on one RTX 4070 (12 GB)
# launch: python train.py config/train_gpt2_fineweb.py
out_dir = 'out-fineweb'
eval_interval = 500
eval_iters = 200
log_interval = 10

wandb_log = False

dataset = 'fineweb'
# ~0.5M tokens per step: 16 batch * 1024 block * 32 grad accum = 524,288
gradient_accumulation_steps = 32
batch_size = 16
block_size = 1024

# model (~125M parameters)
n_layer = 12
n_head = 12
n_embd = 384
dropout = 0.1
bias = False

learning_rate = 6e-4
max_iters = 20000
lr_decay_iters = 20000
min_lr = 6e-5
warmup_iters = 700
weight_decay = 1e-1

compile = True
"""

N_NON_EMBEDDING = 40_560_000  # 12 layers, n_embd 384, vocab 50304, block 1024, no bias
L, H, Q, T = 12, 12, 32, 1024
FLOPS_PER_ITER = (6 * N_NON_EMBEDDING + 12 * L * H * Q * T) * T * 16 * 32
STEP_MS = 4380.0  # gives nanoGPT's printed ~11.5% (A100 basis)
LAST_STEP = 14500


def eval_loss(step: int) -> float:
    """A saturating curve: ~10.95 at step 0, 3.5696 at step 14500.

    A fast early drop (exponential) on top of a slow power law in steps whose remaining
    gap is 0.04 nats at the end, so the last doubling of tokens gains about 0.01 nats.
    """
    floor, slow_p = 3.5296, 0.3
    slow = (3.5696 - floor) / (1 + LAST_STEP / 100) ** -slow_p
    fast = 10.95 - floor - slow
    return floor + slow * (1 + step / 100) ** -slow_p + fast * math.exp(-step / 250)


def main() -> None:
    rng = random.Random(14500)
    out: list[str] = [f"Overriding config with {CONFIG_NAME}:", CONFIG]
    out += [
        "tokens per iteration will be: 524,288",
        "Initializing a new model from scratch",
        "defaulting to vocab_size of GPT-2 to 50304 (50257 rounded up for efficiency)",
        "number of parameters: 40.56M",
        "num decayed parameter tensors: 50, with 40,943,616 parameters",
        "num non-decayed parameter tensors: 25, with 9,600 parameters",
        "using fused AdamW: True",
        "compiling the model... (takes a ~minute)",
        "W1118 21:04:37.512000 48213 torch/_inductor/utils.py:1250] [0/0] "
        "Not enough SMs to use max_autotune_gemm mode",
    ]
    running = -1.0
    for step in range(LAST_STEP + 1):
        if step % 500 == 0:
            val = eval_loss(step) + rng.gauss(0, 0.003)
            gap = 0.072 * min(1.0, step / 3000) - 0.002
            train = eval_loss(step) + gap + rng.gauss(0, 0.003)
            if step == LAST_STEP:
                train, val = 3.6415, 3.5696
            out.append(f"step {step}: train loss {train:.4f}, val loss {val:.4f}")
            if step > 0:
                out.append("saving checkpoint to out-fineweb")
            if step == LAST_STEP:
                break
        dt = STEP_MS * (1 + rng.gauss(0, 0.01))
        if step == 0:
            dt = 61234.5  # compilation and the first eval
        elif step % 500 == 0:
            dt += 18400 + rng.gauss(0, 200)  # the eval and checkpoint ran in this iteration
        if step % 10 == 0:
            loss = eval_loss(step) + 0.072 * min(1.0, step / 3000) + 0.09 + rng.gauss(0, 0.06)
            if step >= 5:
                mfu = FLOPS_PER_ITER / (dt / 1000) / 312e12
                running = mfu if running == -1.0 else 0.9 * running + 0.1 * mfu
            out.append(f"iter {step}: loss {loss:.4f}, time {dt:.2f}ms, mfu {running * 100:.2f}%")
    (ROOT / "examples/logs/seed_gpt2_fineweb_rtx4070.log").write_text("\n".join(out) + "\n")
    (ROOT / "examples/configs/seed_gpt2_fineweb_rtx4070.py").write_text(CONFIG)
    print(
        f"wrote {len(out)} lines; last val {eval_loss(LAST_STEP):.4f}; iters/s {1000 / STEP_MS:.3f}"
    )
    assert math.isclose(eval_loss(LAST_STEP), 3.5696)


if __name__ == "__main__":
    main()
