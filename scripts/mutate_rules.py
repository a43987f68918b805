"""A small mutation test of the rules: does the suite notice when a rule's logic changes?

    python scripts/mutate_rules.py [--limit N] [--seed S] [--only divergence.py:115 ...]

For each rule module under src/capdiag/rules/ it makes single-point mutations, one at a time:
a comparison negated (``<`` to ``>=``, ``>`` to ``<=``), a default threshold in
``config_keywords`` doubled. After each mutation it runs the rule tests (``pytest -x -q``
on the rule, real-run, pinned-figure and corpus tests) and restores the file. A mutant the
tests do not kill is printed as a survivor. It never leaves a file changed: the original
text is written back in a ``finally``.
"""

from __future__ import annotations

import argparse
import ast
import random
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "src" / "capdiag" / "rules"
TESTS = [
    "tests/test_rules.py",
    "tests/test_rules_config.py",
    "tests/test_rules_curves.py",
    "tests/test_rules_formats.py",
    "tests/test_pinned_figures.py",
    "tests/test_real_runs.py",
    "tests/test_plans.py",
    "tests/test_corpus.py::test_no_named_fault_is_lost",
    "tests/test_corpus.py::test_no_error_level_false_alarm",
    # any change to the scoreboard (a false alarm, a lost silent label) kills a mutant too
    "tests/test_corpus.py::test_the_scoreboard_is_the_committed_one",
]
_COMPARE = re.compile(r"(?<=[\s)\]])(<=|>=|<|>)(?=\s)")
# negation, not a boundary nudge: "<" to ">=" changes what a rule decides on any data, while
# "<" to "<=" only differs at exact equality, which real logs almost never hit
_FLIP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}
_KEYWORD = re.compile(r'("[a-z_]+": )([0-9][0-9.e+-]*)')


def _compare_lines(text: str) -> set[int]:
    """Lines of code that hold a comparison (never docstrings or comments)."""
    return {
        node.lineno
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Compare) and node.lineno == node.end_lineno
    }


def mutants(path: Path) -> list[tuple[str, str]]:
    """(description, mutated text) for each single-point mutation of a rule module."""
    text = path.read_text()
    code_lines = _compare_lines(text)
    found = []
    in_keywords = False
    lines = text.splitlines(keepends=True)
    offset = 0
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("config_keywords"):
            in_keywords = True
        if in_keywords:
            for m in _KEYWORD.finditer(line):
                value = float(m.group(2)) * 2
                new = line[: m.start(2)] + repr(value) + line[m.end(2) :]
                found.append(
                    (
                        f"{path.name}:{number} {m.group(1)}x2",
                        text[:offset] + new + text[offset + len(line) :],
                    )
                )
            if stripped.endswith("}"):
                in_keywords = False
        elif number in code_lines:
            for m in _COMPARE.finditer(line):
                op = m.group(1)
                new = line[: m.start()] + _FLIP[op] + line[m.end() :]
                found.append(
                    (
                        f"{path.name}:{number} {op} -> {_FLIP[op]}",
                        text[:offset] + new + text[offset + len(line) :],
                    )
                )
        offset += len(line)
    return found


def killed() -> bool:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *TESTS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return result.returncode != 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="at most this many mutants")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--only", nargs="+", default=[], help="only these modules or lines (grad_norm.py:189)"
    )
    args = parser.parse_args()
    if killed():
        print("the tests fail without any mutation: fix them first")
        return 1
    every = [(p, d, t) for p in sorted(RULES.glob("*.py")) for d, t in mutants(p)]
    if args.only:
        every = [m for m in every if any(m[1].startswith((f"{o}:", f"{o} ")) for o in args.only)]
    if args.limit:
        random.Random(args.seed).shuffle(every)
        every = every[: args.limit]
    survivors = []
    for i, (path, description, mutated) in enumerate(every, start=1):
        original = path.read_text()
        try:
            path.write_text(mutated)
            alive = not killed()
        finally:
            path.write_text(original)
        if alive:
            survivors.append(description)
        print(f"[{i}/{len(every)}] {'SURVIVED' if alive else 'killed  '} {description}", flush=True)
    print(f"\n{len(every) - len(survivors)} of {len(every)} mutants killed; survivors:")
    for description in survivors:
        print(f"  {description}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
