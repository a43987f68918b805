"""An llm.c launch script (``run_*.sh``): the ``train_gpt2cu`` command's flags, read as text.

The script is never run: its lines are joined where they end in ``\\``, the line that calls
``train_gpt2cu`` (or ``train_gpt2``, ``train_gpt2fp32cu``) is split as a shell would split
it (``shlex``, no expansion), and the flags ``train_gpt2.cu`` documents are read:

- ``-e``: a descriptor builds a model from scratch with llm.c's own tables: ``dN`` or
  ``gpt2:dN`` is GPT-2 of depth N (``gpt2_set_hyperparameters``: d6 384 wide with 6 heads,
  d12 768/12, d24 1024/16, d36 1280/20, d48 1600/25, d60 1920/30, d72 2880/30, d84
  3456/36; context 1024, or Y with ``gpt2:dN:tY``), ``gpt3:cN`` is GPT-3 of width N
  (``gpt3_set_hyperparameters``: depth and head size c384 6/64, c768 12/64, c1024 24/64,
  c1536 24/96, c2048 24/128, c2560 32/80, c4096 32/128, c5140 40/128, c12288 96/128;
  context 2048); vocab 50257 padded to 50304. A ``.bin`` file is a checkpoint whose weights
  it starts from;
- ``-b`` micro-batch per GPU, ``-t`` sequence length, ``-d`` total tokens per step, ``-x``
  steps (-1: one epoch), ``-l`` learning rate, ``-u`` warmup steps, ``-q`` final fraction of
  the rate, ``-c`` weight decay.

Its ``#`` comments are kept: a size claim there ("# 124M parameter model") is checked
against the model the flags build.
"""

from __future__ import annotations

import itertools
import math
import re
import shlex
from typing import Any

from capdiag.arithmetic.params import ModelDims
from capdiag.run import Comment

# llm.c's gpt2_set_hyperparameters: depth -> (channels, heads)
DEPTHS = {
    6: (384, 6),
    12: (768, 12),
    24: (1024, 16),
    36: (1280, 20),
    48: (1600, 25),
    60: (1920, 30),
    72: (2880, 30),
    84: (3456, 36),
}
# llm.c's gpt3_set_hyperparameters: channels -> (depth, head size)
GPT3_WIDTHS = {
    384: (6, 64),
    768: (12, 64),
    1024: (24, 64),
    1536: (24, 96),
    2048: (24, 128),
    2560: (32, 80),
    4096: (32, 128),
    5140: (40, 128),
    12288: (96, 128),
}
VOCAB, PADDED_VOCAB = 50257, 50304
_GPT2 = re.compile(r"(?:gpt2:)?d(\d{1,3})(?::t(\d{1,6}))?")
_GPT3 = re.compile(r"gpt3:c(\d{1,6})")


def descriptor_dims(descriptor: str) -> ModelDims | None:
    """The model llm.c builds for ``-e DESCRIPTOR``; None for a file or an unknown one."""
    if (m := _GPT2.fullmatch(descriptor)) and int(m.group(1)) in DEPTHS:
        depth = int(m.group(1))
        channels, heads = DEPTHS[depth]
        block = int(m.group(2)) if m.group(2) else 1024
    elif (m := _GPT3.fullmatch(descriptor)) and int(m.group(1)) in GPT3_WIDTHS:
        channels = int(m.group(1))
        depth, head_size = GPT3_WIDTHS[channels]
        heads, block = channels // head_size, 2048
    else:
        return None
    if block < 1:
        return None
    return ModelDims(
        n_layer=depth,
        n_head=heads,
        n_embd=channels,
        block_size=block,
        vocab_size=PADDED_VOCAB,
        bias=True,
    )


def family_presets(descriptor: str) -> list[str]:
    """The descriptors of the same family as `descriptor` (GPT-2 depths, or GPT-3 widths)."""
    if _GPT3.fullmatch(descriptor):
        return [f"gpt3:c{c}" for c in GPT3_WIDTHS]
    prefix = "gpt2:d" if descriptor.startswith("gpt2:") else "d"
    return [f"{prefix}{d}" for d in DEPTHS]


_BINARY = re.compile(r"(?:^|[\s/])train_gpt2(?:cu|fp32cu)?(?:\s|$)")
# flag -> (canonical key, type)
_FLAGS: dict[str, tuple[str, type]] = {
    "-b": ("batch_size", int),
    "-t": ("block_size", int),
    "-d": ("total_batch_size", int),
    "-x": ("max_iters", int),
    "-l": ("learning_rate", float),
    "-u": ("warmup_iters", int),
    "-q": ("final_lr_frac", float),
    "-c": ("weight_decay", float),
}
NATIVE = {key: flag for flag, (key, _) in _FLAGS.items()}


class LaunchScript:
    """What a launch script states: flag values, the model, its comments and their lines."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.lines: dict[str, int] = {}
        self.comments: list[Comment] = []
        self.dims: ModelDims | None = None
        self.descriptor: str | None = None  # -e dN / gpt3:cN: the preset it builds
        self.checkpoint: str | None = None  # -e FILE.bin: the weights it starts from


def _commands(text: str) -> list[tuple[int, str]]:
    """(first line, the command) for each logical line: continuations joined."""
    found: list[tuple[int, str]] = []
    current, start = "", 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not current:
            start = number
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        found.append((start, current + line))
        current = ""
    if current:
        found.append((start, current))
    return found


def read_launch_script(text: str) -> LaunchScript | None:
    """The last ``train_gpt2cu`` command of the script, or None if it has none."""
    script = LaunchScript()
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if stripped.startswith("#") and not stripped.startswith("#!"):
            script.comments.append(Comment(line=number, text=stripped.lstrip("#").strip()))
    commands = [(n, c) for n, c in _commands(text) if _BINARY.search(c.split("#")[0])]
    if not commands:
        return None
    line, command = commands[-1]
    try:
        words = shlex.split(command, comments=True)
    except ValueError:  # an unclosed quote
        return None
    for flag, value in itertools.pairwise(words):
        if flag in _FLAGS:
            key, kind = _FLAGS[flag]
            try:
                script.values[key] = kind(value)
            except ValueError:
                continue
            script.lines[key] = line
        elif flag == "-e":
            if value.endswith(".bin"):
                script.checkpoint = value
            elif (dims := descriptor_dims(value)) is not None:
                script.dims, script.descriptor = dims, value
                script.values.update(
                    model=value, n_layer=dims.n_layer, n_head=dims.n_head, n_embd=dims.n_embd
                )
                for key in ("model", "n_layer", "n_head", "n_embd"):
                    script.lines[key] = line
    return script


def descriptor_near(n_params: float, current: str) -> tuple[str, int] | None:
    """The descriptor of `current`'s family whose model is nearest `n_params` (the nanoGPT
    count, within 10%), with that count; None if no preset is that size."""
    from capdiag.arithmetic.params import count_params

    best: tuple[float, str, int] | None = None
    for descriptor in family_presets(current):
        dims = descriptor_dims(descriptor)
        if dims is None:
            continue
        count = count_params(dims).non_embedding
        distance = abs(math.log(count / n_params))
        if best is None or distance < best[0]:
            best = (distance, descriptor, count)
    if best is None or best[0] > math.log(1.1):
        return None
    return best[1], best[2]
