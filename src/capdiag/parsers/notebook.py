"""Jupyter notebooks (``.ipynb``): a run trained in a notebook, read from its saved outputs.

A notebook is JSON (nbformat 4): ``cells``, each with ``outputs`` when it ran. What a
training loop printed is in its ``stream`` outputs; what it displayed (the Hugging Face
Trainer's progress table, a DataFrame) in ``display_data`` and ``execute_result`` as
``text/html`` and ``text/plain``; an exception that ended a cell in an ``error`` output's
``traceback`` lines (with terminal colours). capdiag joins those outputs, in cell order, into
the log the run would have written to a terminal (a table as its HTML, anything else as its
text), and reads that log with the format it is in. The files beside the notebook (a config,
``trainer_state.json``) stay beside it. The notebook's code is never run: its code cells
are read as text for the arguments they state (``TrainingArguments(...)``), as a script is.

A Kaggle kernel's saved log (a JSON array of ``{"stream_name", "time", "data"}`` chunks)
is read the same way: its chunks joined are the log.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from capdiag.config import MAX_CONFIG_BYTES, ConfigError, parse_python
from capdiag.parsers import LoadContext, OpenNotebook, ParseError, text_as_file
from capdiag.parsers.fields import ANSI
from capdiag.run import Run

NAME = "notebook"

MAX_NOTEBOOK_BYTES = 64 << 20  # a notebook's outputs, images included; larger is refused
MAX_SIBLINGS = 500  # files beside the notebook linked for the format's own look-ups


def sniff(path: Path, head: bytes) -> int:
    start = head.lstrip()[:1]
    # nbformat's keys are sorted: "nbformat" may come after a MiB of cells
    if start == b"{" and b'"cells"' in head and (b'"nbformat' in head or b'"cell_type"' in head):
        return 98  # an nbformat document: above a JSON-lines reading of its text
    if start == b"[" and _KAGGLE_RECORD in head[:256]:
        return 98  # a Kaggle kernel's log
    return 0


# a Kaggle kernel's saved log is a JSON array of the streams' chunks, in order:
# [{"stream_name":"stdout","time":0.84,"data":"..."}, ...]
_KAGGLE_RECORD = b'{"stream_name":'


def _text(value: Any) -> str:
    """An output field: a string, or a list of strings (nbformat splits at newlines)."""
    if isinstance(value, list):
        return "".join(part for part in value if isinstance(part, str))
    return value if isinstance(value, str) else ""


def output_text(notebook: Any) -> Iterator[str]:
    """The cells' outputs as the text a terminal would have shown, cell by cell (a Kaggle
    kernel's log: its streams' chunks, in order)."""
    if isinstance(notebook, list):
        for chunk in notebook:
            if isinstance(chunk, dict):
                yield _text(chunk.get("data"))
        return
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    for cell in cells if isinstance(cells, list) else ():
        outputs = cell.get("outputs") if isinstance(cell, dict) else None
        for output in outputs if isinstance(outputs, list) else ():
            if not isinstance(output, dict):
                continue
            kind = output.get("output_type")
            if kind == "stream":
                yield _text(output.get("text"))
            elif kind in ("display_data", "execute_result"):
                data = output.get("data")
                data = data if isinstance(data, dict) else {}
                html = _text(data.get("text/html"))
                # the Trainer's progress table is only in the HTML; other HTML (plots,
                # widgets, DataFrames) has its text form
                yield html if "Training Loss</th>" in html else _text(data.get("text/plain"))
            elif kind == "error":
                lines = output.get("traceback")
                if isinstance(lines, list):
                    yield ANSI.sub("", "\n".join(x for x in lines if isinstance(x, str)))
            else:
                continue
            yield "\n"


def code_text(notebook: Any) -> str:
    """The code cells as one Python file, within `MAX_CONFIG_BYTES`: a shell (``!``) or
    magic (``%``) line becomes ``pass``, and a cell that is not Python alone is left out."""
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    parts: list[str] = []
    size = 0
    for cell in cells if isinstance(cells, list) else ():
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        lines = _text(cell.get("source")).splitlines()
        for i, line in enumerate(lines):
            code = line.lstrip()
            if code.startswith(("!", "%")):
                lines[i] = line[: len(line) - len(code)] + "pass"
        source = "\n".join(lines) + "\n"
        size += len(source)
        if size > MAX_CONFIG_BYTES:
            break
        try:
            parse_python(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        parts.append(source)
    return "".join(parts)


def read_document(path: Path) -> Any:
    """The notebook's JSON document, within `MAX_NOTEBOOK_BYTES`; a ValueError says why not
    (an OSError when it cannot be read)."""
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        raise ValueError(f"a notebook over {MAX_NOTEBOOK_BYTES >> 20} MB is not read")
    try:
        return json.loads(path.read_bytes())
    except (ValueError, RecursionError) as exc:
        raise ValueError(f"not a readable notebook: {exc}") from exc


def read_code(path: Path) -> str:
    """A notebook's code cells (`code_text`), or a ConfigError."""
    try:
        return code_text(read_document(path))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from exc
    except ValueError as exc:
        raise ConfigError(f"{path.name}: {exc}") from exc


def load(path: Path, ctx: LoadContext) -> Run:
    from capdiag.load import InputError, detect_format

    try:
        notebook = read_document(path)
    except ValueError as exc:
        raise ParseError(f"{path}: {exc}") from exc
    text = "".join(output_text(notebook))
    if not text.strip():
        raise ParseError(f"{path}: the notebook holds no cell outputs (it was saved unrun)")
    with text_as_file(text, f"{path.stem}.outputs.log") as log:
        _link_siblings(path, log.parent)
        try:
            module = detect_format(log)
        except InputError as exc:
            raise ParseError(
                f"{path}: no training log in the notebook's cell outputs "
                f"({str(exc).split(': ', 1)[-1].split(';')[0]})"
            ) from exc
        ctx.notebook = OpenNotebook(path, notebook)  # its code cells state the arguments
        try:
            run: Run = module.load(log, ctx)
        finally:
            ctx.notebook = None
    run.source = str(path)
    run.notes = [note.replace(str(log), str(path)) for note in run.notes]
    where = "a Kaggle kernel's log" if isinstance(notebook, list) else "the notebook's cell outputs"
    run.notes.append(
        f"read from {where} ({len(text.splitlines())} lines of text), as a {module.NAME} log"
    )
    return run


def _link_siblings(notebook: Path, folder: Path) -> None:
    """The files beside the notebook, linked beside its outputs: a format looks for its
    config there (``training_args.json``, ``config.yaml``). Nothing is copied."""
    try:
        siblings = [p for p in sorted(notebook.resolve().parent.iterdir()) if p != notebook]
    except OSError:
        return
    for sibling in siblings[:MAX_SIBLINGS]:
        if sibling.resolve() == notebook.resolve():
            continue
        try:
            os.symlink(sibling.resolve(), folder / sibling.name)
        except OSError:
            return  # no symlinks here (Windows without the right): the outputs alone
