"""Oracle: what nanoGPT's GPT really keeps for backward, per token and per layer.

Builds karpathy/nanoGPT's ``model.GPT`` (imported from a work tree given with ``--nanogpt``;
nothing of nanoGPT is copied here) for a few small configurations, runs one training forward on
CPU under ``torch.autocast('cpu', dtype=torch.bfloat16)`` with
``torch.autograd.graph.saved_tensors_hooks`` and records every tensor saved for backward,
deduplicated by storage ``data_ptr`` (several saved views of one storage cost its bytes once).

Each saved storage is put in one bucket:

* ``param``        -- the fp32 parameter itself (no extra memory: the weights are counted anyway)
* ``weight_copy``  -- an autocast bf16 copy of a parameter (shape of a parameter, not of data)
* ``index``        -- integer token / position indices
* ``activation``   -- everything whose leading dimension is the batch (B or B*T)

Per-layer bytes come from the difference between ``n_layer=2`` and ``n_layer=1`` runs, the
rest ("top": embeddings, ln_f, lm_head, cross-entropy) from ``n_layer=1`` minus one layer.
Bytes are then divided by the number of tokens B*T and expressed in units of ``n_embd`` (for
layer activations) or ``vocab_size`` (for the logits path), which is what
``capdiag.arithmetic.memory`` uses.

With ``--compile`` it additionally tries the same under ``torch.compile`` (inductor on CPU):
AOTAutograd saves its tensors through ``ctx.save_for_backward``, so the same hooks see them.

``variants`` (eager): dropout > 0, bias=True, float16 autocast, fp32 (no autocast), n_head 2/16,
sequence lengths 16/96, nanoGPT's non-flash attention path. Dropout is measured with CUDA's
kernels emulated (``cuda_dropout``: bool keep-masks from ``native_dropout``, flash SDPA saving no
attention mask); one variant keeps the CPU kernels to show how they differ.
``--variants-only`` re-measures just those and keeps the rest of ``--out``.

Usage::

    python scripts/oracles/saved_activations.py --nanogpt /tmp/nanogpt_mem \
        --out tests/data/oracle/saved_activations.json [--compile]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F

B = 3  # chosen so B and B*T never equal a parameter's leading dimension
T = 40
BLOCK = 48
VOCAB = 500


def load_nanogpt(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("nanogpt_model", path / "model.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def nanogpt_commit(path: Path, given: str | None) -> str:
    if given:
        return given
    try:
        out = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "unknown"


@contextlib.contextmanager
def cuda_dropout(p: float) -> Iterator[None]:
    """Make CPU dropout save what CUDA saves.

    On CUDA ``at::dropout`` calls the fused ``native_dropout`` (0 < p < 1), whose backward keeps
    a **bool** keep-mask (1 B/element); on CPU it multiplies by a float noise tensor (4 B) and
    SDPA with ``dropout_p > 0`` falls back to the math kernel (T x T tensors). On CUDA, flash /
    memory-efficient SDPA applies attention dropout inside the kernel and saves only the philox
    seed and offset, i.e. the same tensors as ``dropout_p = 0``. So inside this context
    ``F.dropout`` is ``native_dropout`` and SDPA gets ``dropout_p = 0``.
    """
    orig_dropout = F.dropout
    orig_sdpa = F.scaled_dot_product_attention

    def dropout(
        x: torch.Tensor, p: float = 0.5, training: bool = True, inplace: bool = False
    ) -> torch.Tensor:
        if not training or p == 0.0:
            return x
        out: torch.Tensor = torch.native_dropout(x, p, True)[0]
        return out

    def sdpa(*args: Any, **kw: Any) -> torch.Tensor:
        kw["dropout_p"] = 0.0
        return orig_sdpa(*args, **kw)

    F.dropout = dropout  # type: ignore[assignment]
    F.scaled_dot_product_attention = sdpa
    try:
        yield
    finally:
        F.dropout = orig_dropout
        F.scaled_dot_product_attention = orig_sdpa


_AUTOCAST = {"bfloat16": torch.bfloat16, "float16": torch.float16}


def measure(
    nano: Any,
    n_layer: int,
    n_head: int,
    n_embd: int,
    compile_model: bool = False,
    *,
    dropout: float = 0.0,
    bias: bool = False,
    dtype: str = "bfloat16",
    seq_len: int = T,
    block_size: int = BLOCK,
    dropout_kernels: str = "cuda",
    attention: str = "flash",
) -> dict[str, Any]:
    torch.manual_seed(0)
    cfg = nano.GPTConfig(
        block_size=block_size, vocab_size=VOCAB, n_layer=n_layer, n_head=n_head, n_embd=n_embd,
        dropout=dropout, bias=bias,
    )  # fmt: skip
    model = nano.GPT(cfg)
    if attention == "eager":  # nanoGPT's non-flash path (taken on torch < 2.0)
        for block in model.transformer.h:
            block.attn.flash = False
            tril = torch.tril(torch.ones(block_size, block_size))
            block.attn.register_buffer("bias", tril.view(1, 1, block_size, block_size))
    model.train()
    fwd = torch.compile(model) if compile_model else model
    param_ptrs = {p.untyped_storage().data_ptr() for p in model.parameters()}
    param_numels = {p.numel() for p in model.parameters()}
    x = torch.randint(0, VOCAB, (B, seq_len))
    y = torch.randint(0, VOCAB, (B, seq_len))

    seen: dict[int, dict[str, Any]] = {}

    def pack(t: torch.Tensor) -> torch.Tensor:
        st = t.untyped_storage()
        ptr = st.data_ptr()
        if ptr in seen or st.nbytes() == 0:
            return t
        if ptr in param_ptrs:
            kind = "param"
        elif t.dtype in (torch.bool, torch.uint8):
            kind = "mask"  # dropout keep-masks
        elif not t.is_floating_point():
            kind = "index"
        elif t.dim() > 0 and t.shape[0] not in (B, B * seq_len) and t.numel() in param_numels:
            kind = "weight_copy"  # autocast bf16 copy of a weight (often saved transposed)
        else:
            kind = "activation"
        seen[ptr] = {
            "kind": kind,
            "shape": list(t.shape),
            "dtype": str(t.dtype).replace("torch.", ""),
            "bytes": st.nbytes(),
            "grad_fn": None,
        }
        return t

    def unpack(t: torch.Tensor) -> torch.Tensor:
        return t

    autocast = (
        torch.autocast("cpu", dtype=_AUTOCAST[dtype])
        if dtype in _AUTOCAST
        else contextlib.nullcontext()
    )
    cuda_like = (
        cuda_dropout(dropout)
        if dropout > 0 and dropout_kernels == "cuda"
        else contextlib.nullcontext()
    )
    with torch.autograd.graph.saved_tensors_hooks(pack, unpack), autocast, cuda_like:
        logits, loss = fwd(x, y)
    loss.backward()  # make sure the graph is a real training graph

    totals: dict[str, int] = {}
    for rec in seen.values():
        totals[rec["kind"]] = totals.get(rec["kind"], 0) + rec["bytes"]
    out = {
        "n_layer": n_layer,
        "n_head": n_head,
        "n_embd": n_embd,
        "compile": compile_model,
        "saved_bytes_by_kind": totals,
        "saved_tensors": sorted(
            ({k: v for k, v in r.items() if k != "grad_fn"} for r in seen.values()),
            key=lambda r: (r["kind"], -r["bytes"]),
        ),
        "logits_dtype": str(logits.dtype).replace("torch.", ""),
        "logits_bytes": logits.untyped_storage().nbytes(),
        "loss_dtype": str(loss.dtype).replace("torch.", ""),
        "params": sum(p.numel() for p in model.parameters()),
    }
    if (dropout, bias, dtype, seq_len, block_size, attention) != (
        0.0, False, "bfloat16", T, BLOCK, "flash"
    ):  # fmt: skip
        out.update(dropout=dropout, bias=bias, dtype=dtype, seq_len=seq_len, block_size=block_size)
        out["dropout_kernels"] = dropout_kernels
    if attention != "flash":
        out["attention"] = attention
    return out


def derive(one: dict[str, Any], two: dict[str, Any]) -> dict[str, Any]:
    """Per-layer and top-level saved bytes per token from an n_layer=1 / n_layer=2 pair."""
    tokens = B * T
    c = one["n_embd"]

    def kind(r: dict[str, Any], k: str) -> int:
        return int(r["saved_bytes_by_kind"].get(k, 0))

    layer_act = kind(two, "activation") - kind(one, "activation")
    top_act = kind(one, "activation") - layer_act
    layer_wcopy = kind(two, "weight_copy") - kind(one, "weight_copy")
    top_wcopy = kind(one, "weight_copy") - layer_wcopy
    # the part of "top" that scales with vocab: tensors with last dim == VOCAB
    logits_path = sum(
        r["bytes"]
        for r in one["saved_tensors"]
        if r["kind"] == "activation" and r["shape"] and r["shape"][-1] == VOCAB
    )
    top_rest = top_act - logits_path
    return {
        "n_embd": c,
        "n_head": one["n_head"],
        "compile": one["compile"],
        "tokens": tokens,
        "layer_saved_bytes_per_token": layer_act / tokens,
        "layer_saved_bytes_per_token_per_n_embd": layer_act / tokens / c,
        "layer_weight_copy_bytes": layer_wcopy,
        "layer_weight_copy_bytes_per_param": layer_wcopy / (12 * c * c + 2 * c),
        "top_saved_bytes_per_token": top_act / tokens,
        "top_logits_path_saved_bytes_per_token_per_vocab": logits_path / tokens / VOCAB,
        "top_other_saved_bytes_per_token_per_n_embd": top_rest / tokens / c,
        "top_weight_copy_bytes": top_wcopy,
        "logits_bytes_per_token_per_vocab": one["logits_bytes"] / tokens / VOCAB,
    }


def _layer_breakdown(one: dict[str, Any], two: dict[str, Any], seq_len: int) -> dict[str, Any]:
    """Per-layer saved bytes per token, split by kind/dtype; T x T tensors kept apart."""

    def buckets(r: dict[str, Any]) -> dict[str, int]:
        out: dict[str, int] = {}
        for t in r["saved_tensors"]:
            if t["kind"] not in ("activation", "mask"):
                continue
            quadratic = len(t["shape"]) >= 2 and t["shape"][-2:] == [seq_len, seq_len]
            key = f"{t['kind']}:{t['dtype']}" + (":TxT" if quadratic else "")
            out[key] = out.get(key, 0) + t["bytes"]
        return out

    b1, b2 = buckets(one), buckets(two)
    return {k: b2.get(k, 0) - b1.get(k, 0) for k in sorted(set(b1) | set(b2))}


def variant(nano: Any, n_head: int, n_embd: int, **kw: Any) -> dict[str, Any]:
    """One eager variant (dropout / bias / dtype / n_head / sequence length), derived per token."""
    seq_len = int(kw.get("seq_len", T))
    one = measure(nano, 1, n_head, n_embd, **kw)
    two = measure(nano, 2, n_head, n_embd, **kw)
    tokens = B * seq_len
    per_layer = _layer_breakdown(one, two, seq_len)
    top = _layer_breakdown({"saved_tensors": []}, one, seq_len)
    top = {k: v - per_layer.get(k, 0) for k, v in top.items()}

    def kind(r: dict[str, Any], k: str) -> int:
        return int(r["saved_bytes_by_kind"].get(k, 0))

    linear_tokens = {k: v for k, v in per_layer.items() if not k.endswith(":TxT")}
    return {
        "n_head": n_head,
        "n_embd": n_embd,
        "dropout": float(kw.get("dropout", 0.0)),
        "bias": bool(kw.get("bias", False)),
        "dtype": str(kw.get("dtype", "bfloat16")),
        "dropout_kernels": str(kw.get("dropout_kernels", "cuda")) if kw.get("dropout") else None,
        "attention": str(kw.get("attention", "flash")),
        "seq_len": seq_len,
        "batch_size": B,
        "tokens": tokens,
        "layer_saved_bytes_by_kind_dtype": per_layer,
        "top_saved_bytes_by_kind_dtype": top,
        "layer_saved_bytes_per_token_excl_TxT": sum(linear_tokens.values()) / tokens,
        "layer_TxT_bytes_per_token": (sum(per_layer.values()) - sum(linear_tokens.values()))
        / tokens,
        "layer_weight_copy_bytes": kind(two, "weight_copy") - kind(one, "weight_copy"),
        "top_weight_copy_bytes": 2 * kind(one, "weight_copy") - kind(two, "weight_copy"),
        "logits_bytes": one["logits_bytes"],
    }


VARIANTS: list[dict[str, Any]] = [
    {"n_head": 4, "n_embd": 64},
    {"n_head": 4, "n_embd": 128},
    {"n_head": 4, "n_embd": 64, "dropout": 0.1},
    {"n_head": 4, "n_embd": 128, "dropout": 0.2},
    {"n_head": 4, "n_embd": 64, "bias": True},
    {"n_head": 4, "n_embd": 128, "bias": True},
    {"n_head": 4, "n_embd": 64, "dtype": "float16"},
    {"n_head": 4, "n_embd": 128, "dtype": "float16"},
    {"n_head": 4, "n_embd": 64, "dtype": "float32"},
    {"n_head": 4, "n_embd": 128, "dtype": "float32"},
    {"n_head": 2, "n_embd": 128},
    {"n_head": 16, "n_embd": 128},
    {"n_head": 4, "n_embd": 128, "seq_len": 16, "block_size": 16},
    {"n_head": 4, "n_embd": 128, "seq_len": 96, "block_size": 128},
    {"n_head": 4, "n_embd": 128, "dropout": 0.1, "bias": True, "dtype": "float16"},
    {"n_head": 4, "n_embd": 64, "dropout": 0.1, "dropout_kernels": "cpu"},
    {"n_head": 4, "n_embd": 64, "attention": "eager"},
    {"n_head": 8, "n_embd": 128, "attention": "eager", "dtype": "float32"},
]


def eager_step_peak(nano: Any, hold_logits: bool) -> dict[str, Any]:
    """Peak live bytes of a whole eager training step (2nd iteration, AdamW) on CPU.

    Uses ``torch.distributed._tools.mem_tracker.MemTracker`` (a dispatch-mode tracker of live
    storages, i.e. what a caching allocator would report as *allocated*). Two batch sizes give
    the per-token slope; minus the layer/top saved bytes it is the logits-path peak per token,
    in units of vocab_size. ``hold_logits`` keeps the ``logits`` output referenced during
    backward, as nanoGPT's train.py (``logits, loss = model(X, Y)``) does.
    """
    from torch.distributed._tools.mem_tracker import MemTracker

    c, v, t, n_layer = 64, 4096, 64, 2
    peaks: dict[int, int] = {}
    for b in (4, 8):
        torch.manual_seed(0)
        cfg = nano.GPTConfig(
            block_size=t, vocab_size=v, n_layer=n_layer, n_head=4, n_embd=c, dropout=0.0,
            bias=False,
        )  # fmt: skip
        model = nano.GPT(cfg)
        opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
        x = torch.randint(0, v, (b, t))
        y = torch.randint(0, v, (b, t))
        mt = MemTracker()
        mt.track_external(model, opt)
        with mt:
            for it in range(2):
                with torch.autocast("cpu", dtype=torch.bfloat16):
                    logits, loss = model(x, y)
                if not hold_logits:
                    del logits
                loss.backward()
                opt.step()
                opt.zero_grad(set_to_none=True)
                if it == 0:
                    mt.reset_mod_stats()
        snap = mt.get_tracker_snapshot("peak")
        peaks[b] = int(sum(int(d["Total"]) for d in snap.values()))
    slope = (peaks[8] - peaks[4]) / (4 * t)
    layer = 36 * c + 4 * 4 + 16  # eager bf16 saved bytes per token per layer (see "derived")
    top = 6 * c + 8
    return {
        "hold_logits": hold_logits,
        "n_embd": c,
        "vocab_size": v,
        "n_layer": n_layer,
        "seq_len": t,
        "peak_bytes": {str(k): val for k, val in peaks.items()},
        "peak_bytes_per_token": slope,
        "logits_path_peak_bytes_per_token_per_vocab": (slope - n_layer * layer - top) / v,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nanogpt", type=Path, required=True, help="nanoGPT work tree (model.py)")
    ap.add_argument("--commit", default=None, help="nanoGPT commit, if the tree has no .git")
    ap.add_argument("--out", type=Path, default=Path("tests/data/oracle/saved_activations.json"))
    ap.add_argument("--compile", action="store_true", help="also measure under torch.compile")
    ap.add_argument(
        "--variants-only",
        action="store_true",
        help="keep everything already in --out and (re)measure only the eager 'variants'",
    )
    args = ap.parse_args()

    nano = load_nanogpt(args.nanogpt)
    variants = []
    for kw in VARIANTS:
        v = variant(nano, **kw)
        variants.append(v)
        print(
            f"variant {kw}: layer {v['layer_saved_bytes_per_token_excl_TxT']:.2f} B/tok "
            f"(+{v['layer_TxT_bytes_per_token']:.1f} B/tok in TxT tensors) "
            f"{v['layer_saved_bytes_by_kind_dtype']}",
            file=sys.stderr,
        )
    if args.variants_only:
        old = json.loads(args.out.read_text())
        if old.get("torch") != torch.__version__:
            print(f"warning: file made with torch {old.get('torch')}", file=sys.stderr)
        old["variants"] = variants
        args.out.write_text(json.dumps(old, indent=1) + "\n")
        print(f"updated variants in {args.out}", file=sys.stderr)
        return
    shapes = [(4, 64), (4, 128), (8, 256)]
    runs: list[dict[str, Any]] = []
    derived: list[dict[str, Any]] = []
    modes = [False, True] if args.compile else [False]
    for comp in modes:
        for n_head, n_embd in shapes:
            try:
                one = measure(nano, 1, n_head, n_embd, comp)
                two = measure(nano, 2, n_head, n_embd, comp)
            except Exception as exc:  # compile may be unavailable on this machine
                print(f"skip compile={comp} n_embd={n_embd}: {exc!r}", file=sys.stderr)
                continue
            runs += [one, two]
            derived.append(derive(one, two))
            d = derived[-1]
            layer = d["layer_saved_bytes_per_token_per_n_embd"]
            logit = d["top_logits_path_saved_bytes_per_token_per_vocab"]
            top = d["top_other_saved_bytes_per_token_per_n_embd"]
            print(
                f"compile={comp} C={n_embd}: layer {layer:.3f} B/tok/C, "
                f"logits path {logit:.2f} B/tok/V, top other {top:.2f} B/tok/C",
                file=sys.stderr,
            )

    step_peaks = []
    for hold in (False, True):
        try:
            step_peaks.append(eager_step_peak(nano, hold))
        except Exception as exc:
            print(f"skip step peak (hold_logits={hold}): {exc!r}", file=sys.stderr)
            continue
        sp = step_peaks[-1]
        print(
            f"eager step peak hold_logits={hold}: logits path "
            f"{sp['logits_path_peak_bytes_per_token_per_vocab']:.3f} B/tok/V",
            file=sys.stderr,
        )

    out = {
        "what": "bytes saved for backward by nanoGPT GPT (bias=False, dropout=0) in one "
        "training forward under CPU bf16 autocast; storages deduplicated by data_ptr",
        "torch": torch.__version__,
        "nanogpt_commit": nanogpt_commit(args.nanogpt, args.commit),
        "sdpa_flash": hasattr(F, "scaled_dot_product_attention"),
        "batch_size": B,
        "seq_len": T,
        "block_size": BLOCK,
        "vocab_size": VOCAB,
        "derived": derived,
        "eager_step_peak": step_peaks,
        "variants": variants,
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
