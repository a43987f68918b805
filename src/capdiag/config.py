"""Config files: parsed, never executed.

nanoGPT configs are Python files of plain assignments. We read them with ``ast`` and
evaluate only literals, arithmetic and names assigned earlier in the same file, so a
malicious config has no effect. YAML (``safe_load``) and JSON files with flat keys work too.
"""

from __future__ import annotations

import ast
import io
import json
import operator
import re
import tokenize
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from capdiag.run import Comment, Config


class ConfigError(ValueError):
    """A config that cannot be read; the CLI shows it as one line and exits 2."""


# nanoGPT's train.py defaults (karpathy/nanoGPT train.py, lines 35-74).
NANOGPT_DEFAULTS: dict[str, Any] = {
    "out_dir": "out",
    "eval_interval": 2000,
    "log_interval": 1,
    "eval_iters": 200,
    "eval_only": False,
    "always_save_checkpoint": True,
    "init_from": "scratch",
    "wandb_log": False,
    "wandb_project": "owt",
    "wandb_run_name": "gpt2",
    "dataset": "openwebtext",
    "gradient_accumulation_steps": 40,
    "batch_size": 12,
    "block_size": 1024,
    "n_layer": 12,
    "n_head": 12,
    "n_embd": 768,
    "dropout": 0.0,
    "bias": False,
    "learning_rate": 6e-4,
    "max_iters": 600000,
    "weight_decay": 1e-1,
    "beta1": 0.9,
    "beta2": 0.95,
    "grad_clip": 1.0,
    "decay_lr": True,
    "warmup_iters": 2000,
    "lr_decay_iters": 600000,
    "min_lr": 6e-5,
    "backend": "nccl",
    "device": "cuda",
    # train.py picks bfloat16 when the GPU supports it, else float16
    "dtype": "bfloat16",
    "compile": True,
}

_MAX_NUMBER = 1e300
_MAX_STRING = 10_000

_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}


class ValueBudgetError(Exception):
    """A config value that is not a plain literal, or is over the value budget."""


_Unsupported = ValueBudgetError


_MAX_ELEMENTS = 100_000  # a value's logical size: list elements and string characters
_MAX_DIGITS = 4_000  # int() and str() of longer integers is quadratic; none is a setting


def _logical_size(value: Any, seen: dict[int, int] | None = None) -> int:
    """Elements plus characters, counting a list shared twice twice (``x = [x, x]`` doubles),
    computed once per distinct object, so it stays linear in what was built."""
    if isinstance(value, str):
        return len(value)
    if not isinstance(value, list):
        return 1
    seen = {} if seen is None else seen
    key = id(value)
    if key not in seen:
        seen[key] = len(value) + sum(_logical_size(item, seen) for item in value)
    return seen[key]


def _check_size(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) > _MAX_NUMBER:
        raise _Unsupported("number too large")
    if isinstance(value, str) and len(value) > _MAX_STRING:
        raise _Unsupported("string too long")
    if isinstance(value, list) and _logical_size(value) > _MAX_ELEMENTS:
        raise _Unsupported("list too large")
    return value


def _result_budget(op: ast.operator, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be over budget, before it is built."""
    if isinstance(op, ast.Mod) and isinstance(left, str):
        raise _Unsupported("string formatting")  # '%2000000000d' % 1
    if isinstance(op, ast.Mult):
        seq, count = (left, right) if isinstance(left, str | list) else (right, left)
        if isinstance(seq, str | list):
            if not isinstance(count, int) or isinstance(count, bool):
                raise _Unsupported("repetition by a non-integer")
            if count * _logical_size(seq) > _MAX_ELEMENTS:
                raise _Unsupported("repetition too large")
    sequences = isinstance(left, str | list) and isinstance(right, str | list)
    joined = _logical_size(left) + _logical_size(right) if sequences else 0
    if isinstance(op, ast.Add) and joined > _MAX_ELEMENTS:
        raise _Unsupported("concatenation too large")
    for operand in (left, right):
        if isinstance(operand, int) and operand.bit_length() > _MAX_DIGITS * 3.33:
            raise _Unsupported("integer too long")


def binary_op(op: ast.operator, left: Any, right: Any) -> Any:
    """``left op right`` within the value budget (every evaluator of config text uses it);
    `ValueBudgetError` past the budget or on a type error."""
    if type(op) not in _BINARY:
        raise _Unsupported(type(op).__name__)
    if isinstance(op, ast.Pow) and (
        not isinstance(right, int | float)
        or not isinstance(left, int | float)
        or abs(right) > 64
        or abs(left) > 1e12
    ):
        raise _Unsupported("power too large")
    _result_budget(op, left, right)
    try:
        return _check_size(_BINARY[type(op)](left, right))
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise _Unsupported(str(exc)) from exc


def _evaluate(node: ast.expr, names: dict[str, Any]) -> Any:
    """Literals, + - * / // % **, names assigned earlier; nothing that can run code."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float | str | bool | None):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in names:
            return names[node.id]
        if node.id in ("True", "False", "None"):
            return {"True": True, "False": False, "None": None}[node.id]
        raise _Unsupported(f"unknown name {node.id!r}")
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd | ast.Not):
        value = _evaluate(node.operand, names)
        if isinstance(node.op, ast.Not):
            return not value
        if not isinstance(value, int | float):
            raise _Unsupported("sign on a value that is not a number")
        return -value if isinstance(node.op, ast.USub) else +value
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return binary_op(node.op, _evaluate(node.left, names), _evaluate(node.right, names))
    if isinstance(node, ast.Tuple | ast.List):
        if len(node.elts) > _MAX_ELEMENTS:
            raise _Unsupported("list too large")
        return _check_size([_evaluate(item, names) for item in node.elts])
    raise _Unsupported(type(node).__name__)


def _comments(text: str) -> dict[int, str]:
    found: dict[int, str] = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT:
                found[tok.start[0]] = tok.string.lstrip("#").strip()
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return found


class ParsedConfig(BaseModel):
    values: dict[str, Any] = Field(default_factory=dict)
    lines: dict[str, int] = Field(default_factory=dict)
    comments: list[Comment] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


def literal_value(node: ast.expr, names: dict[str, Any]) -> Any:
    """The value of an expression of literals and of `names` (a script's constants), within
    the value budget; ValueBudgetError for anything else. Nothing is run."""
    return _evaluate(node, names)


def parse_python(text: str) -> ast.Module:
    """`ast.parse` of text a user wrote: parsed, never run, and its SyntaxWarnings (an
    invalid escape, `1if`; a DeprecationWarning before Python 3.12) not printed on the
    user's terminal."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        return ast.parse(text)


def parse_literal(text: str) -> Any:
    """`ast.literal_eval` of text from a log or a command line, its SyntaxWarnings (`1if`)
    not printed; raises as literal_eval does."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        return ast.literal_eval(text)


# a top-level function or class: the file is a program (a training script, a module of
# dataclasses), not a config of assignments that nanoGPT's configurator executes
_DEFINES_CODE = re.compile(r"^(?:class|def)\s+\w", re.M)


def defines_code(text: str) -> bool:
    return _DEFINES_CODE.search(text) is not None


def parse_python_config(text: str, name: str = "config") -> ParsedConfig:
    """Read a nanoGPT-style config file without running it."""
    try:
        module = parse_python(text)
    except SyntaxError as exc:
        raise ConfigError(f"{name}: not valid Python (line {exc.lineno}): {exc.msg}") from exc
    except (MemoryError, RecursionError) as exc:  # the parser's stack: nesting too deep
        raise ConfigError(f"{name}: nested too deeply to parse") from exc
    parsed = ParsedConfig()
    source_lines = text.splitlines()
    for stmt in module.body:
        target: ast.expr | None = None
        value_node: ast.expr | None = None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value_node = stmt.targets[0], stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            target, value_node = stmt.target, stmt.value
        if not isinstance(target, ast.Name) or value_node is None:
            snippet = source_lines[stmt.lineno - 1].strip()[:60]
            parsed.notes.append(
                f"{name}:{stmt.lineno}: ignored (not a plain assignment): {snippet}"
            )
            continue
        try:
            parsed.values[target.id] = _evaluate(value_node, parsed.values)
            parsed.lines[target.id] = stmt.lineno
        except _Unsupported as exc:
            parsed.notes.append(f"{name}:{stmt.lineno}: ignored {target.id} ({exc})")
    parsed.comments = _attach_comments(text, parsed.lines)
    return parsed


def _attach_comments(text: str, key_lines: dict[str, int]) -> list[Comment]:
    """A comment belongs to the assignment on its line, or to the first one just below it."""
    by_line = {line: key for key, line in key_lines.items()}
    lines = text.splitlines()
    # for each line, the code line that ends the run of comment lines starting there (0: a
    # blank line ends it first); one backward pass, so thousands of comment lines stay linear
    next_code = [0] * (len(lines) + 2)
    for number in range(len(lines), 0, -1):
        stripped = lines[number - 1].strip()
        if not stripped:
            next_code[number] = 0
        elif stripped.startswith("#"):
            next_code[number] = next_code[number + 1]
        else:
            next_code[number] = number
    attached: list[Comment] = []
    for line, comment in sorted(_comments(text).items()):
        key = by_line.get(line)
        inline = key is not None
        if key is None and line < len(lines):
            key = by_line.get(next_code[line + 1])
        attached.append(Comment(line=line, text=comment, key=key, inline=inline))
    return attached


MAX_YAML_NODES = 100_000  # scalars once every alias is expanded: a config has hundreds


def safe_yaml(text: str) -> Any:
    """``yaml.safe_load`` that refuses alias bombs. The event stream is walked first, where
    aliases are not yet expanded, counting the scalars each anchor stands for; a document
    whose expansion passes the budget is refused before anything is built."""
    anchors: dict[str, int] = {}
    stack: list[tuple[int, str | None]] = [(0, None)]  # (scalars so far, the node's anchor)
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
            size = 1 if isinstance(event, yaml.ScalarEvent) else anchors.get(event.anchor or "", 1)
            if isinstance(event, yaml.ScalarEvent) and event.anchor:
                anchors[event.anchor] = 1
            count, anchor = stack[-1]
            stack[-1] = (count + size, anchor)
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append((0, event.anchor))
        elif isinstance(event, yaml.CollectionEndEvent) and len(stack) > 1:
            count, anchor = stack.pop()
            if anchor:
                anchors[anchor] = count
            outer, outer_anchor = stack[-1]
            stack[-1] = (outer + count, outer_anchor)
        if stack[-1][0] > MAX_YAML_NODES:
            raise yaml.YAMLError(
                f"more than {MAX_YAML_NODES:,} values once its aliases expand (an alias bomb?)"
            )
    try:
        return yaml.safe_load(text)
    except (ValueError, RecursionError) as exc:  # an int of 4,300+ digits, deep nesting
        raise yaml.YAMLError(str(exc)) from exc


def parse_mapping_config(text: str, name: str) -> ParsedConfig:
    """YAML or JSON with flat keys (nested mappings are flattened with dots)."""
    try:
        data = safe_yaml(text) if not name.endswith(".json") else json.loads(text)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:  # ValueError: JSON's too
        raise ConfigError(f"{name}: cannot parse: {str(exc).splitlines()[0]}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: expected a mapping of keys to values")
    parsed = ParsedConfig()

    def flatten(prefix: str, mapping: dict[Any, Any]) -> None:
        for key, value in mapping.items():
            full = f"{prefix}{key}"
            if isinstance(value, dict) and "value" in value and set(value) <= {"desc", "value"}:
                value = value["value"]  # W&B's config.yaml: key: {desc: ..., value: ...}
            if full in ("wandb_version", "_wandb"):
                continue
            if isinstance(value, dict):
                flatten(full + ".", value)
            else:
                parsed.values[full] = value

    flatten("", data)
    if not name.endswith(".json"):
        parsed.comments = yaml_comments(text)
    return parsed


_YAML_KEY = re.compile(r"^( *)(?:- +)?([\w.\-]+) *:(?: |$)")


def yaml_comments(text: str) -> list[Comment]:
    """A YAML file's comments (PyYAML drops them), each with the key on its line or on the
    first line below it, dotted as the mapping nests: ``total_batch_size: 5242888 # 0.5M``."""
    owners: dict[int, str] = {}
    found: dict[int, str] = {}
    path: list[tuple[int, str]] = []  # (indent, key) of the mappings around the line
    for number, line in enumerate(text.splitlines(), start=1):
        code, comment = _split_yaml_comment(line)
        if comment is not None:
            found[number] = comment
        if (m := _YAML_KEY.match(code)) is not None:
            indent = len(m[1])
            while path and path[-1][0] >= indent:
                path.pop()
            path.append((indent, m[2]))
            owners[number] = ".".join(key for _, key in path)
    comments: list[Comment] = []
    for number, comment in sorted(found.items()):
        key = owners.get(number)
        inline = key is not None
        below = number + 1
        while key is None and below in found and below not in owners:
            below += 1  # a run of comment lines belongs to the key after it
        key = key or owners.get(below)
        comments.append(Comment(line=number, text=comment, key=key, inline=inline))
    return comments


def _split_yaml_comment(line: str) -> tuple[str, str | None]:
    """(code, comment) of a YAML line: a ``#`` that starts the line or follows a space,
    outside quotes, starts a comment."""
    if "#" not in line:
        return line, None
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"" and (index == 0 or line[index - 1] in " :[{,-"):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[:index], line[index + 1 :].strip()
    return line, None


MAX_CONFIG_BYTES = 4 << 20  # configs are small; a bigger file is not one (or is hostile)
# a file read because it sits beside the log (hparams.yaml, config.yaml, meta.yaml): real
# ones are kilobytes (the largest seen, 74 KB); YAML parses at about 1 MB/s in Python
MAX_SIDECAR_BYTES = 1 << 20


def read_sidecar(path: Path, limit: int = MAX_SIDECAR_BYTES) -> str | None:
    """The text of a small regular file found beside a log, or None (not a regular file,
    unreadable, or larger than `limit`: a config that big is not one)."""
    try:
        if not path.is_file() or path.stat().st_size > limit:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def read_config_text(path: Path) -> str:
    """A config file's text: a regular file within `MAX_CONFIG_BYTES`, or a ConfigError."""
    try:
        if not path.is_file():  # a FIFO or a device would block or never end
            raise ConfigError(f"cannot read config {path}: not a regular file")
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigError(f"config {path}: larger than {MAX_CONFIG_BYTES >> 20} MiB")
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror}") from exc


def read_config_file(path: Path) -> tuple[ParsedConfig, str]:
    text = read_config_text(path)
    if path.suffix in (".yaml", ".yml", ".json"):
        return parse_mapping_config(text, path.name), text
    try:
        return parse_python_config(text, path.name), text
    except ConfigError:
        from capdiag.parsers.modded_nanogpt import record_script

        script = record_script(text)  # a record: the script, then what it printed
        if script is None:
            raise
        parsed = parse_python_config(script, path.name)
        parsed.notes.append(
            f"{path.name} is a script followed by its output: read the script, up to its "
            "first line of '='"
        )
        return parsed, script


def parse_override_value(raw: str) -> Any:
    """A command-line value as nanoGPT's configurator reads it: a literal, else a string."""
    try:
        return parse_literal(raw)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return raw


def resolve(
    defaults: dict[str, Any],
    layers: list[tuple[str, dict[str, Any]]],
) -> tuple[dict[str, Any], dict[str, str]]:
    """Apply layers in order over the defaults; later layers win. Returns values and origins."""
    values = dict(defaults)
    origins = dict.fromkeys(defaults, "default")
    for origin, layer in layers:
        for key, value in layer.items():
            values[key] = value
            origins[key] = origin
    return values, origins


def build_config(
    defaults: dict[str, Any],
    layers: list[tuple[str, ParsedConfig]],
    overrides: list[tuple[str, dict[str, Any]]],
    patch_target: tuple[str, str] | None,
) -> Config:
    """Combine defaults, config files (in order) and overrides into one Config."""
    values, origins = resolve(
        defaults, [(o, p.values) for o, p in layers] + [(o, v) for o, v in overrides]
    )
    config = Config(values=values, origins=origins)
    for _origin, parsed in layers:
        config.notes.extend(parsed.notes)
    if layers:
        last = layers[-1][1]
        config.comments = last.comments
        config.lines = last.lines
    if patch_target is not None:
        config.path, config.text = patch_target
    return config
