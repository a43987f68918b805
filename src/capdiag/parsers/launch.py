"""The ``train*.py`` command in a launch script or notebook cell, read as text, never run.

nanoGPT's runs are often launched by a shell script (``torchrun --nproc_per_node=4 train.py
config/train_gpt2.py --batch_size=8 | tee out.log``) or a notebook cell (``!python train.py
config/x.py --max_iters=1000``). Such a file passed as ``--config`` is not Python; what it
states is the command: the config files it names, its ``--key=value`` overrides (as
nanoGPT's configurator reads them) and, under torchrun, the world size.

Lines ending in ``\\`` are joined, ``#`` comments and a notebook's ``!``/``%`` are dropped, and
each line is split as a shell would split it (``shlex``, no expansion). A script may hold
several commands: the one whose output (``| tee X``, ``> X``) is the log is the run's. When
none or several are, only what every command states is kept.
"""

from __future__ import annotations

import re
import shlex
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel, Field

from capdiag.config import parse_override_value

# the script a command runs: train.py, train_gpt2.py, train_logger.py
TRAIN_SCRIPT = re.compile(r"(?:^|/)train\w*\.py$")
LAUNCHERS = frozenset(
    ("python", "python3", "torchrun", "accelerate", "deepspeed", "srun", "mpirun")
)
OVERRIDE = re.compile(r"^--(\w+)=(.*)$", re.S)
MAX_LINES = 5000  # a launch script is short; a longer text is read no further
MAX_COMMAND_CHARS = 10_000  # shlex reads a character at a time: a longer line is no command


class LaunchCommand(BaseModel):
    """One ``train*.py`` command: what it states."""

    line: int
    script: str
    configs: list[str] = Field(default_factory=list)
    overrides: dict[str, Any] = Field(default_factory=dict)
    world_size: int | None = None
    output: str | None = None  # the file its output goes to (tee or >)


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) with continuation lines joined."""
    joined: list[tuple[int, str]] = []
    start, parts = 0, list[str]()
    for number, raw in enumerate(text.splitlines()[:MAX_LINES], start=1):
        if not parts:
            start = number
        if raw.rstrip().endswith("\\"):
            parts.append(raw.rstrip()[:-1])
            continue
        parts.append(raw)
        joined.append((start, " ".join(parts)))
        parts = []
    return joined


def _tokens(line: str) -> list[str] | None:
    line = line.strip().lstrip("!%")
    if not line or line.startswith("#") or len(line) > MAX_COMMAND_CHARS or ".py" not in line:
        return None
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        return list(lexer)
    except ValueError:  # an unclosed quote: not a command we can split
        return None


def _count(text: str) -> int | None:
    return int(text) if text.isdigit() and 0 < int(text) <= 1 << 24 else None


def _option(tokens: list[str], name: str) -> str | None:
    """``--name=V`` or ``--name V`` (also with dashes for underscores)."""
    names = {name, name.replace("_", "-")}
    for i, token in enumerate(tokens):
        key, _, value = token.partition("=")
        if key.lstrip("-") in names and key.startswith("--"):
            if value:
                return value
            return tokens[i + 1] if i + 1 < len(tokens) else None
    return None


def _command(number: int, tokens: list[str]) -> LaunchCommand | None:
    at = next((i for i, t in enumerate(tokens) if TRAIN_SCRIPT.search(t)), None)
    if at is None:
        return None
    before = tokens[:at]
    if before and not any(PurePath(t).name in LAUNCHERS for t in before):
        return None  # "cp train.py ..." or "vim train.py": not a launch
    command = LaunchCommand(line=number, script=tokens[at])
    launchers = {PurePath(t).name for t in before} & LAUNCHERS
    torchrun = "torchrun" in launchers or any("torch.distributed" in t for t in before)
    if torchrun:
        per_node = _count(_option(before, "nproc_per_node") or "1")
        nodes = _count(_option(before, "nnodes") or "1")
        command.world_size = per_node * nodes if per_node and nodes else None
    elif launchers <= {"python", "python3"}:
        command.world_size = 1  # one process: nanoGPT runs without DDP
    rest = tokens[at + 1 :]
    for i, token in enumerate(rest):
        if token in ("|", ">", ">>", "&>", ";", "&&", "||", "&"):
            tail = rest[i + 1 :]
            if token == "|" and tail[:1] == ["tee"]:
                files = [t for t in tail[1:] if not t.startswith("-")]
                command.output = files[0] if files else None
            elif token in (">", ">>", "&>") and tail:
                command.output = tail[0]
            break
        if m := OVERRIDE.match(token):
            command.overrides[m.group(1)] = parse_override_value(m.group(2))
        elif token.endswith(".py") and not token.startswith("-"):
            command.configs.append(token)
    return command


def train_commands(text: str) -> list[LaunchCommand]:
    """Every ``train*.py`` command the text runs, in order."""
    found = []
    for number, line in _logical_lines(text):
        tokens = _tokens(line)
        if tokens and (command := _command(number, tokens)) is not None:
            found.append(command)
    return found


def the_run(commands: list[LaunchCommand], log_name: str) -> tuple[LaunchCommand, str]:
    """The command that wrote the log, or what all commands agree on; and how it was chosen."""
    wrote = [c for c in commands if c.output and PurePath(c.output).name == log_name]
    if len(wrote) == 1 or len(commands) == 1:
        chosen = wrote[0] if len(wrote) == 1 else commands[0]
        return chosen, f"the train command on line {chosen.line}"
    agreed = LaunchCommand(line=commands[0].line, script=commands[0].script)
    agreed.configs = [c for c in commands[0].configs if all(c in o.configs for o in commands)]
    agreed.overrides = {
        k: v
        for k, v in commands[0].overrides.items()
        if all(o.overrides.get(k, object()) == v for o in commands)
    }
    sizes = {c.world_size or 1 for c in commands}
    agreed.world_size = commands[0].world_size if len(sizes) == 1 else None
    return agreed, f"what its {len(commands)} train commands agree on (none names the log)"
