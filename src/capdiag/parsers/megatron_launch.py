"""A Megatron-LM launch script (``pretrain_gpt.py`` and its forks), read as text, never run.

Megatron runs are launched by a shell script that gathers the flags in variables and hands
them to one command::

    GPT_ARGS="
        --num-layers 24 \\
        --micro-batch-size ${MBS} \\
        --clip-grad 1.0
    "
    torchrun $DISTRIBUTED_ARGS pretrain_gpt.py $GPT_ARGS $DATA_ARGS

Passed as ``--config`` beside a log that prints no argument dump (MindSpeed's JSON baselines,
a TensorBoard folder), the script states the run's flags. It is split into statements as a
shell would (quotes, ``\\``-newlines, ``#`` comments, ``;`` and newlines), plain assignments
(``MBS=1``, ``export TP=2``) are remembered in order, and ``$NAME`` and ``${NAME}`` are
substituted; nothing is executed, and a value that names anything else (``$(...)``, an unset
variable) is not read. The command is the statement whose flags include three or more of
Megatron's own (``--num-layers``, ``--clip-grad``, ...); where several are, only the flags
they all give alike are kept. Flags become the names Megatron's argument dump prints
(``--clip-grad`` is ``clip_grad``; ``--disable-bias-linear`` is ``add_bias_linear = False``).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any, NamedTuple

from capdiag.config import ConfigError, parse_override_value, read_config_text
from capdiag.run import Run

MAX_SCRIPT_CHARS = 256 * 1024  # a launch script is a few KB; more is read no further
MAX_STATEMENT_CHARS = 64 * 1024
MAX_VARIABLES = 2000
MAX_VALUE_CHARS = 64 * 1024  # a variable longer than this is not read (X=$X$X doubles)
# flags only Megatron-LM and its forks take: three of them make a command Megatron's
MEGATRON_FLAGS = frozenset(
    (
        "num_layers",
        "hidden_size",
        "num_attention_heads",
        "micro_batch_size",
        "global_batch_size",
        "seq_length",
        "train_iters",
        "clip_grad",
        "lr_decay_style",
        "tensor_model_parallel_size",
        "pipeline_model_parallel_size",
    )
)
# store_false flags: the name the argument dump prints, and its value
_NEGATED = {
    "disable_bias_linear": ("add_bias_linear", False),
    "no_position_embedding": ("add_position_embedding", False),  # Megatron-DeepSpeed
}
_ASSIGNMENT = re.compile(r"^([A-Za-z_]\w{0,100})(\+?)=(.*)$", re.S)
# a bash array: "ARGS=(", its words, ")"; or "ARGS+=(" to append
_ARRAY = re.compile(
    r"^\s*(?:(?:export|local|declare(?: -a)?)\s+)?([A-Za-z_]\w{0,100})(\+?)=\((.*)\)\s*$", re.S
)
# $NAME, ${NAME}, ${NAME:-default}, ${NAME[@]}
_REFERENCE = re.compile(
    r"\$\{([A-Za-z_]\w{0,100})(?:\[[@*]\])?(?::?-([^}]*))?\}|\$([A-Za-z_]\w{0,100})"
)
UNKNOWN = "$?"  # a value the script computes, or takes from outside: not read
_DECLARE = frozenset(("export", "local", "declare", "readonly"))


def _statements(text: str) -> list[str]:
    """The script cut into statements at unquoted newlines, ``;``, ``|`` and ``&``, with
    ``\\``-newlines joined and ``#`` comments dropped."""
    out: list[str] = []
    buf: list[str] = []
    quote = ""
    array = False  # inside "NAME=( ... )": newlines separate its words
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and quote != "'":
            buf.append(" " if text[i + 1] == "\n" else text[i : i + 2])
            i += 2
            continue
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (not buf or buf[-1].isspace()):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif ch == "(" and buf and buf[-1] == "=":
            array = True
        elif ch == ")" and array:
            array = False
        elif ch == "\n" and array:
            ch = " "
        elif ch in "\n;|&":
            out.append("".join(buf))
            buf = []
            i += 1
            continue
        buf.append(ch)
        i += 1
    out.append("".join(buf))
    return [s for s in out if s.strip() and len(s) <= MAX_STATEMENT_CHARS]


def _expand(token: str, variables: dict[str, str]) -> str:
    """`token` with its ``$NAME`` and ``${NAME}`` substituted; what the script computes or
    takes from outside (``$(...)``, backticks, an unset name) is `UNKNOWN`."""
    if "$(" in token or "`" in token:
        return UNKNOWN

    budget = [MAX_VALUE_CHARS]  # characters substituted so far may not pass the bound

    def value(m: re.Match[str]) -> str:
        name = m.group(1) or m.group(3)
        if name in variables:
            text = variables[name]
        else:  # ${NAME:-default}, else unknown
            text = m.group(2) if m.group(2) is not None else UNKNOWN
        budget[0] -= len(text)
        return text if budget[0] >= 0 else ""

    expanded = _REFERENCE.sub(value, token)
    return expanded if budget[0] >= 0 and len(expanded) <= MAX_VALUE_CHARS else UNKNOWN


def _assign(name: str, value: str, append: bool, variables: dict[str, str]) -> None:
    if append and name in variables:
        value = variables[name] + " " + value
    if len(variables) < MAX_VARIABLES or name in variables:
        variables[name] = value


def _flags(tokens: list[str]) -> dict[str, Any]:
    """``--name value``, ``--name=value`` and ``--name`` (True) under dump names."""
    flags: dict[str, Any] = {}
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if not token.startswith("--") or len(token) < 3:
            continue
        name, eq, raw = token[2:].partition("=")
        if not eq and i < len(tokens) and not tokens[i].startswith("--"):
            raw, eq = tokens[i], "="
            i += 1
        dest = name.replace("-", "_")
        if not eq:
            dest, flag = _NEGATED.get(dest, (dest, True))
            flags[dest] = flag
        elif "$" not in raw:
            flags[dest] = parse_override_value(raw)
    return flags


class LaunchScript(NamedTuple):
    """The flags of a script's Megatron command, and whether the script states them all: a
    script that sources another file, or whose command holds a value it computes, may pass
    flags not read here, so what it does not state is not known (not Megatron's default)."""

    args: dict[str, Any]
    complete: bool


def script_args(text: str) -> dict[str, Any] | None:
    """The Megatron flags the script's training command gives, under the names Megatron's
    argument dump prints; None when no statement is a Megatron command."""
    script = parse_script(text)
    return None if script is None else script.args


def parse_script(text: str) -> LaunchScript | None:
    """The script's Megatron command: its flags and whether they are all it passes."""
    variables: dict[str, str] = {}
    commands: list[dict[str, Any]] = []
    complete = True
    for statement in _statements(text[:MAX_SCRIPT_CHARS]):
        try:
            if array := _ARRAY.match(statement):
                words = shlex.split(array.group(3), posix=True)
                value = " ".join(_expand(w, variables) for w in words)
                _assign(array.group(1), value, bool(array.group(2)), variables)
                continue
            tokens = shlex.split(statement, posix=True)
        except ValueError:  # an unclosed quote: not a statement we can split
            continue
        words = [t for t in tokens if t not in _DECLARE]
        if words[:1] in (["source"], ["."]):
            complete = False  # variables another file sets are not read
            continue
        if words and all(_ASSIGNMENT.match(w) for w in words):
            for word in words:
                m = _ASSIGNMENT.match(word)
                assert m is not None
                _assign(m.group(1), _expand(m.group(3), variables), bool(m.group(2)), variables)
            continue
        expanded_tokens: list[str] = []
        for token in tokens:
            expanded = _expand(token, variables)
            expanded_tokens.extend(expanded.split() if expanded != token else [token])
        flags = _flags(expanded_tokens)
        if len(MEGATRON_FLAGS & flags.keys()) >= 3:
            commands.append(flags)
            complete = complete and not any(UNKNOWN in t for t in expanded_tokens)
    if not commands:
        return None
    first, *rest = commands
    shared = {k: v for k, v in first.items() if all(k in c and c[k] == v for c in rest)}
    return LaunchScript(shared, complete)


def read_script(run: Run, path: Path) -> bool:
    """`path` as the run's Megatron launch script, where the log printed no argument dump
    of its own (the dump is what ran): its flags become the run's config, dims and starting
    point. False when it is no such script, or the log has its dump."""
    if any(origin == "log-args" for origin in run.config.origins.values()):
        return False
    try:
        script = parse_script(read_config_text(path))
    except ConfigError:
        return False
    if script is None or not script.args:
        return False
    args = script.args
    from capdiag.parsers.megatron import apply_args

    vocab = next(
        (args[k] for k in ("padded_vocab_size", "vocab_size") if isinstance(args.get(k), int)),
        None,
    )
    if vocab is not None and vocab > 0:
        run.config.values["vocab_size"], run.config.origins["vocab_size"] = vocab, "config"
    train_iters = args.get("train_iters")
    apply_args(run, args, None, train_iters if isinstance(train_iters, int) else None, "config")
    run.notes.append(
        f"{path.name} read as a Megatron launch script: the {len(args)} flags of its "
        "training command"
    )
    if not script.complete:
        # Megatron's defaults stand in for a flag the dump does not print; a script that
        # may pass flags not read here states nothing by leaving one out
        if "bf16" not in args and "fp16" not in args:
            run.config.values.pop("dtype", None)
            run.config.origins.pop("dtype", None)
        if run.fine_tune is False:
            run.fine_tune = None
        run.notes.append(
            f"{path.name} sources other files or computes some flags: a flag it does not "
            "show is unknown, not Megatron's default"
        )
    return True
