"""Log formats. Each format is one module with the same three names:

- ``NAME``: the format's id, as ``--log-format`` takes it;
- ``sniff(path, head) -> int``: how sure the module is that it reads this input (0 = not
  at all, 100 = certain), from the content (``head`` is the first MiB of a file, empty for
  a directory), never from the file name alone;
- ``load(path, ctx) -> Run``: the run, with series, events, config and dims filled in.

`load.finalize` then adds what every format shares (GPU, figures).
"""

from __future__ import annotations

import importlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from pydantic import BaseModel, Field

# in detection order; a module that is missing or fails to import is skipped
FORMAT_MODULES = (
    "notebook",  # a notebook's outputs, read as the format they are in
    "nanogpt",
    "llmc",
    "modded_nanogpt",
    "hf_trainer",
    "dvclive",
    "lightning",
    "ultralytics",
    "tensorboard",
    "wandb",
    "mlflow",
    "torchtitan",
    "megatron",
    "nanochat",
    "build_nanogpt",
    "jsonl",
    "olmo",
    "litgpt",
    "marian",
    "text",  # the fallback: any line-per-step log with key: value fields
)
# the highest score each format's sniff gives: detection neither imports nor asks a format
# that cannot beat the best score so far (tests/test_detection.py holds sniff to it)
SNIFF_MAX = {
    "notebook": 98,
    "nanogpt": 90,
    "llmc": 90,
    "modded_nanogpt": 95,
    "hf_trainer": 95,
    "dvclive": 96,
    "lightning": 95,
    "ultralytics": 95,
    "tensorboard": 95,
    "wandb": 95,
    "mlflow": 95,
    "torchtitan": 95,
    "megatron": 95,
    "nanochat": 95,
    "build_nanogpt": 90,
    "jsonl": 97,
    "olmo": 90,
    "litgpt": 90,
    "marian": 95,
    "text": 10,
}
# a format's sniff says more than 0 for a file only when the file's first MiB holds one of
# its marks: detection neither imports nor asks a format whose marks are all absent (folders,
# and formats without marks, are always asked; tests/test_detection.py holds sniff to them)
SNIFF_MARKS: dict[str, tuple[bytes, ...]] = {
    "notebook": (b'"cells"', b'{"stream_name":'),
    "nanogpt": (b"iter", b"step", b"tokens per iteration will be:", b"Overriding config with"),
    "llmc": (b"step", b" trl:", b" tel:", b"| train data pattern", b"| micro batch size B"),
    "modded_nanogpt": (b"train_time:",),
    "hf_trainer": (
        b"log_history",
        b'"step": ',
        b"{'",
        b"{\x1b",
        "{\u2018".encode(),
        b"*****",
        b"Training Loss",
    ),
    "dvclive": (b"step\t",),
    "lightning": (b"step",),
    "ultralytics": (b"epoch", b"%|"),
    "tensorboard": (b"brain.Event:",),
    "wandb": (b":W&B",),
    "torchtitan": (b"GiB(", b"Training starts at step "),
    "megatron": (b"iteration", b"-- arguments --"),
    "nanochat": (
        b"| lrm: ",
        b"| Validation bpb: ",
        b"## Base model training",
        b"nanochat.common - ",
        b"Tokens : Scaling params ratio",
    ),
    "build_nanogpt": (b" | loss: ", b"total desired batch size:", b" train ", b" val", b" hella"),
    "jsonl": (b"{",),
    "olmo": (b"[step=",),
    "litgpt": (b"iter ",),
    "marian": (b"] Ep. ",),
}


class ParseError(ValueError):
    """Input a parser cannot read (no metrics file in a folder, ...): an input error."""


class OpenNotebook(NamedTuple):
    """A notebook whose outputs are being read as the log: its path and parsed document."""

    path: Path
    document: Any


class LoadContext(BaseModel):
    """What the user told us besides the log."""

    config_path: Path | None = None
    sets: dict[str, Any] = Field(default_factory=dict)
    metric_map: dict[str, str] = Field(default_factory=dict)  # canonical -> key in the log
    config_read: bool = False  # a parser sets it when it took values from `config_path`
    config_problem: str | None = None  # why a parser could not use `config_path`
    notebook: OpenNotebook | None = None  # the notebook the log is the outputs of


@contextmanager
def text_as_file(text: str, name: str) -> Iterator[Path]:
    """`text` written to a file called `name` in a temporary folder, for the readers that
    take a path (a notebook's outputs, a W&B console kept in its datastore)."""
    with tempfile.TemporaryDirectory(prefix="capdiag-") as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8", errors="replace")
        yield path


MARKS_ON_FIRST_LINE = frozenset({"lightning", "dvclive"})  # a CSV header's column


def may_sniff(name: str, head: bytes) -> bool:
    """Whether format `name` can sniff above 0 for an input whose first MiB is `head`."""
    marks = SNIFF_MARKS.get(name)
    if not head or marks is None:
        return True
    where = head.split(b"\n", 1)[0] if name in MARKS_ON_FIRST_LINE else head
    return any(mark in where for mark in marks)


def format_module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"capdiag.parsers.{name}")
    except ImportError:
        return None


def format_modules() -> list[ModuleType]:
    return [m for m in map(format_module, FORMAT_MODULES) if m is not None]
