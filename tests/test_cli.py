"""The command line end to end: exit codes, JSON schema, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SEED_CONFIG, SEED_LOG, capdiag_process

from capdiag.render.json_out import report_schema
from capdiag.report import SCHEMA_VERSION
from capdiag.rules import RULES

SCHEMA_FILE = ROOT / "docs" / "report.schema.json"


class Result:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def capdiag(*args: str | Path) -> Result:
    """Run the CLI in-process (fast); `capdiag_process` runs it as a real subprocess."""
    from typer.testing import CliRunner

    from capdiag.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr)


def test_module_entry_point_and_exit_codes_in_a_real_process() -> None:
    ok = capdiag_process("analyze", SEED_LOG, "--config", SEED_CONFIG, "--fail-on", "never")
    assert ok.returncode == 0 and "param-count-mismatch" in ok.stdout
    failing = capdiag_process("analyze", SEED_LOG, "--config", SEED_CONFIG, "-f", "json")
    assert failing.returncode == 1
    assert json.loads(failing.stdout)["schema_version"] == SCHEMA_VERSION
    bad = capdiag_process("analyze", "no/such/file.log")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.strip() == "capdiag: error: no/such/file.log: no such file"


@pytest.fixture(scope="module")
def seed_json() -> dict[str, object]:
    result = capdiag(
        "analyze", SEED_LOG, "--config", SEED_CONFIG, "--gpu", "RTX 4070", "--format", "json"
    )
    assert result.returncode == 1, result.stderr  # an error-severity finding
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_json_validates_against_the_committed_schema(seed_json: dict[str, object]) -> None:
    schema = json.loads(SCHEMA_FILE.read_text())
    assert schema == report_schema(), "docs/report.schema.json is stale: run `capdiag schema`"
    jsonschema.validate(seed_json, schema)


def test_json_units(seed_json: dict[str, object]) -> None:
    run = seed_json["run"]
    assert isinstance(run, dict)
    assert run["n_params_non_embedding"] == 40_560_000
    assert run["n_params"] == 40_953_216
    assert run["tokens_per_iter"] == 524_288
    assert run["tokens_seen"] == 14_500 * 524_288
    assert run["gpu"] == "RTX 4070"
    # fractions, printed and recomputed side by side
    assert 0.11 < run["mfu_reported"] < 0.12
    assert 0.11 < run["mfu_a100"] < 0.12
    assert run["mfu"] == pytest.approx(run["mfu_a100"] * 312 / 58.3, rel=1e-3)


def test_seed_findings(seed_json: dict[str, object]) -> None:
    findings = seed_json["findings"]
    assert isinstance(findings, list)
    by_rule = {f["rule"]: f for f in findings}
    assert set(by_rule) == {
        "param-count-mismatch",
        "token-budget",
        "loss-plateau",
        "dropout-in-pretraining",
        "val-below-train",
        "mfu",
        "benign-warning",
    }
    assert findings[0]["rule"] == "param-count-mismatch"
    assert findings[0]["severity"] == "error"
    fixes = {f["key"]: f["value"] for f in by_rule["param-count-mismatch"]["fixes"]}
    assert fixes["n_embd"] == 768
    assert fixes["batch_size"] * fixes["gradient_accumulation_steps"] * 1024 == 524_288
    assert {f["key"]: f["value"] for f in by_rule["dropout-in-pretraining"]["fixes"]} == {
        "dropout": 0.0
    }
    assert "9.3x" in by_rule["token-budget"]["title"]
    assert by_rule["benign-warning"]["severity"] == "info"
    assert "46 SMs" in by_rule["benign-warning"]["message"]
    vbt = by_rule["val-below-train"]["message"]
    assert "eval mode" in vbt and "cannot explain" in vbt
    assert "61.6%" in by_rule["mfu"]["title"]


def test_no_dropout_claim_about_eval_mode_losses(seed_json: dict[str, object]) -> None:
    for finding in seed_json["findings"]:  # type: ignore[attr-defined]
        text = finding["message"].lower()
        if "dropout" in text and "val" in text and finding["rule"] != "dropout-in-pretraining":
            assert "cannot explain" in text


def test_fix_plan_diff(seed_json: dict[str, object]) -> None:
    plan = seed_json["fix_plan"]
    assert isinstance(plan, dict)
    assert plan["restart_required"] is True
    diff = plan["diff"]
    assert "-n_embd = 384" in diff and "+n_embd = 768" in diff
    assert "+dropout = 0.0" in diff
    assert "+batch_size = 8" in diff and "+gradient_accumulation_steps = 64" in diff
    assert plan["memory"]["components"]["device_total"] <= 12 * 1024**3


def test_fail_on_levels() -> None:
    base = ["analyze", SEED_LOG, "--config", SEED_CONFIG, "--format", "json"]
    assert capdiag(*base, "--fail-on", "never").returncode == 0
    assert capdiag(*base, "--ignore", "param-count-mismatch").returncode == 0
    assert capdiag(*base, "--ignore", "CD001", "--fail-on", "warning").returncode == 1
    only = capdiag(*base, "--select", "benign-warning", "--fail-on", "info")
    assert only.returncode == 1
    assert [f["rule"] for f in json.loads(only.stdout)["findings"]] == ["benign-warning"]


def test_rule_options_change_thresholds() -> None:
    base = ["analyze", SEED_LOG, "--config", SEED_CONFIG, "--format", "json", "--fail-on", "never"]
    default = json.loads(capdiag(*base).stdout)
    relaxed = json.loads(capdiag(*base, "--option", "token-budget.max_ratio=20").stdout)
    assert "token-budget" in {f["rule"] for f in default["findings"]}
    assert "token-budget" not in {f["rule"] for f in relaxed["findings"]}


def test_version_and_one_line_usage_errors_in_a_real_process() -> None:
    from capdiag import __version__

    version = capdiag_process("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"capdiag {__version__}"
    for args, message in (
        (("analyze", "--bogus"), "No such option: --bogus"),
        (("analyze",), "Missing argument 'LOG...'"),
    ):
        bad = capdiag_process(*args)
        assert bad.returncode == 2
        assert bad.stderr.splitlines() == [
            f"capdiag: error: {bad.stderr.split(': ', 2)[2].strip()}"
        ]
        assert message in bad.stderr and bad.stdout == ""


def test_an_unknown_gpu_is_a_note_with_a_did_you_mean_and_the_analysis_goes_on() -> None:
    args = ("--gpu", "H10 SXM", "-f", "json", "--fail-on", "never")
    result = capdiag("analyze", SEED_LOG, *args)
    assert result.returncode == 0
    report = json.loads(result.stdout)
    [note] = [n for n in report["run"]["notes"] if "not in capdiag's GPU table" in n]
    assert "did you mean 'H100 SXM'" in note
    assert report["run"]["gpu"] is None and report["run"]["mfu"] is None
    assert "param-count-mismatch" in {f["rule"] for f in report["findings"]}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "no/such/file.log"], "no such file"),
        (["analyze", SEED_CONFIG], "not a recognised training log"),
        (["analyze", SEED_LOG, "--config", "missing.py"], "cannot read config"),
        (["analyze", SEED_LOG, "--vram", "lots"], "not a memory size"),
        (["analyze", SEED_LOG, "--select", "nope"], "unknown rule"),
        (["analyze", SEED_LOG, "--option", "mfu.nope=1"], "no keyword"),
        (["analyze", SEED_LOG, "--set", "novalue"], "key=value"),
        (["explain", "nope"], "unknown rule"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str | Path], message: str) -> None:
    result = capdiag(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_broken_config_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("n_embd = = 3\n")
    result = capdiag("analyze", SEED_LOG, "--config", bad)
    assert result.returncode == 2 and "not valid Python" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_binary_garbage_is_rejected(tmp_path: Path) -> None:
    junk = tmp_path / "junk.log"
    junk.write_bytes(bytes(range(256)) * 100)
    result = capdiag("analyze", junk)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_explain_every_rule() -> None:
    for rule in RULES:
        result = capdiag("explain", rule.id)
        assert result.returncode == 0
        assert "Anti-pattern" in result.stdout and "Best practice" in result.stdout
        assert rule.code in result.stdout
        assert capdiag("explain", rule.code).stdout == result.stdout


def test_rules_lists_every_rule() -> None:
    out = capdiag("rules").stdout
    assert all(rule.id in out and rule.code in out for rule in RULES)


def test_github_annotations() -> None:
    result = capdiag("analyze", SEED_LOG, "--config", SEED_CONFIG, "--format", "github")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error ")
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_text_report_mentions_the_fix() -> None:
    result = capdiag("analyze", SEED_LOG, "--config", SEED_CONFIG, "--gpu", "4070")
    assert result.returncode == 1
    assert "n_embd" in result.stdout and "768" in result.stdout


def test_fixed_example_config_is_what_the_fix_plan_writes(tmp_path: Path) -> None:
    from capdiag.config import read_config_file

    fixed = ROOT / "examples" / "configs" / "seed_gpt2_fineweb_rtx4070_fixed.py"
    target = tmp_path / "config.py"
    args = ("--config", SEED_CONFIG, "--gpu", "RTX 4070", "--write-config", target)
    result = capdiag("analyze", SEED_LOG, *args, "--fail-on", "never")
    assert result.returncode == 0 and "wrote the fixed config" in result.stderr
    assert target.read_text() == fixed.read_text()
    assert SEED_CONFIG.read_text() != fixed.read_text()  # never written in place
    values = read_config_file(fixed)[0].values
    assert (values["n_embd"], values["dropout"], values["batch_size"]) == (768, 0.0, 8)
    assert values["max_iters"] == values["lr_decay_iters"]  # coupled


def test_github_annotations_point_at_config_lines_and_cannot_be_forged(tmp_path: Path) -> None:
    # a log whose file name holds a newline, a comma and a colon: it stays inside one command
    hostile = tmp_path / "run,x:y\n::error title=forged::pwned.log"
    hostile.write_bytes(SEED_LOG.read_bytes())
    result = capdiag("analyze", hostile, "--config", SEED_CONFIG, "-f", "github")
    lines = result.stdout.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert not any("::error title=forged::" in line for line in lines)  # only escaped
    assert any("run%2Cx%3Ay%0A%3A%3Aerror title=forged%3A%3Apwned.log" in ln for ln in lines)
    [size] = [line for line in lines if "param-count-mismatch" in line]
    config_line = SEED_CONFIG.read_text().splitlines().index("n_embd = 384") + 1
    assert size.startswith(f"::error file={SEED_CONFIG},line={config_line},title=CD001 ")


def test_output_file_and_quiet_in_a_real_process(tmp_path: Path) -> None:
    # --quiet: nothing on stdout, the exit code alone (1: the seed run has an error)
    quiet = capdiag_process("analyze", SEED_LOG, "--config", SEED_CONFIG, "--quiet")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (1, "", "")
    # --output: the report goes to the file, stdout stays empty, the exit code is the same
    report = tmp_path / "report.json"
    written = capdiag_process(
        "analyze", SEED_LOG, "--config", SEED_CONFIG, "-f", "json", "--output", report
    )
    assert written.returncode == 1 and written.stdout == ""
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["findings"][0]["rule"] == "param-count-mismatch"
    text = tmp_path / "report.txt"
    capdiag_process("check", SEED_CONFIG, "-o", text, "--fail-on", "never")
    assert "param-count-mismatch" in text.read_text(encoding="utf-8")
    assert "\x1b[" not in text.read_text(encoding="utf-8")  # plain text, no colour codes
    bad = capdiag_process("analyze", SEED_LOG, "-o", tmp_path / "missing" / "r.txt")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--output" in bad.stderr


def test_a_log_on_stdin_in_a_real_process() -> None:
    piped = subprocess.run(
        [sys.executable, "-m", "capdiag", "analyze", "-", "-c", str(SEED_CONFIG), "-f", "json"],
        input=SEED_LOG.read_bytes(),
        capture_output=True,
        timeout=120,
    )
    assert piped.returncode == 1  # the seed run's size mismatch is an error
    report = json.loads(piped.stdout)
    assert report["run"]["source"] == "<stdin>"
    assert report["coverage"]["series"]["train_loss"] == 1450
    empty = subprocess.run(
        [sys.executable, "-m", "capdiag", "analyze", "-"], input=b"", capture_output=True
    )
    assert empty.returncode == 2 and empty.stderr.decode().startswith("capdiag: error: <stdin>")


def test_peak_tflops_gives_mfu_on_any_device_in_a_real_process() -> None:
    from capdiag.arithmetic.gpus import find_gpu

    spec = find_gpu("RTX 4070")
    assert spec is not None
    peak = spec.peak_tflops["bfloat16"]
    base = ("analyze", SEED_LOG, "--config", SEED_CONFIG, "-f", "json", "--fail-on", "never")
    by_name = json.loads(capdiag_process(*base, "--gpu", "RTX 4070").stdout)["run"]
    by_peak = json.loads(capdiag_process(*base, "--peak-tflops", str(peak)).stdout)["run"]
    assert by_peak["mfu"] == pytest.approx(by_name["mfu"]) and by_peak["mfu"] > 0.5
    assert by_peak["gpu"] == "custom GPU"
    bad = capdiag_process(*base, "--peak-tflops", "-3")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_every_real_runs_json_validates_against_the_committed_schema() -> None:
    from test_real_runs import CORPUS, argv, reports
    from typer.testing import CliRunner

    from capdiag.cli import app

    schema = json.loads(SCHEMA_FILE.read_text())
    assert schema["$id"] == f"urn:capdiag:report:v{SCHEMA_VERSION}"
    runs = sorted(p.name for p in CORPUS.iterdir() if (p / "label.yaml").is_file())
    # labels that pass an option capdiag has not (--device): a usage error, which the
    # console script prints on one line (the real-process test above), typer's test runner
    # in a box
    mistyped = {
        "ua-nanogpt-shakespeare-char-cpu-sweep-csv-lr-horizon-5000-vs-2000",
        "ua-wandb-nanogpt-insert-spaces-char-m2-cpu-healthy",
    }
    validated = 0
    for run_id in (r for r in runs if r not in mistyped):
        result = CliRunner().invoke(app, argv(run_id, "-f", "json", "--fail-on", "never"))
        if result.exit_code == 2:  # nothing read: one line on stderr, no report
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr
            continue
        assert result.exit_code == 0, result.output
        for report in reports(result.stdout):
            jsonschema.validate(report, schema)
            validated += 1
    assert validated >= 120


# the schema's hash per schema_version: a schema change without a version bump fails here
SCHEMA_HASHES = {
    3: "fb630b727214624d5885cadbf76261224c87e8bb3d44b4bee16847f55df37548",
    4: "0a7e2e8351229b536d02c316ce5c112eaaa9a23d2a3eabf3dbcc74efdeeb9bfe",
    5: "ea94f15cfe428e3967a03efc360ace9cddae0f53b020e896c118014e3a76f796",
}


def test_the_schema_changes_only_with_a_version_bump() -> None:
    import hashlib

    digest = hashlib.sha256(json.dumps(report_schema(), sort_keys=True).encode()).hexdigest()
    assert SCHEMA_HASHES.get(SCHEMA_VERSION) == digest, (
        "the JSON schema changed: bump SCHEMA_VERSION and record the new hash here"
    )


def test_an_llmc_config_that_is_no_launch_script_is_one_line_and_exit_2(tmp_path: Path) -> None:
    log = ROOT / "bench" / "corpus" / "sk-jorahn-llmc-gpt2-350m-edu-hermes-in-gpt3-125m-folder"
    script = tmp_path / "run.sh"
    script.write_text("echo nothing is trained here\n")
    result = capdiag("analyze", log / "old.log", "--config", script)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"capdiag: error: {script}: no train_gpt2cu command in it (an llm.c launch script)"
    )
