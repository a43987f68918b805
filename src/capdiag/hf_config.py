"""Hugging Face ``config.json`` to :class:`~capdiag.arithmetic.params.ModelDims`, by ``model_type``.

Each family's mapping follows its ``transformers`` modeling file: which Linears carry a bias,
how many norms a layer has, whether the MLP is gated, whether positions are learned. A key
missing from ``config.json`` takes the default of that family's ``PretrainedConfig`` class,
so a minimal ``{"model_type": "llama"}`` describes the same model ``LlamaConfig()`` builds.

Families: ``gpt2``, ``llama``, ``mistral``, ``qwen2``, ``gemma``, ``gemma2``, ``phi``,
``phi3``, ``mixtral``. Anything else raises :class:`ValueError`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from capdiag.arithmetic.params import ModelDims

# Defaults of each transformers config class (configuration_<family>.py), for keys a
# config.json may leave out. Checked against the classes by scripts/oracles/hf_params.py.
_DEFAULTS: dict[str, dict[str, Any]] = {
    "gpt2": {
        "vocab_size": 50257,
        "n_positions": 1024,
        "n_embd": 768,
        "n_layer": 12,
        "n_head": 12,
        "n_inner": None,
        "tie_word_embeddings": True,
    },
    "llama": {
        "vocab_size": 32000,
        "hidden_size": 4096,
        "intermediate_size": 11008,
        "num_hidden_layers": 32,
        "num_attention_heads": 32,
        "num_key_value_heads": None,
        "head_dim": None,
        "max_position_embeddings": 2048,
        "tie_word_embeddings": False,
        "attention_bias": False,
        "mlp_bias": False,
    },
    "mistral": {
        "vocab_size": 32000,
        "hidden_size": 4096,
        "intermediate_size": 14336,
        "num_hidden_layers": 32,
        "num_attention_heads": 32,
        "num_key_value_heads": 8,
        "head_dim": None,
        "max_position_embeddings": 4096 * 32,
        "tie_word_embeddings": False,
    },
    "qwen2": {
        "vocab_size": 151936,
        "hidden_size": 4096,
        "intermediate_size": 22016,
        "num_hidden_layers": 32,
        "num_attention_heads": 32,
        "num_key_value_heads": 32,
        "head_dim": None,
        "max_position_embeddings": 32768,
        "tie_word_embeddings": False,
    },
    "gemma": {
        "vocab_size": 256000,
        "hidden_size": 3072,
        "intermediate_size": 24576,
        "num_hidden_layers": 28,
        "num_attention_heads": 16,
        "num_key_value_heads": 16,
        "head_dim": 256,
        "max_position_embeddings": 8192,
        "tie_word_embeddings": True,
        "attention_bias": False,
    },
    "gemma2": {
        "vocab_size": 256000,
        "hidden_size": 2304,
        "intermediate_size": 9216,
        "num_hidden_layers": 26,
        "num_attention_heads": 8,
        "num_key_value_heads": 4,
        "head_dim": 256,
        "max_position_embeddings": 8192,
        "tie_word_embeddings": True,
        "attention_bias": False,
    },
    "phi": {
        "vocab_size": 51200,
        "hidden_size": 2048,
        "intermediate_size": 8192,
        "num_hidden_layers": 24,
        "num_attention_heads": 32,
        "num_key_value_heads": None,
        "head_dim": None,
        "max_position_embeddings": 2048,
        "tie_word_embeddings": False,
        "qk_layernorm": False,
    },
    "phi3": {
        "vocab_size": 32064,
        "hidden_size": 3072,
        "intermediate_size": 8192,
        "num_hidden_layers": 32,
        "num_attention_heads": 32,
        "num_key_value_heads": None,
        "head_dim": None,
        "max_position_embeddings": 4096,
        "tie_word_embeddings": False,
    },
    "mixtral": {
        "vocab_size": 32000,
        "hidden_size": 4096,
        "intermediate_size": 14336,
        "num_hidden_layers": 32,
        "num_attention_heads": 32,
        "num_key_value_heads": 8,
        "head_dim": None,
        "max_position_embeddings": 4096 * 32,
        "tie_word_embeddings": False,
        "num_local_experts": 8,
        "num_experts_per_tok": 2,
    },
}

SUPPORTED_MODEL_TYPES: tuple[str, ...] = tuple(_DEFAULTS)


class _Config:
    """A config dict read through its family's defaults."""

    def __init__(self, model_type: str, config: dict[str, Any]) -> None:
        self.model_type = model_type
        self._config = config
        self._defaults = _DEFAULTS[model_type]

    def get(self, key: str) -> Any:
        if key in self._config:
            return self._config[key]
        return self._defaults.get(key)

    def integer(self, key: str) -> int:
        value = self.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ValueError(f"{self.model_type} config: {key} must be a positive integer")
        return value

    def optional_int(self, key: str) -> int | None:
        return None if self.get(key) is None else self.integer(key)

    def flag(self, key: str) -> bool:
        return bool(self.get(key))


def _gpt2(c: _Config, seq_len: int | None) -> ModelDims:
    # modeling_gpt2.py: Conv1D layers and LayerNorms all carry a bias; wpe has n_positions rows.
    n_positions = c.integer("n_positions")
    return ModelDims(
        family="gpt2",
        n_layer=c.integer("n_layer"),
        n_head=c.integer("n_head"),
        n_embd=c.integer("n_embd"),
        block_size=seq_len or n_positions,
        vocab_size=c.integer("vocab_size"),
        bias=True,
        tied_head=c.flag("tie_word_embeddings"),
        intermediate_size=c.optional_int("n_inner"),
        max_position_embeddings=n_positions,
    )


def _llama_like(c: _Config, seq_len: int | None, **overrides: Any) -> ModelDims:
    """Llama's layout: RoPE, RMSNorm, gated MLP, optional GQA and head_dim."""
    fields: dict[str, Any] = {
        "family": c.model_type,
        "n_layer": c.integer("num_hidden_layers"),
        "n_head": c.integer("num_attention_heads"),
        "n_embd": c.integer("hidden_size"),
        "block_size": seq_len or c.integer("max_position_embeddings"),
        "vocab_size": c.integer("vocab_size"),
        "tied_head": c.flag("tie_word_embeddings"),
        "n_kv_head": c.optional_int("num_key_value_heads"),
        "head_dim_override": c.optional_int("head_dim"),
        "intermediate_size": c.integer("intermediate_size"),
        "mlp": "swiglu",
        "norm": "rmsnorm",
        "learned_pos": False,
        "max_position_embeddings": c.integer("max_position_embeddings"),
    }
    fields.update(overrides)
    return ModelDims(**fields)


def _llama(c: _Config, seq_len: int | None) -> ModelDims:
    # modeling_llama.py: attention_bias puts a bias on q, k, v and o; mlp_bias on all three.
    attention_bias = c.flag("attention_bias")
    return _llama_like(
        c,
        seq_len,
        qkv_bias=attention_bias,
        attn_out_bias=attention_bias,
        mlp_bias=c.flag("mlp_bias"),
    )


def _mistral(c: _Config, seq_len: int | None) -> ModelDims:
    return _llama_like(c, seq_len)  # modeling_mistral.py: no biases anywhere


def _qwen2(c: _Config, seq_len: int | None) -> ModelDims:
    return _llama_like(c, seq_len, qkv_bias=True)  # q, k, v carry a bias; o_proj does not


def _gemma(c: _Config, seq_len: int | None) -> ModelDims:
    # modeling_gemma.py: GeGLU (gate, up, down), RMSNorm weights, attention_bias on q, k, v, o.
    attention_bias = c.flag("attention_bias")
    return _llama_like(
        c, seq_len, mlp="geglu", qkv_bias=attention_bias, attn_out_bias=attention_bias
    )


def _gemma2(c: _Config, seq_len: int | None) -> ModelDims:
    # modeling_gemma2.py: Gemma's layout plus pre- and post-feedforward norms (four per layer).
    attention_bias = c.flag("attention_bias")
    return _llama_like(
        c,
        seq_len,
        mlp="geglu",
        norms_per_layer=4,
        qkv_bias=attention_bias,
        attn_out_bias=attention_bias,
    )


def _phi(c: _Config, seq_len: int | None) -> ModelDims:
    # modeling_phi.py: parallel attention + MLP after one LayerNorm; q, k, v, dense, fc1, fc2
    # and lm_head all carry a bias; partial rotary embedding has no parameters.
    return _llama_like(
        c,
        seq_len,
        mlp="gelu",
        norm="layernorm",
        bias=True,
        head_bias=True,
        norms_per_layer=1,
        qk_norm=c.flag("qk_layernorm"),
    )


def _phi3(c: _Config, seq_len: int | None) -> ModelDims:
    # modeling_phi3.py: fused qkv_proj and gate_up_proj, no biases: Llama's count.
    return _llama_like(c, seq_len)


def _mixtral(c: _Config, seq_len: int | None) -> ModelDims:
    # modeling_mixtral.py: every layer's MLP is num_local_experts SwiGLU experts behind a
    # bias-free router Linear(hidden_size, num_local_experts).
    return _llama_like(
        c,
        seq_len,
        n_experts=c.integer("num_local_experts"),
        experts_per_token=c.integer("num_experts_per_tok"),
    )


_BUILDERS: dict[str, Callable[[_Config, int | None], ModelDims]] = {
    "gpt2": _gpt2,
    "llama": _llama,
    "mistral": _mistral,
    "qwen2": _qwen2,
    "gemma": _gemma,
    "gemma2": _gemma2,
    "phi": _phi,
    "phi3": _phi3,
    "mixtral": _mixtral,
}


def dims_from_hf_config(config: dict[str, Any], seq_len: int | None = None) -> ModelDims:
    """The model a Hugging Face ``config.json`` describes.

    ``seq_len`` sets ``block_size`` (the trained sequence length, used by FLOPs); without it
    the config's ``max_position_embeddings`` (GPT-2: ``n_positions``) stands in.
    """
    model_type = config.get("model_type")
    if not isinstance(model_type, str) or not model_type:
        raise ValueError("config.json has no model_type; cannot tell the model family")
    builder = _BUILDERS.get(model_type)
    if builder is None:
        supported = ", ".join(SUPPORTED_MODEL_TYPES)
        raise ValueError(f"unsupported model_type {model_type!r}; supported: {supported}")
    if seq_len is not None and seq_len <= 0:
        raise ValueError("seq_len must be a positive integer")
    return builder(_Config(model_type, config), seq_len)


MAX_MODEL_CONFIG_BYTES = 4 << 20  # a config.json is a few kilobytes


def load_hf_config(path: Path, seq_len: int | None = None) -> ModelDims:
    """Read a ``config.json`` (or a directory holding one) and map it to ModelDims."""
    if path.is_dir():
        path = path / "config.json"
    if path.is_file() and path.stat().st_size > MAX_MODEL_CONFIG_BYTES:
        raise ValueError(f"{path}: over {MAX_MODEL_CONFIG_BYTES >> 20} MiB, not a model config")
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    except RecursionError as exc:
        raise ValueError(f"{path}: nested too deeply to be a model config") from exc
    if not isinstance(config, dict):
        raise ValueError(f"{path}: expected a JSON object")
    return dims_from_hf_config(config, seq_len)


ADAPTER_CONFIG = "adapter_config.json"

# vocabulary sizes of popular base models, as their config.json states them (ln V is all the
# init-loss check needs, so a padded size and the tokenizer's size give the same answer)
_BASE_VOCAB: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"(?<!code)llama-?3(?![\d.]*b)"), 128256),  # not llama-30b, codellama
    (
        re.compile(r"(?<!code)llama-?2(?!\d)|tinyllama|vicuna|(?<!code)llama-(7|13|30|65)b|alpaca"),
        32000,
    ),
    (re.compile(r"mistral-7b-(instruct-)?v0\.[12]|mistral-7b$"), 32000),
    (re.compile(r"qwen-?(2|2\.5|3)"), 151936),
    (re.compile(r"gemma-?3"), 262144),
    (re.compile(r"gemma"), 256000),
    (re.compile(r"phi-?3"), 32064),
    (re.compile(r"phi-?2"), 51200),
    (re.compile(r"gpt2|gpt-2"), 50257),
    (re.compile(r"roberta"), 50265),
    (re.compile(r"bert-base-uncased|distilbert-base-uncased"), 30522),
    (re.compile(r"bert-base-cased|distilbert-base-cased"), 28996),
    (re.compile(r"^(?:flan-)?t5-(?:small|base|large|3b|11b)$|^t5-v1_1"), 32128),
    (re.compile(r"^bart-(?:base|large)"), 50265),
    (re.compile(r"^chatglm[23]-6b"), 65024),  # padded_vocab_size
    (re.compile(r"^chatglm-6b"), 130528),
    (re.compile(r"^codegen2?-(?:350m|1b|2b|3_7b|6b|7b|16b)"), 51200),
)


def base_model_vocab(name: str) -> int | None:
    """The vocabulary of a well-known base model, from its name (None when not known)."""
    key = name.lower().rsplit("/", 1)[-1]
    return next((vocab for pattern, vocab in _BASE_VOCAB if pattern.search(key)), None)


def find_adapter(folder: Path, levels: int = 2) -> str | None:
    """The base model a PEFT adapter (LoRA, QLoRA) in `folder` or its parents was trained on."""
    for candidate in [folder, *list(folder.parents)[:levels]]:
        path = candidate / ADAPTER_CONFIG
        if not path.is_file() or path.stat().st_size > 1 << 20:
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8", errors="replace"))
        except (OSError, ValueError, RecursionError):
            continue
        if isinstance(data, dict):
            return str(data.get("base_model_name_or_path") or "a pretrained model")
    return None
