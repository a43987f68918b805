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
import tokenize
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


class _Unsupported(Exception):
    pass


def _check_size(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) > _MAX_NUMBER:
        raise _Unsupported("number too large")
    if isinstance(value, str) and len(value) > _MAX_STRING:
        raise _Unsupported("string too long")
    return value


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
        if isinstance(value, str):
            raise _Unsupported("sign on a string")
        return -value if isinstance(node.op, ast.USub) else +value
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _evaluate(node.left, names), _evaluate(node.right, names)
        if isinstance(node.op, ast.Pow) and (
            not isinstance(right, int | float) or abs(right) > 64 or abs(left) > 1e12
        ):
            raise _Unsupported("power too large")
        if isinstance(node.op, ast.Mult) and (isinstance(left, str) or isinstance(right, str)):
            count = right if isinstance(left, str) else left
            if not isinstance(count, int) or count > _MAX_STRING:
                raise _Unsupported("string repetition")
        try:
            return _check_size(_BINARY[type(node.op)](left, right))
        except (TypeError, ZeroDivisionError, OverflowError) as exc:
            raise _Unsupported(str(exc)) from exc
    if isinstance(node, ast.Tuple | ast.List):
        return [_evaluate(item, names) for item in node.elts]
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


def parse_python_config(text: str, name: str = "config") -> ParsedConfig:
    """Read a nanoGPT-style config file without running it."""
    try:
        module = ast.parse(text)
    except SyntaxError as exc:
        raise ConfigError(f"{name}: not valid Python (line {exc.lineno}): {exc.msg}") from exc
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
    attached: list[Comment] = []
    for line, comment in sorted(_comments(text).items()):
        key = by_line.get(line)
        if key is None:
            below = line
            while below < len(lines) and lines[below].strip().startswith("#"):
                below += 1
            if below < len(lines) and lines[below].strip():
                key = by_line.get(below + 1)
        attached.append(Comment(line=line, text=comment, key=key))
    return attached


def parse_mapping_config(text: str, name: str) -> ParsedConfig:
    """YAML or JSON with flat keys (nested mappings are flattened with dots)."""
    try:
        data = yaml.safe_load(text) if not name.endswith(".json") else json.loads(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
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
    return parsed


def read_config_file(path: Path) -> tuple[ParsedConfig, str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror}") from exc
    if path.suffix in (".yaml", ".yml", ".json"):
        return parse_mapping_config(text, path.name), text
    return parse_python_config(text, path.name), text


def parse_override_value(raw: str) -> Any:
    """A command-line value as nanoGPT's configurator reads it: a literal, else a string."""
    try:
        return ast.literal_eval(raw)
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
