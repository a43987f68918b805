"""Many runs at once: a folder of real runs, several paths, the summary, jsonl, the API."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import ROOT, SEED_LOG
from conftest import capdiag_process as capdiag

from capdiag.many import analyze_many, analyze_path, find_runs
from capdiag.report import Report

CORPUS = ROOT / "bench" / "corpus"


def test_the_real_run_corpus_in_one_command_as_jsonl() -> None:
    done = capdiag("analyze", CORPUS, "-f", "jsonl", "--fail-on", "never")
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    unread = [row for row in rows if "report" not in row]
    # the exit code is the worst over the runs: 2 when a run held no training loss
    assert done.returncode == (2 if unread else 0), done.stderr
    assert len(rows) - len(unread) >= 120
    scored = json.loads((CORPUS.parent / "scoreboard.json").read_text())["runs"]
    not_read = {run["id"] for run in scored if not run["read"]}
    for row in unread:
        assert "no training loss found" in row["error"]
        folder = Path(row["path"]).relative_to(CORPUS).parts[0]
        if folder not in not_read:
            # the one folder holding two records of its run: a folder scan takes its W&B
            # folder (an output.log of warnings only), the label its trainer_state.json
            assert row["path"].endswith("rl-trl-llama3-8b-lora-r2-guanaco1k-plateau"), row
    by_path = {Path(row["path"]).relative_to(CORPUS).parts[0]: row for row in rows}
    seed_like = by_path["ng-wilcoooo-shakespeare-char-tiny"]["report"]
    assert seed_like["run"]["format"] == "nanogpt"
    # a W&B run folder is one run: its files/output.log is not analysed again on its own
    assert not any("files/output.log" in row["path"] for row in rows)


def test_several_paths_get_a_report_each_and_a_summary() -> None:
    runs = [
        CORPUS / "ng-wilcoooo-shakespeare-char-tiny",
        CORPUS / "mg-titan-llama3-150m-c4-20k" / "train.log",
    ]
    done = capdiag("analyze", *runs, "--fail-on", "never")
    assert done.returncode == 0, done.stderr
    assert "2 runs" in done.stdout and "torchtitan" in done.stdout
    assert done.stdout.count("╭─ capdiag") == 2  # one full report per run, then the table


def test_the_exit_code_is_the_worst_over_the_runs(tmp_path: Path) -> None:
    unreadable = tmp_path / "notes.log"
    unreadable.write_text("hello\n", encoding="utf-8")
    healthy = CORPUS / "ng-wilcoooo-shakespeare-char-tiny"
    assert capdiag("analyze", healthy, "-q").returncode == 0  # the folder's one run
    failing = capdiag("analyze", healthy, SEED_LOG, "-q")
    assert failing.returncode == 1  # the seed run's size claim is an error
    worst = capdiag("analyze", SEED_LOG, unreadable, "-f", "jsonl")
    assert worst.returncode == 2  # one run could not be read
    rows = [json.loads(line) for line in worst.stdout.splitlines()]
    assert [("report" in r, "error" in r) for r in rows] == [(True, False), (False, True)]
    one_config = capdiag("analyze", SEED_LOG, SEED_LOG, "--config", SEED_LOG)
    assert one_config.returncode == 2 and one_config.stderr.count("\n") == 1


def test_a_folder_is_searched_and_a_run_folder_is_one_run() -> None:
    wandb_run = next((CORPUS / "lt-jackokeefe-enwikchar-oom-wandb" / "wandb").iterdir())
    assert find_runs(wandb_run) == [wandb_run]
    found = find_runs(CORPUS / "lt-jackokeefe-enwikchar-oom-wandb")
    assert found == [CORPUS / "lt-jackokeefe-enwikchar-oom-wandb"]  # its wandb/ makes it one
    runs = find_runs(CORPUS)
    assert len(runs) >= 80
    # 8 sibling TensorBoard folders, of which only the first starts at step 1: one run's
    # auto-resumes, so one run; 4 sibling runs that each start at the beginning: 4 runs
    resumed = CORPUS / "lt-qiu023-titan-vlm-resume-replay-tb" / "tb"
    assert [r for r in runs if resumed in (r, *r.parents)] == [resumed]
    assert find_runs(resumed) == [resumed]
    separate = ROOT / "tests" / "data" / "tensorboard"
    assert len(find_runs(separate)) == 4


def test_the_python_api_takes_any_executor() -> None:
    report = analyze_path(SEED_LOG)
    assert isinstance(report, Report) and report.run.format == "nanogpt"
    paths = [SEED_LOG, CORPUS / "mg-titan-llama3-150m-c4-20k" / "train.log"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(analyze_many(paths, pool, rules=["mfu"]))
    assert [Path(r.path) for r in results] == paths
    assert all(r.report is not None for r in results)
    assert {f.rule for r in results if r.report for f in r.report.findings} <= {"mfu"}


SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"  # see tests/data/SOURCES.md


def test_sarif_validates_against_the_official_schema_and_points_at_the_config() -> None:
    import jsonschema
    from conftest import SEED_CONFIG

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    one = capdiag("analyze", SEED_LOG, "--config", SEED_CONFIG, "-f", "sarif")
    assert one.returncode == 1
    log = json.loads(one.stdout)
    jsonschema.validate(log, schema, format_checker=jsonschema.FormatChecker())
    [result, *_] = log["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("CD001", "error")
    place = result["locations"][0]["physicalLocation"]
    config_line = next(
        n
        for n, text in enumerate(SEED_CONFIG.read_text().splitlines(), start=1)
        if text.startswith("n_embd")
    )
    assert place["artifactLocation"]["uri"].endswith("seed_gpt2_fineweb_rtx4070.py")
    assert place["region"]["startLine"] == config_line
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["name"] == "param-count-mismatch"
    many = capdiag("analyze", CORPUS, "-f", "sarif", "--fail-on", "never")
    # the worst over the runs: 2 when a run held no training loss (said on stderr)
    assert many.returncode == (2 if "no training loss found" in many.stderr else 0)
    corpus_log = json.loads(many.stdout)
    jsonschema.validate(corpus_log, schema, format_checker=jsonschema.FormatChecker())
    assert len(corpus_log["runs"]) >= 50


def test_markdown_renders_a_table_and_keeps_run_text_inert(tmp_path: Path) -> None:
    from conftest import SEED_CONFIG
    from markdown_it import MarkdownIt

    log = tmp_path / "a|b <img src=x> [x](y).log"  # a hostile name, as the run gives it
    log.write_bytes(SEED_LOG.read_bytes())
    done = capdiag("analyze", log, "--config", SEED_CONFIG, "-f", "markdown")
    assert done.returncode == 1
    tokens = MarkdownIt("commonmark").enable("table").parse(done.stdout)
    assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
    inline = [c for t in tokens if t.children for c in t.children]
    assert not [c for c in inline if c.type in ("link_open", "image")]
    rows = [t for t in tokens if t.type == "tr_open"]
    report = json.loads(capdiag("analyze", log, "--config", SEED_CONFIG, "-f", "json").stdout)
    assert len(rows) == 1 + len(report["findings"])  # the header and one row per finding
    assert "```diff" in done.stdout and "+n_embd = 768" in done.stdout


def test_junit_has_a_case_per_rule_and_counts_that_add_up() -> None:
    import xml.etree.ElementTree as ET

    from conftest import SEED_CONFIG

    done = capdiag("analyze", SEED_LOG, "--config", SEED_CONFIG, "-f", "junit")
    assert done.returncode == 1
    [suite] = ET.fromstring(done.stdout).findall("testsuite")
    cases = suite.findall("testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert int(suite.get("tests", "")) == len(cases)
    assert int(suite.get("failures", "")) == len(failed)
    assert int(suite.get("skipped", "")) == len(skipped)
    report = json.loads(capdiag("analyze", SEED_LOG, "--config", SEED_CONFIG, "-f", "json").stdout)
    loud = {f["rule"] for f in report["findings"] if f["severity"] != "info"}
    assert {c.get("name") for c in failed} == loud
    assert {c.get("name") for c in skipped} == {s["rule"] for s in report["skipped"]}
    many = capdiag("analyze", CORPUS, "-f", "junit", "--fail-on", "never")
    assert many.returncode == (2 if "no training loss found" in many.stderr else 0)
    assert len(ET.fromstring(many.stdout).findall("testsuite")) >= 50


def test_a_dask_cluster_runs_the_analysis_through_its_executor() -> None:
    from distributed import Client, LocalCluster

    runs = [
        CORPUS / "ng-wilcoooo-shakespeare-char-tiny",
        CORPUS / "mg-titan-llama3-150m-c4-20k" / "train.log",
        SEED_LOG,
    ]
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        results = list(analyze_many(runs, client.get_executor()))
        workers = len(client.scheduler_info()["workers"])
    assert workers == 2
    assert [r.report.run.format for r in results if r.report] == [
        "nanogpt",
        "torchtitan",
        "nanogpt",
    ]


def test_machine_output_is_printed_verbatim(tmp_path: Path) -> None:
    # rich would turn ":smile:" into an emoji and "[b]" into markup; JSON must stay as is
    log = tmp_path / "run :smile: [b].log"
    log.write_bytes(SEED_LOG.read_bytes())
    done = capdiag("analyze", log, SEED_LOG, "-f", "jsonl", "--fail-on", "never")
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows[0]["path"] == str(log)


def test_many_runs_edge_cases_in_a_real_process(tmp_path: Path) -> None:
    import jsonschema

    from capdiag.rules import RULES

    empty = tmp_path / "empty"
    empty.mkdir()
    none = capdiag("analyze", empty)
    assert none.returncode == 2 and none.stderr.startswith("capdiag: error: no training runs")
    notes = tmp_path / "notes.log"
    notes.write_text("hello\n", encoding="utf-8")
    quiet = capdiag("analyze", SEED_LOG, notes, "-q")
    assert quiet.returncode == 2 and quiet.stdout == ""
    assert quiet.stderr.startswith(f"capdiag: error: {notes}")  # said even with --quiet
    ignore_all = ",".join(r.id for r in RULES)
    copy = tmp_path / "copy.log"
    copy.write_bytes(SEED_LOG.read_bytes())
    rows = capdiag("analyze", SEED_LOG, copy, "--ignore", ignore_all, "-f", "jsonl")
    reports = [json.loads(line)["report"] for line in rows.stdout.splitlines()]
    assert [r["coverage"]["rules_run"] for r in reports] == [[], []]
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    for report in reports:
        jsonschema.validate(report, schema)  # many-run reports keep every field


def test_jsonl_streamed_to_stdout_is_what_output_writes(tmp_path: Path) -> None:
    # on stdout each run's line is printed as soon as it is done; --output writes at the end
    runs = [CORPUS / "ng-wilcoooo-shakespeare-char-tiny", CORPUS / "mg-titan-llama3-150m-c4-20k"]
    streamed = capdiag("analyze", *runs, "-f", "jsonl", "--fail-on", "never")
    written = tmp_path / "runs.jsonl"
    capdiag("analyze", *runs, "-f", "jsonl", "--fail-on", "never", "--output", written)
    assert streamed.returncode == 0
    assert streamed.stdout.splitlines() == written.read_text().splitlines()
    assert len(streamed.stdout.splitlines()) == 2


def test_an_mlflow_store_with_several_runs_is_several_runs() -> None:
    # the store written by MLflow itself holds two runs: one report each, oldest first
    store = ROOT / "tests" / "data" / "mlflow" / "mlruns"
    runs = find_runs(store)
    assert len(runs) == 2 and all(run.parent.parent == store for run in runs)
    done = capdiag("analyze", store, "-f", "jsonl", "--fail-on", "never")
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [Path(row["path"]) for row in rows] == runs
    assert all(row["report"]["run"]["format"] == "mlflow" for row in rows)
    # a run folder given alone is that run
    assert find_runs(runs[0]) == [runs[0]]
