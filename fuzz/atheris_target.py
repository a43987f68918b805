"""Coverage-guided fuzzing with atheris (optional: ``pip install atheris``, CPython on Linux
or macOS). The first byte picks the file name (and so the reader), the rest is the file.

    python fuzz/atheris_target.py -max_total_time=600 fuzz/corpus_dir

A crash (any exception but capdiag's input error) stops libFuzzer and writes the input to
``crash-*`` in the current folder; replay it with ``python fuzz/atheris_target.py FILE``.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["capdiag"]):
    # capdiag imports lazily: load every module now, so that all of it is instrumented
    import capdiag.analysis
    import capdiag.load
    import capdiag.many
    import capdiag.render.github
    import capdiag.render.json_out
    import capdiag.render.junit
    import capdiag.render.markdown
    import capdiag.render.sarif
    import capdiag.render.terminal
    import capdiag.rules  # noqa: F401
    from capdiag.parsers import format_modules

    format_modules()
    from target import Rejected, check

NAMES = [
    "train.log",
    "metrics.jsonl",
    "trainer_state.json",
    "metrics.csv",
    "record.txt",
    "config.yaml",
    "events.out.tfevents.1.host.1.0",
    "run-x.wandb",
    "mlflow.db",
]


def one_input(data: bytes) -> None:
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data[1:])
        with contextlib.suppress(Rejected):
            check(path, {})


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
