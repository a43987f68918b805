"""Token counts of common training sets, each with its source, and ``train.bin``/``val.bin`` sizes.

Tokens are GPT-2 BPE (tiktoken ``gpt2``) unless ``tokenizer`` says otherwise. Counts marked
``approximate`` come from a shard layout (shards x tokens per shard), not a printed total.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

# nanoGPT's prepare.py scripts write token ids as np.uint16
BYTES_PER_TOKEN = 2


# a measured corpus this large is "large": one epoch is far more than a small model needs
LARGE_CORPUS_TOKENS = 1_000_000_000


class DatasetInfo(BaseModel):
    name: str
    train_tokens: int
    source: str
    large: bool  # a pre-training corpus where one epoch is far more than a small model needs
    val_tokens: int | None = None
    tokenizer: str = "gpt2"  # "gpt2" (tiktoken BPE) | "char" (one token per character)
    vocab_size: int | None = None  # a char dataset's vocabulary, as its prepare.py prints it
    approximate: bool = False  # from shard counts, not a printed total


CATALOG: dict[str, DatasetInfo] = {
    d.name: d
    for d in (
        DatasetInfo(
            name="openwebtext",
            train_tokens=9_035_582_198,
            val_tokens=4_434_897,
            source="nanoGPT data/openwebtext/prepare.py: train has 9,035,582,198 tokens, "
            "val 4,434,897",
            large=True,
        ),
        DatasetInfo(
            name="shakespeare",
            train_tokens=301_966,
            val_tokens=36_059,
            source="nanoGPT data/shakespeare/readme.md: train.bin has 301,966 tokens, "
            "val.bin 36,059",
            large=False,
        ),
        DatasetInfo(
            name="shakespeare_char",
            train_tokens=1_003_854,
            val_tokens=111_540,
            source="nanoGPT data/shakespeare_char/readme.md: train.bin has 1,003,854 tokens "
            "(characters), val.bin 111,540; prepare.py prints vocab size: 65",
            large=False,
            tokenizer="char",
            vocab_size=65,
        ),
        DatasetInfo(
            name="enwik8",
            train_tokens=90_000_000,
            val_tokens=5_000_000,
            source="enwik8: the first 10^8 bytes of an English Wikipedia dump (Hutter Prize); "
            "the standard split (Al-Rfou et al. 2018; Dai et al. 2019, Transformer-XL) is "
            "90M / 5M / 5M characters for train / validation / test",
            large=True,
            tokenizer="char",
            approximate=True,
        ),
        DatasetInfo(
            name="tinystories",
            train_tokens=925_653_391,
            val_tokens=19_043_638,
            source="llm.c dev/data/tinystories.py printout (GPT-2): 925,653,391 train tokens, "
            "19,043,638 val (roneneldan/TinyStories, an <|endoftext|> before each story)",
            large=False,
        ),
        DatasetInfo(
            name="fineweb10B",
            train_tokens=10_200_000_000,
            val_tokens=100_000_000,
            source="HuggingFaceFW/fineweb sample-10BT, tokenized by llm.c dev/data/fineweb.py "
            "into 10^8-token shards, shard 0 = val; modded-nanogpt's cached_fineweb10B.py "
            "lists 103 train shards, the last one partial: about 10.2-10.3B train tokens",
            large=True,
            approximate=True,
        ),
        DatasetInfo(
            name="fineweb_edu10B",
            train_tokens=9_900_000_000,
            val_tokens=100_000_000,
            source="HuggingFaceFW/fineweb-edu sample-10BT, tokenized by build-nanogpt "
            "fineweb.py: 10^8 tokens per shard, 'total of 100 shards', shard 0 = val: "
            "about 9.9B train tokens",
            large=True,
            approximate=True,
        ),
    )
}

_ALIASES = {
    "owt": "openwebtext",
    "enwik": "enwik8",
    "enwik8_char": "enwik8",
    "enwik_char": "enwik8",
    "fineweb": "fineweb10B",
    "fineweb10b": "fineweb10B",
    "fineweb-10b": "fineweb10B",
    "fineweb_10b": "fineweb10B",
    "fineweb-edu": "fineweb_edu10B",
    "fineweb_edu": "fineweb_edu10B",
    "fineweb_edu10b": "fineweb_edu10B",
    "fineweb-edu-10b": "fineweb_edu10B",
    "edu_fineweb10b": "fineweb_edu10B",
    "tinystories": "tinystories",
    "tiny_stories": "tinystories",
    "tiny-stories": "tinystories",
}


def find_dataset(name: str | None) -> DatasetInfo | None:
    if not name:
        return None
    key = name.strip().strip("/").split("/")[-1]
    if key in CATALOG:
        return CATALOG[key]
    alias = _ALIASES.get(key.lower())
    return CATALOG[alias] if alias else None


class DataDirError(ValueError):
    """A data directory without readable ``train.bin``/``val.bin``; one line for the user."""


def _tokens_in(path: Path) -> int:
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise DataDirError(f"{path}: not found (nanoGPT's prepare.py writes it)") from exc
    except OSError as exc:
        raise DataDirError(f"cannot read {path}: {exc.strerror}") from exc
    if not path.is_file():
        raise DataDirError(f"{path}: not a file")
    if size % BYTES_PER_TOKEN:
        raise DataDirError(f"{path}: {size} bytes is not a whole number of uint16 tokens")
    return size // BYTES_PER_TOKEN


def sizes_from_data_dir(path: Path) -> tuple[int, int]:
    """(train tokens, val tokens) of a nanoGPT data directory, from the file sizes alone.

    nanoGPT's ``prepare.py`` scripts write ``train.bin`` and ``val.bin`` as flat arrays of
    ``np.uint16`` token ids (2 bytes each, no header), so tokens = bytes / 2.
    """
    if not path.is_dir():
        raise DataDirError(f"--data-dir {path}: not a directory")
    return _tokens_in(path / "train.bin"), _tokens_in(path / "val.bin")


def has_meta(path: Path) -> bool:
    """Whether ``meta.pkl`` exists (a custom vocabulary, e.g. characters). Never unpickled:
    a pickle can run code."""
    return (path / "meta.pkl").is_file()
