"""Start-up shortcuts change nothing the user sees: the fix plan's diff is drawn as rich's
Syntax draws it, the one-command app answers as the whole app, and `analyze` leaves out
what it does not need (bench/startup.py measures the time)."""

from __future__ import annotations

import difflib
import io
import random
import subprocess
import sys

import pytest
from conftest import SEED_CONFIG, SEED_LOG
from rich.console import Console, Group
from rich.panel import Panel
from rich.syntax import Syntax
from rich.text import Text
from typer.testing import CliRunner

from capdiag.cli import _app_for, app
from capdiag.render.terminal import diff_text


def _drawn(diff: Text | Syntax, width: int, colour: bool) -> str:
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=colour,
        color_system="truecolor" if colour else None,
        no_color=not colour,
    )
    console.print(Panel(Group(Text("before"), diff, Text("after")), title="fix plan"))
    return out.getvalue()


def _diffs() -> list[str]:
    config = "batch_size = 12\n\tblock_size = 1024  # " + "a long comment " * 12 + "\nlr = 6e-4\n"
    fixed = config.replace("12", "8").replace("6e-4", "3e-4")
    diffs = [
        "".join(difflib.unified_diff(config.splitlines(True), fixed.splitlines(True), "a", "b")),
        "".join(difflib.unified_diff(["x\r\n", "ü日本\x0c\n", "y"], ["x\r\n", "z\x07\n", "y"])),
        "\ufeff--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b",
        "\n\n---\n!x\n< a\n> b\n3c3\n3c3x\nIndex: f\ndiff --git\n==\nplain\n\n \n \tt\n\n",
        "",
        "\n",
        "a\rb\r\nc",
    ]
    pieces = [" ", "-", "+", "@", "!", "<", ">", "=", "\n", "\t", "\r", "a", "3", ",", "c", "d"]
    pieces += ["Index", "index", "diff", "---", "\ufeff", "日", "\x0c"]
    rng = random.Random(0)
    for _ in range(400):
        diffs.append("".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))))
    return diffs


def test_the_diff_is_drawn_as_rich_syntax_draws_it() -> None:
    for diff in _diffs():
        syntax = Syntax(diff, "diff", theme="ansi_dark", background_color="default")
        for width in (20, 100):
            for colour in (True, False):
                assert _drawn(diff_text(diff), width, colour) == _drawn(syntax, width, colour), (
                    diff,
                    width,
                    colour,
                )


COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]


@pytest.mark.parametrize("command", COMMANDS)
def test_the_one_command_app_answers_as_the_whole_app(command: str) -> None:
    assert len(_app_for([command]).registered_commands) == 1
    for args in ([command, "--help"], [command, "--no-such-option"]):
        one = CliRunner().invoke(_app_for([command]), args, env={"COLUMNS": "120"})
        whole = CliRunner().invoke(app, args, env={"COLUMNS": "120"})
        assert (one.exit_code, one.stdout, one.stderr) == (
            whole.exit_code,
            whole.stdout,
            whole.stderr,
        )
    assert _app_for(["--help"]) is app and _app_for(["analyse"]) is app and _app_for([]) is app
    assert len(app.registered_commands) == len(COMMANDS)  # the whole app is left whole


def test_analyze_leaves_out_pygments_and_formats_that_cannot_win() -> None:
    # a nanoGPT log sniffs 90: llmc and build_nanogpt (at most 90, and later) are neither
    # imported nor asked, nor are the formats whose marks the log lacks
    code = (
        "import sys, atexit\n"
        "atexit.register(lambda: print(' '.join(sorted(sys.modules)), file=sys.stderr))\n"
        "from capdiag.cli import main\n"
        "main()\n"
    )
    args = ["analyze", SEED_LOG, "--config", SEED_CONFIG, "--gpu", "RTX 4070", "--fail-on", "never"]
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    modules = set(done.stderr.split())
    assert "capdiag.parsers.nanogpt" in modules and "rich.console" in modules
    assert not {"pygments", "rich.syntax"} & modules
    assert not {"capdiag.parsers.llmc", "capdiag.parsers.build_nanogpt"} & modules
    unmarked = ("notebook", "hf_trainer", "lightning", "tensorboard", "wandb", "torchtitan")
    assert not {f"capdiag.parsers.{name}" for name in unmarked} & modules
