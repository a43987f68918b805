"""A tiny language model trained on the CPU with numpy, printing nanoGPT's log lines as it
goes: a live run for `capdiag watch` (and its tests) to follow.

    python scripts/numpy_trainer.py [--iters 400] [--jump-at 60] [--sleep 0.02]

The model is a factorised bigram model (embedding E, output W; logits = E[x] @ W) on a
character corpus drawn from a fixed random Markov chain, trained by plain SGD. Its softmax
is the naive one (exp, then normalise, in float32), as a hand-written trainer often has it.
At ``--jump-at`` the learning rate is multiplied by ``--jump`` (a schedule bug): the next
update throws the logits past float32's exp range, exp overflows to inf, inf/inf is NaN, and
the loss is NaN from there on, by the arithmetic alone. ``--jump 1`` trains without it.

Lines printed (flushed one by one), in nanoGPT's ``train.py`` format:
``iter N: loss X, time Tms, mfu -100.00%`` and ``step N: train loss X, val loss Y``.
``--nan-stamp FILE`` writes the wall time (``time.time()``) just after the first line with a
NaN loss was written and flushed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np


def corpus(vocab: int, length: int, seed: int) -> np.ndarray:
    """Tokens from a random Markov chain with a few likely successors per token."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(0.0, 3.0, size=(vocab, vocab))
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    cumulative = probs.cumsum(axis=1)
    out = np.empty(length, dtype=np.int64)
    out[0] = 0
    draws = rng.random(length)
    for i in range(1, length):
        out[i] = min(int(np.searchsorted(cumulative[out[i - 1]], draws[i])), vocab - 1)
    return out


def loss_and_grads(
    emb: np.ndarray, out: np.ndarray, x: np.ndarray, y: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray]:
    hidden = emb[x]  # (B, d)
    logits = hidden @ out  # (B, V)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        exp = np.exp(logits)  # the naive softmax: no max subtracted
        probs = exp / exp.sum(axis=1, keepdims=True)
        loss = float(-np.log(probs[np.arange(y.size), y]).mean())
        dlogits = probs.copy()
        dlogits[np.arange(y.size), y] -= 1.0
        dlogits /= y.size
        grad_out = hidden.T @ dlogits
        dhidden = dlogits @ out.T
    grad_emb = np.zeros_like(emb)
    np.add.at(grad_emb, x, dhidden)
    return loss, grad_emb, grad_out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iters", type=int, default=400)
    parser.add_argument("--lr", type=float, default=5.0)
    parser.add_argument("--jump-at", type=int, default=60)
    parser.add_argument("--jump", type=float, default=1000.0)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--eval-interval", type=int, default=20)
    parser.add_argument("--sleep", type=float, default=0.02, help="seconds per iteration")
    parser.add_argument("--nan-stamp", type=Path, default=None)
    args = parser.parse_args()

    vocab, width = 32, 16
    data = corpus(vocab, 20_000, seed=0)
    train, val = data[:18_000], data[18_000:]
    rng = np.random.default_rng(1)
    emb = rng.normal(0.0, 0.02, size=(vocab, width)).astype(np.float32)
    out = rng.normal(0.0, 0.02, size=(width, vocab)).astype(np.float32)

    def batch(split: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        i = rng.integers(0, split.size - 1, size=args.batch)
        return split[i], split[i + 1]

    def say(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    say(f"tokens per iteration will be: {args.batch:,}")
    say(f"found vocab_size = {vocab} (inside data/markov_char/meta.pkl)")
    stamped = False
    last = time.perf_counter()
    for it in range(args.iters):
        if it % args.eval_interval == 0:
            losses = [loss_and_grads(emb, out, *batch(s))[0] for s in (train, val)]
            say(f"step {it}: train loss {losses[0]:.4f}, val loss {losses[1]:.4f}")
        lr = args.lr * (args.jump if it >= args.jump_at else 1.0)
        loss, grad_emb, grad_out = loss_and_grads(emb, out, *batch(train))
        with np.errstate(over="ignore", invalid="ignore"):
            emb -= (lr * grad_emb).astype(np.float32)
            out -= (lr * grad_out).astype(np.float32)
        time.sleep(args.sleep)
        now = time.perf_counter()
        say(f"iter {it}: loss {loss:.4f}, time {(now - last) * 1000:.2f}ms, mfu -100.00%")
        last = now
        if not stamped and not np.isfinite(loss):
            stamped = True
            if args.nan_stamp is not None:
                args.nan_stamp.write_text(f"{time.time():.6f}\n")


if __name__ == "__main__":
    main()
