"""Oracle: what Hugging Face Llama-style models keep for backward, per token and per layer.

Builds ``LlamaForCausalLM``, ``MistralForCausalLM``, ``Qwen2ForCausalLM`` and
``MixtralForCausalLM`` from tiny configs (random init, no weights downloaded), runs one training
forward on CPU under ``torch.autocast('cpu', dtype=torch.bfloat16)`` with fp32 parameters (what
``Trainer(bf16=True)`` / accelerate mixed precision does) inside
``torch.autograd.graph.saved_tensors_hooks`` and records every tensor saved for backward,
deduplicated by storage ``data_ptr``.

Buckets:

* ``param``        -- a parameter itself (no extra memory)
* ``weight_copy``  -- derived from parameters only through casts and views (autocast copies,
  expert slices): found by walking ``grad_fn`` up to ``AccumulateGrad``
* ``index``        -- integer tensors (positions, routing indices)
* ``activation``   -- everything else; ``...:TxT`` marks attention-matrix shaped tensors

Per-layer numbers are ``n_layer=2`` minus ``n_layer=1``; "top" is ``n_layer=1`` minus one
layer. ``step_peak`` adds a whole-step MemTracker measurement (live storages, i.e. what the
CUDA caching allocator reports as allocated) at two batch sizes, with and without
``gradient_checkpointing_enable()``, to get the per-token slope of the step peak.

Usage::

    python scripts/oracles/saved_activations_hf.py --out tests/data/oracle/saved_activations_hf.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import torch
import transformers

B = 3
T = 40
VOCAB = 500

_VIEWISH = {
    "ToCopyBackward0",
    "TBackward0",
    "TransposeBackward0",
    "PermuteBackward0",
    "ViewBackward0",
    "UnsafeViewBackward0",
    "SelectBackward0",
    "SliceBackward0",
    "ExpandBackward0",
    "AliasBackward0",
}


def _from_params_only(t: torch.Tensor) -> bool:
    """True if ``t`` is a parameter seen through casts / views / selects only."""
    fn = t.grad_fn
    while fn is not None:
        name = type(fn).__name__
        if name == "AccumulateGrad":
            return True
        if name not in _VIEWISH:
            return False
        nxt = [f for f, _ in fn.next_functions if f is not None]
        if len(nxt) != 1:
            return False
        fn = nxt[0]
    return False


def build(family: str, n_layer: int, c: int, **kw: Any) -> Any:
    common: dict[str, Any] = dict(
        vocab_size=VOCAB,
        hidden_size=c,
        intermediate_size=kw.get("intermediate_size", 3 * c - 16),
        num_hidden_layers=n_layer,
        num_attention_heads=kw.get("n_head", 4),
        num_key_value_heads=kw.get("n_kv_head", 2),
        max_position_embeddings=128,
        tie_word_embeddings=kw.get("tied", False),
    )
    if "head_dim" in kw:
        common["head_dim"] = kw["head_dim"]
    if family == "llama":
        cfg: Any = transformers.LlamaConfig(**common)
        cls: Any = transformers.LlamaForCausalLM
    elif family == "mistral":
        cfg = transformers.MistralConfig(sliding_window=4096, **common)
        cls = transformers.MistralForCausalLM
    elif family == "qwen2":
        cfg = transformers.Qwen2Config(**common)
        cls = transformers.Qwen2ForCausalLM
    elif family == "mixtral":
        cfg = transformers.MixtralConfig(
            num_local_experts=kw.get("n_experts", 4),
            num_experts_per_tok=kw.get("experts_per_token", 2),
            router_jitter_noise=0.0,
            **common,
        )
        cls = transformers.MixtralForCausalLM
    else:
        raise ValueError(family)
    cfg._attn_implementation = kw.get("attn", "sdpa")
    if family == "mixtral":
        cfg._experts_implementation = kw.get("experts", "grouped_mm")
    torch.manual_seed(0)
    model = cls(cfg)
    model.train()
    return model


def measure(family: str, n_layer: int, c: int, **kw: Any) -> dict[str, Any]:
    model = build(family, n_layer, c, **kw)
    param_ptrs = {p.untyped_storage().data_ptr() for p in model.parameters()}
    x = torch.randint(0, VOCAB, (B, T))
    seen: dict[int, dict[str, Any]] = {}

    def pack(t: torch.Tensor) -> torch.Tensor:
        st = t.untyped_storage()
        ptr = st.data_ptr()
        if ptr in seen or st.nbytes() == 0:
            return t
        if ptr in param_ptrs:
            kind = "param"
        elif t.dtype == torch.bool or not t.is_floating_point():
            kind = "index"
        elif _from_params_only(t):
            kind = "weight_copy"
        else:
            kind = "activation"
        seen[ptr] = {
            "kind": kind,
            "shape": list(t.shape),
            "dtype": str(t.dtype).replace("torch.", ""),
            "bytes": st.nbytes(),
        }
        return t

    with (
        torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t),
        torch.autocast("cpu", dtype=torch.bfloat16),
    ):
        out = model(input_ids=x, labels=x)
    out.loss.backward()
    totals: dict[str, int] = {}
    for rec in seen.values():
        totals[rec["kind"]] = totals.get(rec["kind"], 0) + rec["bytes"]
    return {
        "n_layer": n_layer,
        "saved_bytes_by_kind": totals,
        "saved_tensors": sorted(seen.values(), key=lambda r: (r["kind"], -r["bytes"])),
        "logits_dtype": str(out.logits.dtype).replace("torch.", ""),
        "params": sum(p.numel() for p in model.parameters()),
        "config": {
            k: v
            for k, v in model.config.to_dict().items()
            if k
            in (
                "model_type",
                "hidden_size",
                "intermediate_size",
                "num_attention_heads",
                "num_key_value_heads",
                "head_dim",
                "vocab_size",
                "tie_word_embeddings",
                "num_local_experts",
                "num_experts_per_tok",
                "hidden_act",
            )
        },
    }


def _buckets(r: dict[str, Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for t in r["saved_tensors"]:
        if t["kind"] != "activation":
            continue
        quad = len(t["shape"]) >= 2 and t["shape"][-2:] == [T, T]
        vocab = bool(t["shape"]) and t["shape"][-1] == VOCAB
        key = f"{t['dtype']}" + (":TxT" if quad else "") + (":vocab" if vocab else "")
        out[key] = out.get(key, 0) + t["bytes"]
    return out


def case(family: str, c: int, **kw: Any) -> dict[str, Any]:
    one = measure(family, 1, c, **kw)
    two = measure(family, 2, c, **kw)
    tokens = B * T
    b1, b2 = _buckets(one), _buckets(two)
    layer = {k: b2.get(k, 0) - b1.get(k, 0) for k in sorted(set(b1) | set(b2))}
    top = {k: b1.get(k, 0) - layer.get(k, 0) for k in sorted(set(b1) | set(layer))}

    def kind(r: dict[str, Any], k: str) -> int:
        return int(r["saved_bytes_by_kind"].get(k, 0))

    layer_act = kind(two, "activation") - kind(one, "activation")
    top_act = kind(one, "activation") - layer_act
    logits_path = sum(v for k, v in top.items() if k.endswith(":vocab"))
    return {
        "family": family,
        "n_embd": c,
        "options": {k: v for k, v in kw.items()},
        "config": one["config"],
        "tokens": tokens,
        "layer_saved_bytes_per_token": layer_act / tokens,
        "layer_saved_bytes_by_dtype": layer,
        "layer_index_bytes_per_token": (kind(two, "index") - kind(one, "index")) / tokens,
        "top_saved_bytes_per_token": top_act / tokens,
        "top_saved_bytes_by_dtype": top,
        "top_logits_path_saved_bytes_per_token_per_vocab": logits_path / tokens / VOCAB,
        "layer_weight_copy_bytes": kind(two, "weight_copy") - kind(one, "weight_copy"),
        "top_weight_copy_bytes": 2 * kind(one, "weight_copy") - kind(two, "weight_copy"),
        "params_1_layer": one["params"],
        "params_2_layers": two["params"],
        "runs": [one, two],
    }


def step_peak(family: str, c: int, checkpointing: bool, **kw: Any) -> dict[str, Any]:
    """Per-token slope of a whole eager AdamW step's peak (2nd iteration), MemTracker."""
    from torch.distributed._tools.mem_tracker import MemTracker

    n_layer, t = 2, 64
    vocab = kw.pop("vocab", 2048)
    peaks: dict[int, int] = {}
    for b in (4, 8):
        global VOCAB
        saved_vocab, VOCAB = VOCAB, vocab
        try:
            model = build(family, n_layer, c, **kw)
        finally:
            VOCAB = saved_vocab
        if checkpointing:
            model.gradient_checkpointing_enable()
        opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
        x = torch.randint(0, vocab, (b, t))
        mt = MemTracker()
        mt.track_external(model, opt)
        with mt:
            for it in range(2):
                with torch.autocast("cpu", dtype=torch.bfloat16):
                    loss = model(input_ids=x, labels=x).loss
                loss.backward()
                opt.step()
                opt.zero_grad(set_to_none=True)
                if it == 0:
                    mt.reset_mod_stats()
        snap = mt.get_tracker_snapshot("peak")
        peaks[b] = int(sum(int(d["Total"]) for d in snap.values()))
    return {
        "family": family,
        "n_embd": c,
        "n_layer": n_layer,
        "seq_len": t,
        "vocab_size": vocab,
        "options": kw,
        "gradient_checkpointing": checkpointing,
        "peak_bytes": {str(k): v for k, v in peaks.items()},
        "peak_bytes_per_token": (peaks[8] - peaks[4]) / (4 * t),
    }


CASES: list[tuple[str, int, dict[str, Any]]] = [
    ("llama", 64, {}),
    ("llama", 128, {"n_head": 8, "n_kv_head": 2, "intermediate_size": 344}),
    ("llama", 128, {"n_head": 4, "n_kv_head": 4, "intermediate_size": 256}),  # MHA
    ("mistral", 128, {"n_head": 8, "n_kv_head": 2, "intermediate_size": 448}),
    ("qwen2", 128, {"n_head": 4, "n_kv_head": 2, "intermediate_size": 352, "tied": True}),
    ("qwen2", 64, {"n_head": 4, "n_kv_head": 1, "intermediate_size": 160, "head_dim": 32}),
    ("mixtral", 64, {"n_experts": 4, "experts_per_token": 2, "intermediate_size": 96}),
    ("mixtral", 128, {"n_head": 8, "n_experts": 8, "experts_per_token": 2}),
    ("mixtral", 64, {"n_experts": 4, "experts_per_token": 2, "experts": "eager"}),
    ("mixtral", 128, {"n_head": 8, "n_experts": 8, "experts_per_token": 2, "experts": "eager"}),
    ("mixtral", 64, {"n_experts": 4, "experts_per_token": 1, "experts": "eager"}),
    ("llama", 64, {"attn": "eager"}),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path("tests/data/oracle/saved_activations_hf.json"))
    ap.add_argument("--no-step", action="store_true", help="skip the MemTracker step peaks")
    args = ap.parse_args()

    cases = []
    for family, c, kw in CASES:
        d = case(family, c, **kw)
        cases.append(d)
        print(
            f"{family} C={c} {kw}: layer {d['layer_saved_bytes_per_token']:.1f} B/tok "
            f"{d['layer_saved_bytes_by_dtype']} top {d['top_saved_bytes_by_dtype']} "
            f"wcopy {d['layer_weight_copy_bytes']} / {d['top_weight_copy_bytes']}",
            file=sys.stderr,
        )
    steps = []
    if not args.no_step:
        for ckpt in (False, True):
            for family, c, kw in (("llama", 64, {}), ("llama", 128, {"n_head": 8})):
                s = step_peak(family, c, ckpt, **dict(kw))
                steps.append(s)
                print(
                    f"step {family} C={c} ckpt={ckpt}: {s['peak_bytes_per_token']:.1f} B/tok",
                    file=sys.stderr,
                )
    out = {
        "what": "bytes saved for backward by Hugging Face causal LMs (random init, tiny configs) "
        "in one training forward under CPU bf16 autocast with fp32 parameters; storages "
        "deduplicated by data_ptr; step_peak: MemTracker peak of a whole AdamW step",
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "batch_size": B,
        "seq_len": T,
        "vocab_size": VOCAB,
        "cases": cases,
        "step_peak": steps,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
