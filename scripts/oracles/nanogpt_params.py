#!/usr/bin/env python3
"""Parameter / FLOPs oracle computed by nanoGPT's own model.py.

Imports model.py from a nanoGPT checkout given by path (nothing of nanoGPT is
copied into this repo), builds GPT(GPTConfig(...)) for a grid of configurations
and records, for each:

  total          sum(p.numel() for p in model.parameters())   (tied wte/lm_head counted once)
  non_embedding  model.get_num_params()  (= total - wpe; this is what nanoGPT prints as
                 "number of parameters: %.2fM")
  flops_per_iter model.estimate_mfu(fwdbwd_per_iter=K, dt=1.0) * 312e12
                 (float, as nanoGPT computes it)
  flops_per_iter_exact  the same formula in integers: (6*N + 12*L*H*Q*T) * T * K,
                 N = non_embedding, Q = n_embd // n_head, T = block_size
  flops_per_token  6*N + 12*L*H*Q*T (integer)

Large models are built on torch.device('meta') so no memory is allocated and no
init runs; parameter counts are unaffected by that.

Usage:
  python scripts/oracles/nanogpt_params.py --nanogpt /tmp/nanogpt \\
      --out tests/data/oracle/nanogpt_params.json
"""

import argparse
import contextlib
import importlib.util
import io
import json
import os
import subprocess
import sys

import torch

PROMISED = 312e12  # estimate_mfu's A100 bf16 peak, hard-coded in model.py

# name, GPTConfig kwargs, fwdbwd_per_iter K (batch_size * gradient_accumulation_steps in train.py)
GPT2 = dict(n_layer=12, n_head=12, n_embd=768, block_size=1024, vocab_size=50304, dropout=0.0)
GRID = [
    # train_gpt2.py: batch_size 12, grad_accum 5*8 -> K = 480 (single process;
    # with DDP world size W, K = 12*40/W per rank)
    ("gpt2_124M_bias_false", dict(GPT2, bias=False), 480),
    ("gpt2_124M_bias_true", dict(GPT2, bias=True), 480),
    ("gpt2_124M_vocab50257_bias_true", dict(GPT2, vocab_size=50257, bias=True), 480),
    ("gpt2_124M_vocab50257_bias_false", dict(GPT2, vocab_size=50257, bias=False), 480),
    ("gpt2_124M_bias_false_k1", dict(GPT2, bias=False), 1),
    # the "40.56M" model of nanoGPT's README baseline: n_embd=384, rest as 124M
    ("n_embd384_bias_false", dict(GPT2, n_embd=384, bias=False), 480),
    ("n_embd384_bias_true", dict(GPT2, n_embd=384, bias=True), 480),
    # config/train_shakespeare_char.py baby GPT: batch 64, grad_accum 1
    (
        "shakespeare_char_baby",
        dict(
            n_layer=6, n_head=6, n_embd=384, block_size=256, vocab_size=65, bias=False, dropout=0.2
        ),
        64,
    ),
    # pretrained family as from_pretrained builds them (vocab 50257, block 1024, bias True)
    (
        "gpt2_hf",
        dict(
            n_layer=12,
            n_head=12,
            n_embd=768,
            block_size=1024,
            vocab_size=50257,
            bias=True,
            dropout=0.0,
        ),
        1,
    ),
    (
        "gpt2_medium",
        dict(
            n_layer=24,
            n_head=16,
            n_embd=1024,
            block_size=1024,
            vocab_size=50257,
            bias=True,
            dropout=0.0,
        ),
        1,
    ),
    (
        "gpt2_large",
        dict(
            n_layer=36,
            n_head=20,
            n_embd=1280,
            block_size=1024,
            vocab_size=50257,
            bias=True,
            dropout=0.0,
        ),
        1,
    ),
    (
        "gpt2_xl",
        dict(
            n_layer=48,
            n_head=25,
            n_embd=1600,
            block_size=1024,
            vocab_size=50257,
            bias=True,
            dropout=0.0,
        ),
        1,
    ),
    (
        "gpt2_medium_vocab50304_bias_false",
        dict(
            n_layer=24,
            n_head=16,
            n_embd=1024,
            block_size=1024,
            vocab_size=50304,
            bias=False,
            dropout=0.0,
        ),
        1,
    ),
    (
        "gpt2_large_vocab50304_bias_false",
        dict(
            n_layer=36,
            n_head=20,
            n_embd=1280,
            block_size=1024,
            vocab_size=50304,
            bias=False,
            dropout=0.0,
        ),
        1,
    ),
    (
        "gpt2_xl_vocab50304_bias_false",
        dict(
            n_layer=48,
            n_head=25,
            n_embd=1600,
            block_size=1024,
            vocab_size=50304,
            bias=False,
            dropout=0.0,
        ),
        1,
    ),
    # capdiag's own CPU fixture runs (tests/data/nanogpt/*_config.py);
    # K = batch_size * grad_accum = 12
    (
        "capdiag_cpu_healthy",
        dict(
            n_layer=4, n_head=4, n_embd=128, block_size=64, vocab_size=96, bias=False, dropout=0.0
        ),
        12,
    ),
    (
        "capdiag_cpu_overfit",
        dict(
            n_layer=6, n_head=6, n_embd=192, block_size=64, vocab_size=71, bias=False, dropout=0.0
        ),
        12,
    ),
    (
        "capdiag_cpu_resumed",
        dict(
            n_layer=4, n_head=4, n_embd=128, block_size=64, vocab_size=96, bias=False, dropout=0.0
        ),
        12,
    ),
    (
        "capdiag_cpu_divergent",
        dict(
            n_layer=4, n_head=4, n_embd=128, block_size=64, vocab_size=96, bias=False, dropout=0.0
        ),
        12,
    ),
    # odd shapes: bias True on a tiny model, and a vocab of 1
    (
        "tiny_bias_true",
        dict(n_layer=2, n_head=2, n_embd=64, block_size=32, vocab_size=65, bias=True, dropout=0.0),
        8,
    ),
    (
        "tiny_1layer_vocab1",
        dict(n_layer=1, n_head=1, n_embd=16, block_size=8, vocab_size=1, bias=False, dropout=0.0),
        1,
    ),
]


def load_model_module(nanogpt):
    path = os.path.join(nanogpt, "model.py")
    spec = importlib.util.spec_from_file_location("nanogpt_model", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def git_commit(nanogpt):
    try:
        return subprocess.check_output(
            ["git", "-C", nanogpt, "rev-parse", "HEAD"], text=True, stderr=subprocess.DEVNULL
        ).strip()
    except Exception:
        return None


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--nanogpt", required=True, help="path to a nanoGPT checkout (contains model.py)"
    )
    ap.add_argument("--out", required=True)
    ap.add_argument(
        "--commit", default=None, help="nanoGPT commit, if the checkout is not a git work tree"
    )
    ap.add_argument(
        "--meta-threshold",
        type=int,
        default=0,
        help="build every model on the meta device if n_embd >= this (0 = always meta)",
    )
    args = ap.parse_args()

    m = load_model_module(args.nanogpt)
    entries = []
    for name, kw, K in GRID:
        cfg = m.GPTConfig(**kw)
        use_meta = kw["n_embd"] >= args.meta_threshold
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            if use_meta:
                with torch.device("meta"):
                    model = m.GPT(cfg)
            else:
                model = m.GPT(cfg)
        total = sum(p.numel() for p in model.parameters())
        non_emb = model.get_num_params()
        mfu = model.estimate_mfu(fwdbwd_per_iter=K, dt=1.0)
        L, H, Q, T = cfg.n_layer, cfg.n_head, cfg.n_embd // cfg.n_head, cfg.block_size
        fpt = 6 * non_emb + 12 * L * H * Q * T
        entries.append(
            {
                "name": name,
                "config": {
                    k: getattr(cfg, k)
                    for k in (
                        "n_layer",
                        "n_head",
                        "n_embd",
                        "block_size",
                        "vocab_size",
                        "bias",
                        "dropout",
                    )
                },
                "fwdbwd_per_iter": K,
                "total": total,
                "non_embedding": non_emb,
                "wpe": cfg.block_size * cfg.n_embd,
                "printed": printed.getvalue().strip(),
                "flops_per_token": fpt,
                "flops_per_iter": mfu * PROMISED,
                "flops_per_iter_exact": fpt * T * K,
                "mfu_at_dt_1s": mfu,
                "meta_device": use_meta,
            }
        )
        print(
            f"{name:36s} total={total:>13,} non_emb={non_emb:>13,} flops/iter={fpt * T * K:.4e}",
            file=sys.stderr,
        )
        del model

    out = {
        "generator": "scripts/oracles/nanogpt_params.py",
        "nanogpt_commit": args.commit or git_commit(args.nanogpt),
        "torch_version": torch.__version__,
        "flops_promised": PROMISED,
        "notes": (
            "total counts the tied wte/lm_head weight once; non_embedding = total - wpe "
            "(model.get_num_params()); flops_per_iter = estimate_mfu(K, dt=1.0) * 312e12 "
            "(float64, may differ from flops_per_iter_exact by rounding); "
            "flops_per_token = 6*N + 12*L*H*(n_embd//n_head)*T with N = non_embedding"
        ),
        "entries": entries,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
