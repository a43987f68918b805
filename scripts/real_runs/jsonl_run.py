#!/usr/bin/env python3
"""Produce real JSONL metric logs from the tiny GPT of `tiny_gpt.py`.

Healthy run, written with the ``jsonlines`` package (one record per iteration) and its
config beside it as config.json:

    python scripts/real_runs/jsonl_run.py --out-dir /tmp/capgen/jsonl_healthy

Divergent run (learning rate 3.0, no warm-up, no clipping), records printed to stdout
with ``json.dumps`` under other key names, captured with the human-readable lines the
script prints between them (so the file mixes JSON and plain text, as a tee'd stdout does):

    python scripts/real_runs/jsonl_run.py --divergent > /tmp/capgen/jsonl_divergent.log 2>&1

Healthy keys: iter, loss, lr, grad_norm, time_ms, tokens, tok/s; at evaluations also
val_loss and eval_train_loss (eval mode, nanoGPT's estimate_loss semantics).
Divergent keys: global_step (from 1: the optimizer steps done), train/loss, learning_rate,
total_norm (gradient norm before clipping), samples_per_second; at evaluations eval/loss.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from tiny_gpt import TrainConfig, train


def healthy(out_dir: str) -> None:
    import jsonlines

    cfg = TrainConfig(max_iters=400)
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "config.json"), "w") as handle:
        json.dump(cfg.as_dict(), handle, indent=2)
    with jsonlines.open(os.path.join(out_dir, "metrics.jsonl"), mode="w", flush=True) as writer:
        for rec in train(cfg):
            row = {
                "iter": rec["iter"],
                "loss": rec["loss"],
                "lr": rec["lr"],
                "grad_norm": rec["grad_norm"],
                "time_ms": rec["time_ms"],
                "tokens": rec["tokens"],
                "tok/s": rec["tokens_per_sec"],
            }
            if "val_loss" in rec:
                row.update(val_loss=rec["val_loss"], eval_train_loss=rec["eval_train_loss"])
            writer.write(row)


def divergent() -> None:
    cfg = TrainConfig(
        max_iters=300,
        learning_rate=3.0,
        min_lr=3.0,
        warmup_iters=0,
        grad_clip=0.0,
        eval_interval=50,
    )
    print(f"training a tiny GPT on {cfg.device}: {json.dumps(cfg.as_dict())}", flush=True)
    for rec in train(cfg):
        if rec["iter"] == 0:
            print(f"model has {rec['n_params']} parameters, vocab {rec['vocab_size']}", flush=True)
        row = {
            "global_step": rec["iter"] + 1,
            "train/loss": rec["loss"],
            "learning_rate": rec["lr"],
            "total_norm": rec["grad_norm"],
            "samples_per_second": cfg.batch_size / (rec["time_ms"] / 1000.0),
        }
        if "val_loss" in rec:
            row["eval/loss"] = rec["val_loss"]
            print(f"eval at step {rec['iter'] + 1}: val loss {rec['val_loss']:.4f}", flush=True)
        print(json.dumps(row), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out-dir")
    parser.add_argument("--divergent", action="store_true")
    args = parser.parse_args()
    if args.divergent:
        divergent()
    else:
        healthy(args.out_dir)


if __name__ == "__main__":
    main()
