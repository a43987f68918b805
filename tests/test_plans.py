"""Fix plans that hold: one coherent config, checked by capdiag itself; `capdiag check`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SEED_CONFIG, SEED_LOG
from typer.testing import CliRunner

from capdiag.cli import app
from capdiag.fixplan import plan_totals, planned_run
from capdiag.load import load_run
from capdiag.rules.base import lower_lr_fix, recipe_learning_rate

CORPUS = ROOT / "bench" / "corpus"
SEED_FIXED = ROOT / "examples" / "configs" / "seed_gpt2_fineweb_rtx4070_fixed.py"


def invoke(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def check_json(config: Path, *extra: str) -> dict[str, Any]:
    code, out, err = invoke("check", config, "-f", "json", "--fail-on", "never", *extra)
    assert code == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


def loud(report: dict[str, Any]) -> list[str]:
    return [f"{f['rule']}: {f['title']}" for f in report["findings"] if f["severity"] != "info"]


# ---- capdiag check


def test_check_finds_the_seed_configs_faults_before_it_runs() -> None:
    report = check_json(SEED_CONFIG, "--gpu", "RTX 4070")
    rules = {f["rule"]: f["severity"] for f in report["findings"]}
    assert rules["param-count-mismatch"] == "error"
    assert rules["token-budget"] == "warning" and rules["dropout-in-pretraining"] == "warning"
    assert report["coverage"]["series"] == {}
    code, _, _ = invoke("check", SEED_CONFIG, "--gpu", "RTX 4070")
    assert code == 1  # --fail-on error, as analyze


def test_check_is_clean_on_the_config_the_plan_wrote() -> None:
    assert loud(check_json(SEED_FIXED, "--gpu", "RTX 4070")) == []
    code, out, _ = invoke("check", SEED_FIXED, "--gpu", "RTX 4070")
    assert code == 0 and "checked 6 of 6 rules" in out


def test_check_names_a_misspelled_key_and_an_impossible_head_split(tmp_path: Path) -> None:
    config = tmp_path / "config.py"
    config.write_text(SEED_FIXED.read_text().replace("n_embd = 768", "n_emdb = 768\nn_embd = 800"))
    findings = {f["title"]: f for f in check_json(config)["findings"]}
    typo = findings["n_emdb is not a nanoGPT setting (did you mean n_embd?)"]
    assert typo["severity"] == "warning"
    split = findings["n_embd = 800 does not divide by n_head = 12"]
    assert split["severity"] == "error" and split["fixes"][0]["value"] % 12 == 0


def test_a_key_the_config_leaves_unset_runs_with_train_pys_default(tmp_path: Path) -> None:
    # nanoGPT runs an unset key with train.py's default: stated by the framework, so a fault
    # in it is a warning or an error, not an assumption
    short = tmp_path / "short.py"
    short.write_text("max_iters = 2000\nlearning_rate = 1e-3\n", encoding="utf-8")
    schedule = [f for f in check_json(short)["findings"] if f["rule"] == "lr-schedule"]
    decay, warmup = sorted(schedule, key=lambda f: str(f["title"]))
    assert decay["severity"] == "warning" and "600000" in decay["title"] and decay["fixes"]
    # train.py's warmup_iters = 2000 is the whole of this 2000-step run
    assert warmup["severity"] == "warning" and "all warmup" in warmup["title"]
    assert [(f["key"], f["value"]) for f in warmup["fixes"]] == [("warmup_iters", 100)]
    heads = tmp_path / "heads.py"
    heads.write_text("n_embd = 800\n", encoding="utf-8")
    [split] = [f for f in check_json(heads)["findings"] if f["rule"] == "config-coherence"]
    assert split["severity"] == "error" and "n_head = 12" in split["title"]


def test_check_says_a_batch_does_not_fit_and_gives_one_that_does(tmp_path: Path) -> None:
    config = tmp_path / "config.py"
    text = SEED_FIXED.read_text()
    config.write_text(
        text.replace("gradient_accumulation_steps = 64", "gradient_accumulation_steps = 8").replace(
            "batch_size = 8", "batch_size = 64"
        )
    )
    [f] = [f for f in check_json(config, "--gpu", "RTX 4070")["findings"] if "card" in f["title"]]
    fixes = {x["key"]: x["value"] for x in f["fixes"]}
    assert fixes["batch_size"] * fixes["gradient_accumulation_steps"] == 64 * 8
    assert fixes["batch_size"] < 64


def test_bf16_on_a_gpu_without_it_is_a_warning_before_the_run(tmp_path: Path) -> None:
    config = tmp_path / "config.py"
    config.write_text(SEED_FIXED.read_text() + "dtype = 'bfloat16'\n")
    [f] = [f for f in check_json(config, "--gpu", "V100")["findings"] if "bfloat16" in f["title"]]
    assert f["severity"] == "warning" and f["fixes"][0]["value"] == "float16"
    assert not [
        f for f in check_json(config, "--gpu", "A100")["findings"] if "bfloat16" in f["title"]
    ]


def test_compile_on_mps_and_an_unpadded_vocabulary(tmp_path: Path) -> None:
    config = tmp_path / "config.py"
    config.write_text(SEED_FIXED.read_text() + "device = 'mps'\nvocab_size = 50257\n")
    titles = {f["title"]: f["severity"] for f in check_json(config)["findings"]}
    assert titles["compile = True with device = 'mps'"] == "warning"
    assert titles["vocab_size = 50257 is not a multiple of 64"] == "info"


@pytest.mark.parametrize(
    ("log", "config", "fixed"),
    [
        ("examples/logs/nanogpt_cpu_overfit.log", "examples/configs/nanogpt_cpu_overfit.py", True),
        ("examples/logs/nanogpt_cpu_healthy.log", "examples/configs/nanogpt_cpu_healthy.py", False),
    ],
)
def test_the_examples_fixed_configs_pass_check(
    log: str, config: str, fixed: bool, tmp_path: Path
) -> None:
    target = tmp_path / "fixed.py"
    args = ("--config", ROOT / config, "--write-config", target, "--fail-on", "never")
    code, _, err = invoke("analyze", ROOT / log, *args)
    assert code == 0, err
    assert target.exists() is fixed  # the healthy run has nothing to fix: nothing written
    if fixed:
        assert loud(check_json(target)) == []


def test_check_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    code, _, err = invoke("check", tmp_path / "none.py")
    assert code == 2 and err.count("\n") == 1
    bad = tmp_path / "bad.py"
    bad.write_text("n_layer = (")
    code, _, err = invoke("check", bad)
    assert code == 2 and "not valid Python" in err


# ---- the fix plan


def seed_plan() -> dict[str, Any]:
    args = ("--config", SEED_CONFIG, "--gpu", "RTX 4070", "-f", "json", "--fail-on", "never")
    code, out, _ = invoke("analyze", SEED_LOG, *args)
    assert code == 0
    plan: dict[str, Any] = json.loads(out)["fix_plan"]
    return plan


def test_the_seed_plan_states_its_totals_and_they_agree_with_its_findings() -> None:
    plan = seed_plan()
    totals = plan["totals"]
    fixes = {f["key"]: f["value"] for f in plan["fixes"]}
    # the token-budget finding's advice: the same compute on a ~124M model, ~20 tokens/param
    assert fixes["n_embd"] == 768 and fixes["max_iters"] == totals["max_iters"]
    # the seed run's compute (14,500 steps on 40,953,216 parameters) on 124,373,760 (by hand
    # in test_plan.py): 4774 steps
    assert totals["tokens"] == totals["max_iters"] * totals["tokens_per_iter"] == 4774 * 524_288
    assert 15 < totals["tokens_per_param"] < 30
    # dropout's finding says the data is seen at most a few times: so does the plan
    assert totals["epochs"] < 1 and fixes["dropout"] == 0.0
    # coupled keys moved with max_iters
    assert fixes["lr_decay_iters"] == fixes["max_iters"]
    assert fixes["warmup_iters"] == round(700 / 20000 * 4774)
    assert plan["defects"] == [] and plan["new_defects"] == 0
    assert totals["hours"] > 0


def test_one_memory_figure_for_the_plan() -> None:
    plan = seed_plan()
    reasons = " ".join(f["reason"] for f in plan["fixes"])
    assert "GiB on" not in reasons  # the findings quote no figure of their own
    device = plan["memory"]["components"]["device_total"]
    assert device / 2**30 == pytest.approx(8.30, abs=0.01)


def test_restart_says_why() -> None:
    plan = seed_plan()
    assert plan["restart_required"] is True
    assert plan["restart_reasons"] == [
        "the model's shape changes (n_embd): checkpoints no longer fit"
    ]


def test_a_plan_that_only_changes_the_schedule_needs_no_restart() -> None:
    run = load_run(
        ROOT / "tests/data/nanogpt/cpu_divergent.log",
        ROOT / "tests/data/nanogpt/cpu_divergent_config.py",
    )
    from capdiag.analysis import analyze

    plan = analyze(run).fix_plan
    keys = {f.key for f in plan.fixes}
    assert keys and not keys & {"n_layer", "n_head", "n_embd", "block_size", "init_from"}
    assert plan.restart_required is False and plan.restart_reasons == []


def test_a_plan_that_stops_at_an_earlier_epoch_restarts() -> None:
    # a fix to the run's length in epochs (a log that counts epochs, or places its steps
    # within them) before the epoch the run reached cannot resume from its last checkpoint:
    # the plan had said "Resume from the last checkpoint" beside "epochs = 14" at epoch 22
    from capdiag.analysis import analyze

    for folder, stop, reached in (
        ("zx-bars-afnplus-movielens-overfit-after-lr-drop", 14, 22),  # FuxiCTR, from 1
        ("zw-pointnet-modelnet40-250ep-spikes-evalloss-rise", 71, 250),  # PointNet, from 0
    ):
        log = next(p for p in (CORPUS / folder).iterdir() if p.suffix in (".log", ".txt"))
        plan = analyze(load_run(log)).fix_plan
        assert [(f.key, f.value) for f in plan.fixes] == [("epochs", stop)]
        assert plan.restart_required is True
        assert plan.restart_reasons == [
            f"epochs = {stop} is at or before the epoch the run reached ({reached}): keep "
            "the checkpoint saved nearest that epoch"
        ]


def test_no_rate_is_lowered_below_a_third_of_the_recipe_for_its_size() -> None:
    # GPT-3 table (Brown et al. 2020): 125M at 6e-4, 350M at 3e-4
    assert recipe_learning_rate(125e6) == pytest.approx(6e-4)
    assert recipe_learning_rate(350e6) == pytest.approx(3e-4)
    run = load_run(SEED_LOG, SEED_CONFIG)  # 41M parameters at 6e-4: the recipe's own rate
    assert lower_lr_fix(run, 10, "x") is not None
    run.config.values["learning_rate"] = 1e-4  # a sixth of the recipe: not the cause
    assert lower_lr_fix(run, 10, "x") is None


def corpus_runs_with_a_python_config() -> list[str]:
    found = []
    for label_path in sorted(CORPUS.glob("*/label.yaml")):
        label = yaml.safe_load(label_path.read_text())
        if str(label.get("config", "")).endswith(".py"):
            found.append(label_path.parent.name)
    return found


# Python configs --write-config refuses, and why
REFUSED = {
    # an Att-BLSTM's config.py of "key = value" settings: read, not patched (its overfitting
    # fix is the first plan for it, since its bracketed epochs are read)
    "zu-attention-bilstm-semeval-overfit": "config.py was read for its settings",
    # batch 283: a LeNet's main.py beside its history CSV: read, not patched
    "og-pytorch-lenet-pokemon150-overfits": "main.py was read for its settings",
    # batch 281: a Keras training.py beside its CSVLogger log: read, not patched
    "oe-keras-3dunet-isles-stroke-seg-overfits": "training.py was read for its settings",
    # batch 273: a Keras notebook's cells beside its history: read, not patched
    "pw-keras-lenet-malaria-adam-lr0p1-val-loss-spikes": (
        "notebook_cells.py was read for its settings"
    ),
    # batch 264: a seq2seq train.py beside its log: read, not patched
    "pn-atmt-transformer-europarl-deen-overfit-clip-always": "train.py was read for its settings",
    # batch 257: DETR's main.py beside its log.txt: read, not patched
    "pg-detr-sleep-events-overfit": "main.py was read for its settings",
    # batch 262: a Keras script beside its history CSV: read, not patched
    "pl-crop-stress-keras": "train.py was read for its settings",
    # batch 238: DETR's main.py beside its log.txt: read, not patched
    "qn-detr-ore-dense-100q-loss-plateau": "main.py was read for its settings",
    # batch 237: a Lightning script beside its metrics.csv: read, not patched
    "qm-clip-spectra-val-overfit": "train.py was read for its settings",
    # batch 222: a PointNet script beside its log_train.txt: read, not patched
    "zw-pointnet-modelnet40-250ep-spikes-evalloss-rise": "train.py was read for its settings",
    # batch 217: a PointNet script beside its log_train.txt: read, not patched
    "zs-pointnet-modelnet40-warmstart-evalloss-drift": "train.py was read for its settings",
    # batch 213: a PointNet script beside its log_train.txt: read, not patched
    "zo-pointnet-torch-modelnet40-250ep-overfit": "train.py was read for its settings",
    # held-out batch 205: a CIFAR-10 script beside its epoch prints: read, not patched
    "zg-echoalign-cifar10-noisy-ce": "main.py was read for its settings",
    "zg-echoalign-cifar10-scrambled": "main.py was read for its settings",
    # held-out batch 202: a Siamese network's script beside its epoch lines: read, not patched
    "zc-fingerprint-siamese-overfit": "run.py was read for its settings",
    # held-out batch 192: a Lightning script beside its metrics.csv: read, not patched
    "yt-neumf-song-lightning": "main.py was read for its settings",
    # held-out batch 179: a project's settings module beside its epoch lines: read, not
    # patched (its overfitting fix is a plan now)
    "yg-seti-effnetv2-noaug": "config.py was read for its settings",
    # held-out batch 177: a training script beside a logging-module log: read, not patched
    "ye-seass-gigaword-unshuffled": "train.py was read for its settings",
    # a project's config class, read for its TrainingArguments fields: never patched
    "rl-qwen3-06b-qlora-lccc-constant-lr-clip03": "config.py was read for its settings",
    # held-out batch 164: a Keras script beside its log (the others get no fix to write)
    "xr-belgiantsc-keras-cnn1-overfit": "Keras.py was read for its settings",
    # held-out batch 158: a project's own settings module beside a Trainer's stdout: the
    # Trainer does not read it, so a fix is not written into it
    "xl-hotpotqa-query-lora-qwen3b-overfit": (
        "config.py was not read (Hugging Face Trainer does not read that file)"
    ),
    # a notebook's cells beside its printed epochs (read since its bars' glued lines are)
    "vn-pytorch-bert-imdb-ft-overfit-3ep": "notebook_cells.py was read for its settings",
    # held-out batch 153: Trainer scripts beside their states: read, never patched
    "xg-kvr6-multimodal-fusion-warmup-gt-steps": "train_model.py was read for its settings",
    "xg-samayjain-distilbert-lora-agnews-5ep-evalrise": (
        "lora_text_simpler.py was read for its settings"
    ),
    # a Keras script beside its log of redrawn bars: read, never patched
    "te-pokemon150-keras-cnn-10ep-overfit": "train.py was read for its settings",
    # a Keras script beside the history its DataFrame wrote: read, never patched
    "xd-eegmodalnet-keras-hypnosis-cnn-fold1-overfit": "classifier_hd.py was read for its settings",
    # a fastai training script beside its CSVLogger history: read, never patched
    "xc-fastai-resnet34-sportsballs-overfit": "train.py was read for its settings",
    # a notebook's TrainingArguments cell, extracted as a script: read, never patched
    "xb-fingpt-rag-chatglm2-6b-lora-wealth-alpaca-warmup-100-of-165": (
        "notebook_train_cells.py was read for its settings"
    ),
    "xb-fingpt-sentiment-chatglm2-6b-int4-lora-warmup-10000-of-3838": (
        "notebook_train_cells.py was read for its settings"
    ),
    "xa-keras-csv-stanford40-small-cnn-50ep-overfit": "cv-practical-5.py was read for its settings",
    # a Keras training script beside a CSVLogger file: read for its settings, never patched
    # (a plan's keys are not the script's)
    "sj-tomato-leaf-cnn-keras-overfit": "CNN_Training.py was read for its settings",
    "tb-stock-lstm-attn-keras-csvlogger-earlystop-overfit": (
        "Prediction.py was read for its settings"
    ),
    "vn-keras-imdb-embedding-bag-overfit-30ep": "notebook_cells.py was read for its settings",
    # DETR's main.py beside its log.txt: its argparse defaults, not a config
    "te-stenosis-detr-r50-overfit-testloss-rises": "main.py was read for its settings",
    # a char-level GPT's own script, its hyperparameters as module constants
    "vu-chargpt-shakespeare-causalattn-overfit-5k": "gpt.py was read for its settings",
    "ww-choseohee-kolyrics-chargpt-memorize": "GPT.py was read for its settings",
    "ww-pythia410m-taylorswift-20ep-overfit-cpu": (
        "finetuning_training_args_cell.py was read for its settings"
    ),
    # fine-tuning scripts beside Trainer stdout: their TrainingArguments, never patched
    "wb-centaur70b-qlora-ptsd-100ep-overfit": "Finetuning_V5.py was read for its settings",
    # a notebook's Keras model cells
    "tj-dm2020-emotion-bow-mlp-keras-stdout-overfit": "model_cells.py was read for its settings",
    "tz-chathamner-164m-v1-doubleshift-labels-resume-loss-jumps": (
        "train.py was read for its settings"
    ),
    # scripts and notebook cells that build TrainingArguments(...): read for its literal
    # arguments, never patched (a plan's keys are not the script's code)
    "uf-hf-wav2vec2-base-timit-ctc-30ep-valloss-rise-wer-improves": (
        "config_cells.py was read for its settings"
    ),
    "uu-hf-legalbert-ipc-51cls-1-row-per-class-warmup500-of-600-evalloss-rise": (
        "senior.py was read for its settings"
    ),
    "ui-hf-stdout-tinyllama-fp16-weights-mps-sft-nan-from-step2": (
        "LaciaTeacher.py was read for its settings"
    ),
    "uu-hf-bart-large-cnn-ml-papers-summ-warmup500-of-96-pad-labels": (
        "fine_tune_model.py was read for its settings"
    ),
    "ud-hf-distilbert-product-review-2ep-evalloss-rise": (
        "train_distilbert.py was read for its settings"
    ),
    "uf-bentrevett-gru-attn-multi30k-deen-10ep-val-rise-overfit": (
        "config_cells.py was read for its settings"
    ),
    # labels that pass an option capdiag does not have: a usage error, as for any user
    "ua-nanogpt-shakespeare-char-cpu-sweep-csv-lr-horizon-5000-vs-2000": "No such option: --device",
    "ua-wandb-nanogpt-insert-spaces-char-m2-cpu-healthy": "No such option: --device",
}
# runs whose log capdiag does not read (a dialect no parser knows): no plan to write
UNREAD_LOGS = {
    # batch 290: Stable-Baselines3's progress.csv, an A2C's policy, value and entropy
    # losses with no total
    "on-sb3-a2c-flappybird-rew100-entropy-collapse-vloss-spikes",
    # batch 281: k-fold epoch lines of a logging module
    "oe-pytorch-resnet50-skin40-cpu-swapped-split-killed",
    # batch 268: one pasted mmengine line
    "pr-mmdet-issue11893-mmengine-frcnn-nan-iter500",
    # batch 263: "001  00001 |Loss: 2.743 | ...": the epoch and batch as unnamed numbers
    "pm-efficientnet-b3-celltype-labelsmooth-30ep-healthy",
    # batch 257: "Epoch [1/5], Batch Loss: X" per batch with no batch count, among bars
    "pg-roviqa-vqa-cosine-horizon",
    # batch 250: an emotion model's W&B output.log, 20 metric lines among 425
    "qy-ravdess-mmcnn-wandb",
    # batch 244: an RL actor-critic's tabular log (returns, actor and critic losses)
    "qt-awr-hopper-v2-log0-4450it-healthy",
    # batch 228: a NumPy autoencoder's logging lines, its script beside them
    "qc-modarr-ant-rc-autoencoder",
    # batch 225: jax-cfd's absl log beside its launch script; a phased trainer's epochs
    "qa-jaxcfd-learned-interp-64",
    "qa-usada-hybrid-cpu-valceiling",
    # batch 213: "Epoch 1/75 Losses" headers over bare numbers
    "zo-skyfinder-shift-cnn-4-launch-resumed-healthy",
    # batch 211: a NumPy LeNet's "100/1718 (batchs) completed!" lines and their means
    "zm-numpy-lenet-mnist-loss-rising-after-lr-drop",
    # held-out batch 207: a TF1 NER template's logging lines (detection does not take them)
    "zi-idcnn-crf-msra-ner-100ep-healthy",
    # held-out batch 200: a re-ID script's epoch lines
    "za-reid-triplet-resnet50-multisteplr-per-batch",
    # held-out batch 197: DeepLab-V1's timestamped iteration lines
    "yy-deeplabv1-voc-6000it-healthy",
    # held-out batch 196: a GAN's logging lines (generator and discriminator losses only)
    "yx-unet-gan-face-restoration-50ep-one-2h-stall",
    # held-out batch 189: "[Level ...] Epoch" lines of a multi-view model
    "yq-mvor-cbam-multiview-cpu-25ep-plateau",
    # held-out batch 187: a VAE's epoch lines
    "yo-pvtvae-motion-vae-kl-collapse",
    # held-out batch 185: baselines' progress.csv; PredNet's plain epoch prints
    "ym-gail-ppo-cartpole",
    "ym-prednet-paddle-kitti",
    # held-out batch 172: "current step: 1th step", its loss on the next line
    "xz-tisv-ge2e-lstm-speaker-verif-head",
    # held-out batch 149: self-play RL lines with no step; MXNet's accuracy with no loss
    "xc-alphazero-gomoku-9x9-selfplay-healthy",
    "xc-mxnet-resnet18-catdog-gpu-contention",
    # held-out batch 147: Chinese keys (GB18030), a CSV with no step column, a stage-prefixed
    # loss ("s2/loss") whose split no key states
    "xa-gpt2-medical-qa-scratch-21k-vocab-10ep-gb18030",
    "xa-smollgpt-135m-enwiki-4ep-cosine-floor-after-1-epoch",
    "xa-lightning-penn-action-kp-classifier-30ep-flat-loss",
    "ww-poemgen-chinese-charlstm-plateau-restart",  # "1,6.2338": no header names the columns
    "wm-paddle-seresnet18-cifar10-finetune-8ep-healthy",  # PaddlePaddle's notebook output
    # an iVAE's losses are its parts (train_elbo_loss, train_recon_loss, ...): none is "the" loss
    "vp-lightning-csv-ivae-simulated-batch-effect-100ep-healthy",
    # a dashboard's JSON document of [step, loss] pairs beside a nanoGPT fork's config
    "uh-nanogpt-fork-moe196-v10-aligned-megatron-7485st-healthy",
    "uh-nanogpt-fork-moe196-vs-megatron-v1-buggy-bias-lagging-val-zigzag",
    "ub-torchtitan-ci-llama3-debug-fsdp8-c4test-100step-healthy",  # CI reference losses
    "ub-torchtitan-ci-qwen3-moe-debug-8gpu-tp2-ep4-100step-healthy",
    "uv-torchtitan-ci-llama3-debug-8x-mi350x-rocm-100step-healthy",
    "vb-torchtitan-ci-qwen3-moe-debug-8x-mi350x-rocm-tp2-ep4-100step-healthy",
    "uf-trax-transformer-paracrawl-enfr-from-ende-5k-eval-1batch-noise",  # Trax's lines
    "uf-trax-wideresnet-wf2-cifar10-5k-steps-healthy",
    "ug-fastai-miniai-ddpm-attn-unet-batchnorm-onecycle-eval-zigzag",  # fastai's HTML table
    "ug-fastai-miniai-vae-fashionmnist-bce-kld-20ep-healthy",
    "ug-hf-diffclass-class-cond-unet-mnist-10ep-healthy",  # "Epoch N average loss" prints
    "wv-ant-transformer-sst2-5pct-cpu-chance",  # epoch summaries among tqdm bars
    "wv-jinyong-char-lstm-vs-transformer-nomask-sweep",  # a sweep's per-epoch losses
}


@pytest.mark.parametrize("run_id", corpus_runs_with_a_python_config())
def test_the_fixed_config_of_a_real_run_passes_check(run_id: str, tmp_path: Path) -> None:
    folder = CORPUS / run_id
    label = yaml.safe_load((folder / "label.yaml").read_text())
    target = tmp_path / "fixed.py"
    args = [folder / label["log"], "--config", folder / label["config"], *label.get("args", [])]
    code, out, err = invoke(
        "analyze", *args, "-f", "json", "--fail-on", "never", "--write-config", target
    )
    if run_id in UNREAD_LOGS:
        assert code == 2
        assert "not a recognised training log" in err or "no training loss found" in err
        return
    if run_id in REFUSED:
        # a script that is not the framework's own config: --write-config refuses it
        assert code == 2 and REFUSED[run_id] in err
        assert not target.exists()
        return
    assert code == 0, err
    plan = json.loads(out)["fix_plan"]
    if not plan["fixes"]:
        assert not target.exists()
        return
    hardware = [str(a) for a in label.get("args", [])]  # --gpu / --num-gpus, as analyze got
    assert loud(check_json(target, *hardware)) == []


def test_megatron_deepspeeds_train_tokens_ends_the_planned_run() -> None:
    """Megatron-DeepSpeed's GPT examples set --train-iters 1,716,613 (three times what they
    need) and --train-tokens 300B, and stop at whichever comes first: the plan's horizon
    is 300B tokens in 572,205 steps of 524,288, not 900B. (The healthy run gets no fix, so
    its plan's totals are taken as a plan would: of the run with no change.)"""
    log = CORPUS / "wj-mds-gpt125m-moe8-4gpu-fp16-early-healthy" / "gpt-0.125B-gpus-4-MoE8.log"
    run = load_run(log, num_gpus=4)
    totals = plan_totals(run, planned_run(run, {}))
    assert totals.tokens == 300_000_000_000 and totals.max_iters == 572_205
    assert totals.tokens_per_iter == 524_288
    assert run.reported.tokens_planned == 300_000_000_000
