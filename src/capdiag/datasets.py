"""Token counts of common training sets, each with its source. Tokens are GPT-2 BPE unless noted."""

from __future__ import annotations

from pydantic import BaseModel


class DatasetInfo(BaseModel):
    name: str
    train_tokens: int
    source: str
    large: bool  # a pre-training corpus where one epoch is far more than a small model needs


CATALOG: dict[str, DatasetInfo] = {
    d.name: d
    for d in (
        DatasetInfo(
            name="openwebtext",
            train_tokens=9_035_582_198,
            source="nanoGPT data/openwebtext/prepare.py: train has 9,035,582,198 tokens",
            large=True,
        ),
        DatasetInfo(
            name="shakespeare",
            train_tokens=301_966,
            source="nanoGPT data/shakespeare/readme.md: train.bin has 301,966 tokens",
            large=False,
        ),
        DatasetInfo(
            name="shakespeare_char",
            train_tokens=1_003_854,
            source="nanoGPT data/shakespeare_char/readme.md (characters)",
            large=False,
        ),
        DatasetInfo(
            name="fineweb10B",
            train_tokens=10_000_000_000,
            source="HuggingFaceFW/fineweb sample-10BT: about 10B GPT-2 tokens (dataset card)",
            large=True,
        ),
        DatasetInfo(
            name="fineweb_edu10B",
            train_tokens=10_000_000_000,
            source="HuggingFaceFW/fineweb-edu sample-10BT: about 10B GPT-2 tokens (dataset card)",
            large=True,
        ),
    )
}

_ALIASES = {
    "owt": "openwebtext",
    "fineweb": "fineweb10B",
    "fineweb10b": "fineweb10B",
    "fineweb-10b": "fineweb10B",
    "fineweb_10b": "fineweb10B",
    "fineweb-edu": "fineweb_edu10B",
    "fineweb_edu": "fineweb_edu10B",
    "edu_fineweb10b": "fineweb_edu10B",
}


def find_dataset(name: str | None) -> DatasetInfo | None:
    if not name:
        return None
    key = name.strip().strip("/").split("/")[-1]
    if key in CATALOG:
        return CATALOG[key]
    alias = _ALIASES.get(key.lower())
    return CATALOG[alias] if alias else None
