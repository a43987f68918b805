"""GPU spec table and GPU-name matching, used to compute true MFU against the right peak.

The data lives in ``capdiag/data/gpus.csv``: one row per GPU, every figure DENSE (no 2:4
sparsity), the bf16/fp16 figures are the tensor-core rate with FP32 accumulation (what PyTorch
matmuls run at; GeForce cards run it at half the FP16-accumulate headline rate), ``fp32`` is the
non-tensor FP32 rate, and the ``source`` column says where each row's figures come from.

Matching works on tokens, not substrings, so ``L4`` never matches ``L40``/``L40S`` and ``A10``
never matches ``A10G``/``A100``:

1. ``_tokens`` lower-cases the text, splits it on anything that is not a letter or a digit,
   drops vendor noise words (``nvidia``, ``geforce``, ``tesla``, ...) and normalises a few
   spellings (``rtx4070ti`` -> ``rtx 4070 ti``, ``sxm4``/``sxm5`` -> ``sxm``, ``80 GB`` ->
   ``80gb``, ``4070S`` -> ``4070 super``).
2. Every row contributes keys: the token sequences of its canonical name, of each exact
   ``torch.cuda.get_device_name()`` string and of each alias.
3. A key matches where its tokens occur contiguously in the text, unless the token right after
   the match is a variant word the key does not include (``ti``, ``super``, ``pcie``, ``nvl``,
   ``laptop``, ...): ``RTX 4070 Ti`` is not an ``RTX 4070``, ``H100 PCIe`` is not the SXM
   default, a laptop 4070 is not the desktop card.
4. The longest matching key wins (most specific); ties go to the earliest position in the text.

Defaults for bare family names (peaks are identical across the variants, only memory differs):
``a100`` -> A100 SXM4 80GB, ``h100`` -> H100 SXM, ``v100`` -> V100 SXM2 16GB,
``h200`` -> H200 (SXM), ``gh200`` -> GH200 96GB. MIG slices (``... MIG 1g.10gb``) return the
parent GPU; the slice has fewer SMs, so scale the peak by SMs(slice) / ``sms``.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from importlib import resources

from pydantic import BaseModel, ConfigDict

__all__ = [
    "A100_PEAK_FLOPS",
    "GPUSpec",
    "all_gpus",
    "canonical_dtype",
    "find_gpu",
    "find_gpu_in_text",
]

A100_PEAK_FLOPS = 312e12
"""What nanoGPT's ``estimate_mfu`` divides by: A100 dense BF16 tensor peak (FP32 accumulate)."""

_DTYPE_ALIASES: dict[str, str] = {
    "bf16": "bfloat16",
    "bfloat16": "bfloat16",
    "torch.bfloat16": "bfloat16",
    "fp16": "float16",
    "float16": "float16",
    "half": "float16",
    "torch.float16": "float16",
    "torch.half": "float16",
    "fp32": "float32",
    "float32": "float32",
    "float": "float32",
    "torch.float32": "float32",
    "torch.float": "float32",
    "tf32": "tf32",
    "fp8": "fp8",
    "float8": "fp8",
    "float8_e4m3fn": "fp8",
    "float8_e5m2": "fp8",
    "torch.float8_e4m3fn": "fp8",
    "torch.float8_e5m2": "fp8",
}

# CSV column -> key in GPUSpec.peak_tflops
_PEAK_COLUMNS: dict[str, str] = {
    "bf16_tflops": "bfloat16",
    "fp16_tflops": "float16",
    "tf32_tflops": "tf32",
    "fp32_tflops": "float32",
    "fp8_tflops": "fp8",
}

# Words that never identify a GPU model.
_NOISE = frozenset(
    {
        "nvidia",
        "geforce",
        "tesla",
        "amd",
        "instinct",
        "generation",
        "gpu",
        "graphics",
        "tensor",
        "core",
        "corporation",
    }
)

# Words that select a different product when they follow a key that does not include them.
_VARIANTS = frozenset(
    {"ti", "super", "pcie", "sxm", "nvl", "laptop", "mobile", "max", "maxq", "d", "hbm3e"}
)

_RTX_GLUED = re.compile(r"^rtx(\w+)$")  # rtx4070, rtx4070ti, rtxa6000
_NUMBER_SUFFIX = re.compile(r"^(\d{4})(tisuper|ti|super|ada|s|d)$")  # 4070ti, 4070s, 6000ada
_SXM = re.compile(r"^sxm\d?$")  # sxm, sxm2, sxm4, sxm5
_MEMORY = re.compile(r"^(\d+)g(?:b)?$")  # 80gb, 144g, 1g
_SUFFIX_TOKENS = {"tisuper": ("ti", "super"), "s": ("super",)}


class GPUSpec(BaseModel):
    """One GPU's dense peak throughput and memory, with the exact names it reports."""

    model_config = ConfigDict(frozen=True)

    name: str
    vendor: str
    device_names: tuple[str, ...]
    aliases: tuple[str, ...]
    sms: int | None
    mem_gb: float | None
    mem_bw_gbs: float | None
    peak_tflops: dict[str, float]
    fp32acc_half_rate: bool
    source: str

    def peak_flops(self, dtype: str) -> float | None:
        """Dense peak in FLOP/s for ``dtype`` ("bf16", "fp16", "half", "fp32", "tf32", "fp8", ...).

        Returns None when the GPU has no such rate (e.g. bf16 on a V100) or the dtype is unknown.
        """
        key = canonical_dtype(dtype)
        if key is None or key not in self.peak_tflops:
            return None
        return self.peak_tflops[key] * 1e12


def canonical_dtype(dtype: str) -> str | None:
    """Map a dtype spelling to a ``peak_tflops`` key ("bfloat16", "float16", ...), or None."""
    return _DTYPE_ALIASES.get(dtype.strip().lower())


def _split_token(token: str) -> list[str]:
    glued = _RTX_GLUED.match(token)
    if glued:
        return ["rtx", *_split_token(glued.group(1))]
    suffixed = _NUMBER_SUFFIX.match(token)
    if suffixed:
        number, suffix = suffixed.groups()
        return [number, *_SUFFIX_TOKENS.get(suffix, (suffix,))]
    if _SXM.match(token):
        return ["sxm"]
    memory = _MEMORY.match(token)
    if memory:
        return [f"{memory.group(1)}gb"]
    return [token]


def _tokens(text: str) -> tuple[str, ...]:
    """Normalise a GPU name or a log line into comparable tokens (see the module docstring)."""
    raw = re.split(r"[^a-z0-9]+", text.lower())
    out: list[str] = []
    for token in raw:
        if not token or token in _NOISE:
            continue
        if token == "gb" and out and out[-1].isdigit():  # "80 GB" -> "80gb"
            out[-1] = f"{out[-1]}gb"
            continue
        out.extend(_split_token(token))
    return tuple(out)


def _float(value: str) -> float | None:
    value = value.strip()
    return float(value) if value else None


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _row_to_spec(row: dict[str, str]) -> GPUSpec:
    peaks = {
        key: tflops
        for column, key in _PEAK_COLUMNS.items()
        if (tflops := _float(row[column])) is not None
    }
    sms = row["sms"].strip()
    return GPUSpec(
        name=row["name"].strip(),
        vendor=row["vendor"].strip(),
        device_names=_split_list(row["device_names"]),
        aliases=_split_list(row["aliases"]),
        sms=int(sms) if sms else None,
        mem_gb=_float(row["mem_gb"]),
        mem_bw_gbs=_float(row["mem_bw_gbs"]),
        peak_tflops=peaks,
        fp32acc_half_rate=row["fp32acc_half_rate"].strip().lower() == "yes",
        source=row["source"].strip(),
    )


@functools.cache
def _load() -> tuple[GPUSpec, ...]:
    csv_file = resources.files("capdiag").joinpath("data").joinpath("gpus.csv")
    text = csv_file.read_text(encoding="utf-8")
    return tuple(_row_to_spec(row) for row in csv.DictReader(io.StringIO(text)))


def all_gpus() -> list[GPUSpec]:
    """Every GPU in the table (loaded once from the packaged CSV)."""
    return list(_load())


@functools.cache
def _keys() -> tuple[tuple[tuple[str, ...], GPUSpec], ...]:
    keys: list[tuple[tuple[str, ...], GPUSpec]] = []
    for spec in _load():
        seen: set[tuple[str, ...]] = set()
        for spelling in (spec.name, *spec.device_names, *spec.aliases):
            key = _tokens(spelling)
            if key and key not in seen:
                seen.add(key)
                keys.append((key, spec))
    return tuple(keys)


def _is_model_token(token: str) -> bool:
    """A token that names a model by itself: letters and digits mixed (a100, l4, mi300x)."""
    return any(c.isdigit() for c in token) and any(c.isalpha() for c in token)


@functools.cache
def _keys_for(in_text: bool) -> tuple[tuple[tuple[str, ...], GPUSpec], ...]:
    # In free text a key must carry a model token (a100, l40s) or the "rtx" family word, so
    # bare numbers such as "4070" or "3090" in a log line never fire.
    return tuple(
        (key, spec)
        for key, spec in _keys()
        if not in_text or key[0] == "rtx" or any(_is_model_token(t) for t in key)
    )


@functools.cache
def _first_tokens(in_text: bool) -> frozenset[str]:
    return frozenset(key[0] for key, _ in _keys_for(in_text))


def _match(tokens: tuple[str, ...], *, in_text: bool) -> GPUSpec | None:
    if _first_tokens(in_text).isdisjoint(tokens):
        return None  # no key can start anywhere in the text (most log lines)
    best: tuple[int, int, GPUSpec] | None = None  # (key length, -position, spec)
    for key, spec in _keys_for(in_text):
        n = len(key)
        for pos in range(len(tokens) - n + 1):
            if tokens[pos : pos + n] != key:
                continue
            following = tokens[pos + n] if pos + n < len(tokens) else None
            if following in _VARIANTS:
                continue  # e.g. "rtx 4070" followed by "ti": a different product
            candidate = (n, -pos, spec)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
            break
    return best[2] if best else None


def find_gpu(text: str) -> GPUSpec | None:
    """The GPU named by ``text`` as torch, nvidia-smi or a user writes it, or None if unknown.

    Examples: "NVIDIA GeForce RTX 4070", "rtx4070", "4070 ti super", "NVIDIA H100 80GB HBM3"
    (the SXM part), "A100-SXM4-40GB", "a100" (-> A100 SXM4 80GB), "AMD Instinct MI300X".
    """
    return _match(_tokens(text), in_text=False)


def suggest_gpu(text: str) -> str | None:
    """The table's closest name to an unknown GPU name, for a did-you-mean."""
    import difflib

    names = {spec.name.lower(): spec.name for spec in all_gpus()}
    close = difflib.get_close_matches(
        text.lower().replace("nvidia ", "").replace("geforce ", ""), list(names), n=1, cutoff=0.6
    )
    return names[close[0]] if close else None


def find_gpu_in_text(text: str) -> GPUSpec | None:
    """A GPU mentioned anywhere in a log line, e.g. "Using device: NVIDIA GeForce RTX 4070".

    Only names that carry a model token (``a100``, ``l4``) or the ``RTX`` family word count, so
    unrelated numbers in the line ("step 4070") never match.
    """
    return _match(_tokens(text[:MAX_LINE]), in_text=True)


MAX_LINE = 1000  # a GPU name sits near the start of its line
