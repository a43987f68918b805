#!/usr/bin/env python3
"""Produce a real Weights & Biases offline run from the tiny GPT of `tiny_gpt.py`.

Usage (no network: wandb runs offline):

    WANDB_MODE=offline python scripts/real_runs/wandb_run.py --out /tmp/capgen/wandb_healthy
    WANDB_MODE=offline python scripts/real_runs/wandb_run.py --out /tmp/capgen/wandb_overfit \\
        --overfit

The overfitting run trains a 4-layer, width-128 model (~0.8M parameters) on only the first
4,000 characters of the training split, at a constant lr 3e-3 with no weight decay, and
evaluates on the usual 40,000-character validation split.

Logs to wandb, every iteration with ``step=iter``: ``loss``, ``lr``, ``grad_norm``,
``tokens_per_sec``; at evaluations also ``val_loss`` and ``eval_train_loss``. The config
holds every TrainConfig field. Stdout (captured by wandb into files/output.log) prints
nanoGPT-style lines (``iter N: loss X, time Yms, mfu Z%`` and ``step N: train loss X,
val loss Y``); mfu is computed the way nanoGPT computes it (6N + 12 L T d FLOPs per token
against an A100's 312 TFLOPS, running average from the 5th iteration), so on CPU it is ~0%.
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import wandb
from tiny_gpt import TrainConfig, train


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--overfit", action="store_true", help="tiny data, bigger model")
    args = parser.parse_args()
    if args.overfit:
        cfg = TrainConfig(
            dataset="python_stdlib_char_first_4k",
            train_chars=4_000,
            n_layer=4,
            n_head=4,
            n_embd=128,
            learning_rate=3e-3,
            min_lr=3e-3,
            max_iters=300,
            warmup_iters=10,
            weight_decay=0.0,
            eval_interval=20,
        )
    else:
        cfg = TrainConfig(max_iters=400)
    os.makedirs(args.out, exist_ok=True)
    run = wandb.init(
        project="capdiag-tiny-gpt",
        name="overfit" if args.overfit else "healthy",
        mode="offline",
        dir=args.out,
        config=cfg.as_dict(),
    )
    tokens_per_iter = cfg.batch_size * cfg.gradient_accumulation_steps * cfg.block_size
    print(f"tokens per iteration will be: {tokens_per_iter:,}")
    mfu = -1.0
    flops_token = 0.0
    for rec in train(cfg):
        it = rec["iter"]
        if it == 0:
            n = rec["n_params"]
            flops_token = 6 * n + 12 * cfg.n_layer * cfg.block_size * cfg.n_embd
            print(f"found vocab_size = {rec['vocab_size']} (inside {cfg.dataset})")
            # nanoGPT's convention: parameters minus the position embedding
            print(f"number of parameters: {(n - cfg.block_size * cfg.n_embd) / 1e6:.2f}M")
        metrics = {
            "loss": rec["loss"],
            "lr": rec["lr"],
            "grad_norm": rec["grad_norm"],
            "tokens_per_sec": rec["tokens_per_sec"],
        }
        if "val_loss" in rec:
            print(
                f"step {it}: train loss {rec['eval_train_loss']:.4f}, "
                f"val loss {rec['val_loss']:.4f}"
            )
            metrics.update(val_loss=rec["val_loss"], eval_train_loss=rec["eval_train_loss"])
        if it >= 5:
            flops_per_iter = flops_token * tokens_per_iter
            now = flops_per_iter / (rec["time_ms"] / 1000.0) / 312e12
            mfu = now if mfu == -1.0 else 0.9 * mfu + 0.1 * now
        print(
            f"iter {it}: loss {rec['loss']:.4f}, time {rec['time_ms']:.2f}ms, mfu {mfu * 100:.2f}%"
        )
        wandb.log(metrics, step=it)
    run.finish()


if __name__ == "__main__":
    main()
