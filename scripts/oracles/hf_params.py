#!/usr/bin/env python3
"""Parameter-count oracle computed by the real Hugging Face ``transformers`` classes.

For a grid of configurations per family (tiny variants that switch each option on and
off, realistic shapes typed in from the published ``config.json`` dimensions, and each
config class's defaults), builds ``AutoModelForCausalLM.from_config(cfg)`` on
``torch.device('meta')`` (no memory, no init, no weights downloaded) and records:

  total                 sum(p.numel() for p in model.parameters())  (a tied lm_head is the
                        same Parameter as the token embedding, so it is counted once)
  num_parameters        model.num_parameters()
  num_parameters_non_embedding  model.num_parameters(exclude_embeddings=True)
  embedding_params      numel of every nn.Embedding weight (what exclude_embeddings drops)
  tied                  whether lm_head.weight is the input embedding's Parameter
  trainer_flops_batch2x128  transformers.Trainer.floating_point_ops(inputs) for
                        input_ids of shape (2, 128) (what one step adds to
                        state.total_flos), called on the model with no Trainer built
  experts_params        (MoE) numel of every parameter under ``.mlp.experts.``, i.e. all
                        experts of all layers, as the modeling file stores them
  config                the keyword arguments given to AutoConfig.for_model (input)
  config_json           the config as save_pretrained writes config.json (every key)

Usage (needs torch and transformers; CI only reads the JSON):
  python scripts/oracles/hf_params.py --out tests/data/oracle/hf_params.json
"""

from __future__ import annotations

import argparse
import json
import logging
import types
import warnings
from typing import Any

import torch
import transformers
from transformers import AutoConfig, AutoModelForCausalLM, Trainer

TRAINER_BATCH = (2, 128)  # input_ids shape given to Trainer.floating_point_ops

TINY = dict(
    hidden_size=64,
    intermediate_size=176,
    num_hidden_layers=2,
    num_attention_heads=4,
    num_key_value_heads=4,
    vocab_size=1000,
    max_position_embeddings=256,
)
TINY_GQA = dict(TINY, num_key_value_heads=2)

# (name, model_type, AutoConfig.for_model kwargs). Realistic shapes are the published
# dimensions of those checkpoints, typed in (no download).
GRID: list[tuple[str, str, dict[str, Any]]] = [
    # --- GPT-2 (modeling_gpt2.py) ---
    ("gpt2_defaults", "gpt2", {}),
    ("gpt2_124M", "gpt2", dict(n_layer=12, n_head=12, n_embd=768, vocab_size=50257)),
    ("gpt2_124M_vocab50304", "gpt2", dict(n_layer=12, n_head=12, n_embd=768, vocab_size=50304)),
    ("gpt2_medium", "gpt2", dict(n_layer=24, n_head=16, n_embd=1024, vocab_size=50257)),
    ("gpt2_xl", "gpt2", dict(n_layer=48, n_head=25, n_embd=1600, vocab_size=50257)),
    (
        "gpt2_tiny_untied_n_inner",
        "gpt2",
        dict(
            n_layer=2,
            n_head=4,
            n_embd=64,
            vocab_size=1000,
            n_positions=128,
            n_inner=200,
            tie_word_embeddings=False,
        ),
    ),
    ("gpt2_tiny", "gpt2", dict(n_layer=2, n_head=4, n_embd=64, vocab_size=1000, n_positions=128)),
    # --- Llama (modeling_llama.py) ---
    ("llama_defaults", "llama", {}),
    ("llama_tiny", "llama", dict(TINY)),
    ("llama_tiny_gqa", "llama", dict(TINY_GQA)),
    ("llama_tiny_tied", "llama", dict(TINY_GQA, tie_word_embeddings=True)),
    ("llama_tiny_attention_bias", "llama", dict(TINY_GQA, attention_bias=True)),
    ("llama_tiny_mlp_bias", "llama", dict(TINY_GQA, mlp_bias=True)),
    ("llama_tiny_head_dim32", "llama", dict(TINY_GQA, head_dim=32)),
    (
        "llama2_7b",
        "llama",
        dict(
            hidden_size=4096,
            intermediate_size=11008,
            num_hidden_layers=32,
            num_attention_heads=32,
            num_key_value_heads=32,
            vocab_size=32000,
            max_position_embeddings=4096,
        ),
    ),
    (
        "llama3_8b",
        "llama",
        dict(
            hidden_size=4096,
            intermediate_size=14336,
            num_hidden_layers=32,
            num_attention_heads=32,
            num_key_value_heads=8,
            vocab_size=128256,
            max_position_embeddings=8192,
        ),
    ),
    (
        "llama3_2_1b_tied",
        "llama",
        dict(
            hidden_size=2048,
            intermediate_size=8192,
            num_hidden_layers=16,
            num_attention_heads=32,
            num_key_value_heads=8,
            head_dim=64,
            vocab_size=128256,
            max_position_embeddings=131072,
            tie_word_embeddings=True,
        ),
    ),
    (
        "tinyllama_1_1b",
        "llama",
        dict(
            hidden_size=2048,
            intermediate_size=5632,
            num_hidden_layers=22,
            num_attention_heads=32,
            num_key_value_heads=4,
            vocab_size=32000,
            max_position_embeddings=2048,
        ),
    ),
    # --- Mistral (modeling_mistral.py) ---
    ("mistral_defaults", "mistral", {}),
    ("mistral_tiny", "mistral", dict(TINY_GQA)),
    ("mistral_tiny_head_dim32", "mistral", dict(TINY_GQA, head_dim=32)),
    (
        "mistral_7b",
        "mistral",
        dict(
            hidden_size=4096,
            intermediate_size=14336,
            num_hidden_layers=32,
            num_attention_heads=32,
            num_key_value_heads=8,
            vocab_size=32000,
            max_position_embeddings=32768,
        ),
    ),
    (
        "mistral_nemo_12b",
        "mistral",
        dict(
            hidden_size=5120,
            intermediate_size=14336,
            num_hidden_layers=40,
            num_attention_heads=32,
            num_key_value_heads=8,
            head_dim=128,
            vocab_size=131072,
            max_position_embeddings=1024000,
        ),
    ),
    # --- Qwen2 (modeling_qwen2.py) ---
    ("qwen2_defaults", "qwen2", {}),
    ("qwen2_tiny", "qwen2", dict(TINY_GQA)),
    ("qwen2_tiny_tied", "qwen2", dict(TINY_GQA, tie_word_embeddings=True)),
    (
        "qwen2_0_5b_tied",
        "qwen2",
        dict(
            hidden_size=896,
            intermediate_size=4864,
            num_hidden_layers=24,
            num_attention_heads=14,
            num_key_value_heads=2,
            vocab_size=151936,
            max_position_embeddings=32768,
            tie_word_embeddings=True,
        ),
    ),
    (
        "qwen2_7b",
        "qwen2",
        dict(
            hidden_size=3584,
            intermediate_size=18944,
            num_hidden_layers=28,
            num_attention_heads=28,
            num_key_value_heads=4,
            vocab_size=152064,
            max_position_embeddings=131072,
            tie_word_embeddings=False,
        ),
    ),
    # --- Gemma (modeling_gemma.py) ---
    ("gemma_defaults", "gemma", {}),
    ("gemma_tiny", "gemma", dict(TINY_GQA, head_dim=32)),
    ("gemma_tiny_untied", "gemma", dict(TINY_GQA, head_dim=32, tie_word_embeddings=False)),
    ("gemma_tiny_attention_bias", "gemma", dict(TINY_GQA, head_dim=32, attention_bias=True)),
    (
        "gemma_2b",
        "gemma",
        dict(
            hidden_size=2048,
            intermediate_size=16384,
            num_hidden_layers=18,
            num_attention_heads=8,
            num_key_value_heads=1,
            head_dim=256,
            vocab_size=256000,
            max_position_embeddings=8192,
        ),
    ),
    (
        "gemma_7b",
        "gemma",
        dict(
            hidden_size=3072,
            intermediate_size=24576,
            num_hidden_layers=28,
            num_attention_heads=16,
            num_key_value_heads=16,
            head_dim=256,
            vocab_size=256000,
            max_position_embeddings=8192,
        ),
    ),
    # --- Gemma 2 (modeling_gemma2.py) ---
    ("gemma2_defaults", "gemma2", {}),
    ("gemma2_tiny", "gemma2", dict(TINY_GQA, head_dim=32)),
    (
        "gemma2_9b",
        "gemma2",
        dict(
            hidden_size=3584,
            intermediate_size=14336,
            num_hidden_layers=42,
            num_attention_heads=16,
            num_key_value_heads=8,
            head_dim=256,
            vocab_size=256000,
            max_position_embeddings=8192,
        ),
    ),
    # --- Phi (modeling_phi.py) ---
    ("phi_defaults", "phi", {}),
    ("phi_tiny", "phi", dict(TINY)),
    ("phi_tiny_gqa_qk_layernorm", "phi", dict(TINY_GQA, qk_layernorm=True)),
    ("phi_tiny_tied", "phi", dict(TINY, tie_word_embeddings=True)),
    (
        "phi_1_5",
        "phi",
        dict(
            hidden_size=2048,
            intermediate_size=8192,
            num_hidden_layers=24,
            num_attention_heads=32,
            vocab_size=51200,
            max_position_embeddings=2048,
        ),
    ),
    (
        "phi_2",
        "phi",
        dict(
            hidden_size=2560,
            intermediate_size=10240,
            num_hidden_layers=32,
            num_attention_heads=32,
            vocab_size=51200,
            max_position_embeddings=2048,
        ),
    ),
    # --- Phi-3 (modeling_phi3.py) ---
    ("phi3_defaults", "phi3", {}),
    ("phi3_tiny_gqa", "phi3", dict(TINY_GQA, pad_token_id=None)),
    (
        "phi3_mini",
        "phi3",
        dict(
            hidden_size=3072,
            intermediate_size=8192,
            num_hidden_layers=32,
            num_attention_heads=32,
            num_key_value_heads=32,
            vocab_size=32064,
            max_position_embeddings=4096,
        ),
    ),
    (
        "phi3_medium",
        "phi3",
        dict(
            hidden_size=5120,
            intermediate_size=17920,
            num_hidden_layers=40,
            num_attention_heads=40,
            num_key_value_heads=10,
            vocab_size=32064,
            max_position_embeddings=4096,
        ),
    ),
    # --- Mixtral (modeling_mixtral.py) ---
    ("mixtral_defaults", "mixtral", {}),
    ("mixtral_tiny_4x_top1", "mixtral", dict(TINY_GQA, num_local_experts=4, num_experts_per_tok=1)),
    ("mixtral_tiny_8x_top2", "mixtral", dict(TINY_GQA, num_local_experts=8, num_experts_per_tok=2)),
    (
        "mixtral_8x7b",
        "mixtral",
        dict(
            hidden_size=4096,
            intermediate_size=14336,
            num_hidden_layers=32,
            num_attention_heads=32,
            num_key_value_heads=8,
            vocab_size=32000,
            max_position_embeddings=32768,
            num_local_experts=8,
            num_experts_per_tok=2,
        ),
    ),
    (
        "mixtral_8x22b",
        "mixtral",
        dict(
            hidden_size=6144,
            intermediate_size=16384,
            num_hidden_layers=56,
            num_attention_heads=48,
            num_key_value_heads=8,
            vocab_size=32768,
            max_position_embeddings=65536,
            num_local_experts=8,
            num_experts_per_tok=2,
        ),
    ),
]


def measure(model_type: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    cfg = AutoConfig.for_model(model_type, **kwargs)
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(cfg)
    embeddings = [m for m in model.modules() if isinstance(m, torch.nn.Embedding)]
    out = model.get_output_embeddings()
    row: dict[str, Any] = {
        "model_type": model_type,
        "class": type(model).__name__,
        "config": kwargs,
        "total": sum(p.numel() for p in model.parameters()),
        "num_parameters": model.num_parameters(),
        "num_parameters_non_embedding": model.num_parameters(exclude_embeddings=True),
        "embedding_params": sum(m.weight.numel() for m in embeddings),
        "embedding_classes": sorted({type(m).__name__ for m in embeddings}),
        "tied": out is not None and out.weight is model.get_input_embeddings().weight,
    }
    inputs = {"input_ids": torch.zeros(TRAINER_BATCH, dtype=torch.long, device="meta")}
    fake_trainer = types.SimpleNamespace(model=model)
    row["trainer_flops_batch2x128"] = Trainer.floating_point_ops(fake_trainer, inputs)  # type: ignore[arg-type]
    experts = [p.numel() for n, p in model.named_parameters() if ".mlp.experts." in n]
    if experts:
        row["experts_params"] = sum(experts)
        row["num_local_experts"] = cfg.num_local_experts
        row["num_experts_per_tok"] = cfg.num_experts_per_tok
    row["config_json"] = json.loads(cfg.to_json_string(use_diff=False))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    transformers.logging.set_verbosity_error()
    logging.disable(logging.WARNING)
    entries = []
    for name, model_type, kwargs in GRID:
        row = {"name": name, **measure(model_type, kwargs)}
        total, non_emb = row["total"], row["num_parameters_non_embedding"]
        print(f"{name:32s} total={total:>15,} hf_non_emb={non_emb:>15,}")
        entries.append(row)
    doc = {
        "generator": "scripts/oracles/hf_params.py",
        "transformers_version": transformers.__version__,
        "torch_version": torch.__version__,
        "device": "meta",
        "trainer_batch_shape": list(TRAINER_BATCH),
        "notes": (
            "total = sum(p.numel() for p in model.parameters()) (tied lm_head counted once); "
            "num_parameters_non_embedding = model.num_parameters(exclude_embeddings=True), "
            "which drops the weight of every nn.Embedding module; experts_params = all "
            "parameters under .mlp.experts. (all experts, all layers)"
        ),
        "entries": entries,
    }
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
