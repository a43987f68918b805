"""A Trainer's ``training_args.bin``, read without unpickling it.

``torch.save(TrainingArguments)`` writes a zip whose ``data.pkl`` is a pickle: loading it
imports and calls whatever it names, so capdiag never loads it. It decodes the pickle's
opcodes instead (``pickletools.genops``, which only parses) and follows the few that build
plain values: strings, numbers, booleans, None, lists, tuples and dicts. A class or function
the pickle names is never imported: it stays an opaque mark, and an enum member built from
one value (``IntervalStrategy('steps')``) reads as that value. The arguments are the state
dict the pickle gives the TrainingArguments object. Bounded in bytes and opcodes; anything
else (another opcode, a malformed archive) reads as nothing.
"""

from __future__ import annotations

import io
import pickletools
import zipfile
from pathlib import Path
from typing import Any

MAX_FILE = 4 << 20  # a TrainingArguments pickle is a few KB
MAX_PICKLE = 1 << 20
MAX_OPS = 200_000
_MARK = object()


class _Opaque:
    """What the pickle would have called: its name, the arguments, the state built on it."""

    def __init__(self, name: str, args: tuple[Any, ...] = ()) -> None:
        self.name = name
        self.args = args
        self.state: Any = None


def _pickle_bytes(path: Path) -> bytes | None:
    if not path.is_file() or path.stat().st_size > MAX_FILE:
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            member = next((i for i in archive.infolist() if i.filename.endswith("data.pkl")), None)
            if member is None or member.file_size > MAX_PICKLE:
                return None
            with archive.open(member) as handle:
                return handle.read(MAX_PICKLE + 1)[:MAX_PICKLE]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None


def _until_mark(stack: list[Any]) -> list[Any]:
    at = len(stack) - 1 - stack[::-1].index(_MARK)
    items = stack[at + 1 :]
    del stack[at:]
    return items


def _decode(data: bytes) -> Any:
    """The value the pickle builds, with every call left opaque; ValueError when it uses
    an opcode outside the plain-value subset."""
    stack: list[Any] = []
    memo: dict[int, Any] = {}
    for count, (op, arg, _) in enumerate(pickletools.genops(io.BytesIO(data))):
        if count > MAX_OPS:
            raise ValueError("too many opcodes")
        name = op.name
        if name in ("PROTO", "FRAME"):
            continue
        if name == "STOP":
            return stack.pop()
        if name == "MARK":
            stack.append(_MARK)
        elif name in ("EMPTY_DICT", "DICT"):
            items = _until_mark(stack) if name == "DICT" else []
            stack.append(dict(zip(items[::2], items[1::2], strict=False)))
        elif name in ("EMPTY_LIST", "LIST"):
            stack.append(_until_mark(stack) if name == "LIST" else [])
        elif name == "EMPTY_TUPLE":
            stack.append(())
        elif name == "TUPLE":
            stack.append(tuple(_until_mark(stack)))
        elif name in ("TUPLE1", "TUPLE2", "TUPLE3"):
            size = int(name[-1])
            items = stack[-size:]
            del stack[-size:]
            stack.append(tuple(items))
        elif name in ("NONE", "NEWTRUE", "NEWFALSE"):
            stack.append({"NONE": None, "NEWTRUE": True, "NEWFALSE": False}[name])
        elif name in ("BINPUT", "LONG_BINPUT", "PUT"):
            memo[int(str(arg))] = stack[-1]
        elif name == "MEMOIZE":
            memo[len(memo)] = stack[-1]
        elif name in ("BINGET", "LONG_BINGET", "GET"):
            stack.append(memo[int(str(arg))])
        elif name == "GLOBAL":
            stack.append(_Opaque(str(arg)))
        elif op.arg is not None:
            stack.append(arg)  # a string or a number the opcode carries
        elif name == "STACK_GLOBAL":
            attribute, module = stack.pop(), stack.pop()
            stack.append(_Opaque(f"{module} {attribute}"))
        elif name in ("REDUCE", "NEWOBJ"):
            args, callee = stack.pop(), stack.pop()
            called = callee.name if isinstance(callee, _Opaque) else "?"
            stack.append(_Opaque(called, args if isinstance(args, tuple) else ()))
        elif name == "BUILD":
            state = stack.pop()
            if isinstance(stack[-1], _Opaque):
                stack[-1].state = state
        elif name == "SETITEM":
            value, key = stack.pop(), stack.pop()
            stack[-1][key] = value
        elif name == "SETITEMS":
            items = _until_mark(stack)
            stack[-1].update(zip(items[::2], items[1::2], strict=False))
        elif name == "APPEND":
            value = stack.pop()
            stack[-1].append(value)
        elif name == "APPENDS":
            items = _until_mark(stack)
            stack[-1].extend(items)
        elif name == "POP":
            stack.pop()
        else:
            raise ValueError(f"opcode {name} is not read")
    raise ValueError("no STOP")


def _plain(value: Any) -> Any:
    """A value as text, number, boolean or None; an enum member as its value; else None."""
    if isinstance(value, _Opaque):
        return value.args[0] if len(value.args) == 1 and _is_scalar(value.args[0]) else None
    if isinstance(value, list | tuple):
        items = [_plain(v) for v in value]
        return items if all(_is_scalar(v) for v in items) else None
    return value if _is_scalar(value) else None


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def read_training_args(path: Path) -> dict[str, Any] | None:
    """The plain values of a pickled TrainingArguments (None when the file is not one)."""
    data = _pickle_bytes(path)
    if data is None:
        return None
    try:
        built = _decode(data)
        if not isinstance(built, _Opaque) or not isinstance(built.state, dict):
            return None
        if "TrainingArguments" not in built.name and "Config" not in built.name:
            return None
        values = {k: _plain(v) for k, v in built.state.items() if isinstance(k, str)}
    except (ValueError, IndexError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    return {k: v for k, v in values.items() if v is not None}
