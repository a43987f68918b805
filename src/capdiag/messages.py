"""Known log messages: what each means, and whether anything needs fixing.

One table for every parser: a compiled pattern, the event kind, and for benign ones the
explanation the `benign-warning` rule prints.
"""

from __future__ import annotations

import functools
import re

from pydantic import BaseModel, ConfigDict

from capdiag.parsers.fields import ANSI
from capdiag.run import Event


class KnownMessage(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    code: str
    pattern: re.Pattern[str]
    kind: str  # warning | error | oom | nan | crash | finished
    benign: bool
    explanation: str
    # words the pattern cannot match without (lower case for a re.I pattern): a line with
    # none of them skips the search, so a long line costs a few substring tests
    needles: tuple[str, ...] = ()


KNOWN_MESSAGES: tuple[KnownMessage, ...] = (
    KnownMessage(
        code="inductor-not-enough-sms",
        pattern=re.compile(r"Not enough SMs to use max_autotune_gemm"),
        kind="warning",
        benign=True,
        explanation=(
            "torch.compile's inductor only autotunes GEMM kernels on GPUs with at least 68 "
            "streaming multiprocessors (torch/_inductor/utils.py, is_big_gpu). Smaller GPUs, "
            "such as most GeForce cards, skip that search and use the default kernels. It says "
            "nothing about batch or model shapes, and nothing needs fixing."
        ),
        needles=("Not enough SMs",),
    ),
    KnownMessage(
        code="gradscaler-deprecated",
        pattern=re.compile(r"torch\.cuda\.amp\.GradScaler\(args\.\.\.\)` is deprecated"),
        kind="warning",
        benign=True,
        explanation=(
            "PyTorch renamed torch.cuda.amp.GradScaler to torch.amp.GradScaler('cuda'). The old "
            "name still works; the warning is about the API, not the run."
        ),
        needles=("torch.cuda.amp.GradScaler(",),
    ),
    KnownMessage(
        code="autocast-deprecated",
        pattern=re.compile(r"torch\.cuda\.amp\.autocast\(args\.\.\.\)` is deprecated"),
        kind="warning",
        benign=True,
        explanation=(
            "torch.cuda.amp.autocast was renamed torch.amp.autocast('cuda'); behaviour is the same."
        ),
        needles=("torch.cuda.amp.autocast(",),
    ),
    KnownMessage(
        code="gradscaler-no-cuda",
        pattern=re.compile(r"GradScaler is enabled, but CUDA is not available"),
        kind="warning",
        benign=True,
        explanation=(
            "nanoGPT creates a GradScaler enabled for float16; on a machine without CUDA torch "
            "disables it. Harmless for a CPU run."
        ),
        needles=("GradScaler is enabled",),
    ),
    KnownMessage(
        code="torch-load-weights-only",
        pattern=re.compile(r"You are using `torch\.load` with `weights_only=False`"),
        kind="warning",
        benign=True,
        explanation=(
            "A security notice about unpickling checkpoints: only load checkpoints you trust. "
            "It does not affect training."
        ),
        needles=("weights_only=False",),
    ),
    KnownMessage(
        code="slow-attention",
        pattern=re.compile(r"WARNING: using slow attention\. Flash Attention"),
        kind="warning",
        benign=True,
        explanation=(
            "nanoGPT computes attention by hand when torch has no scaled_dot_product_attention "
            "(before 2.0): the same results, more slowly and with more memory."
        ),
        needles=("slow attention",),
    ),
    # transformers, fine-tuning a task head on a pretrained body; transformers 5 prints the
    # same as rows of its load report ("BertForSequenceClassification LOAD REPORT from:
    # bert-base-uncased"), a key a line: "classifier.weight | MISSING |"
    KnownMessage(
        code="new-task-head",
        pattern=re.compile(
            r"were not initialized from the model checkpoint at \S+ and are newly initialized: "
            r"\[(?:'[\w.]*(?:classifier|pooler|score|qa_outputs)[\w.]*'(?:, )?)+\]"
            r"|^\s*[\w.{}]*\b(?:classifier|pre_classifier|pooler|score|qa_outputs)"
            r"\.(?:weight|bias)\s*\|\s*MISSING\s*\|"
        ),
        kind="warning",
        benign=True,
        explanation=(
            "The task head (classifier, pooler, score) is new: a pretrained model has none for "
            "this task, so transformers initialises it and fine-tuning trains it. Expected."
        ),
        needles=("newly initialized", "MISSING"),
    ),
    KnownMessage(
        # ... and the load report's "cls.predictions.bias | UNEXPECTED |"
        code="unused-pretraining-head",
        pattern=re.compile(
            r"Some weights of the model checkpoint at \S+ were not used when"
            r"|^\s*[\w.{}]+\s*\|\s*UNEXPECTED\s*\|"
        ),
        kind="warning",
        benign=True,
        explanation=(
            "The checkpoint holds weights this model has no use for (its pre-training heads, "
            "the text tower of a CLIP checkpoint loaded as a vision model): transformers "
            "leaves them out. Expected when fine-tuning for another task."
        ),
        needles=("were not used when", "UNEXPECTED"),
    ),
    KnownMessage(
        # TensorFlow 2 saving a Keras model whose compiled ops it did not trace
        code="tf-untraced-functions",
        pattern=re.compile(r"Found untraced functions such as [\w, ]{1,2000}? while saving"),
        kind="warning",
        benign=True,
        explanation=(
            "TensorFlow's SavedModel notes that some compiled helper functions were not "
            "traced, so they cannot be called on their own after loading; the model "
            "itself saves and loads. Harmless."
        ),
        needles=("untraced functions",),
    ),
    KnownMessage(
        code="use-cache-off",
        pattern=re.compile(r"`use_cache=True` is incompatible with gradient checkpointing"),
        kind="warning",
        benign=True,
        explanation=(
            "The key-value cache only serves generation; with gradient checkpointing "
            "transformers turns it off for training. Nothing changes in the run."
        ),
        needles=("use_cache=True",),
    ),
    KnownMessage(
        code="warmup-ratio-deprecated",
        pattern=re.compile(r"warmup_ratio is deprecated and will be removed"),
        kind="warning",
        benign=True,
        explanation=(
            "transformers announces that `warmup_ratio` will go in a later version; in this "
            "one it still sets the warmup (the logged learning rate ramps as before)."
        ),
        needles=("warmup_ratio is deprecated",),
    ),
    KnownMessage(
        code="special-tokens-aligned",
        pattern=re.compile(r"The tokenizer has new PAD/BOS/EOS tokens that differ from the model"),
        kind="warning",
        benign=True,
        explanation=(
            "The Trainer copied the tokenizer's PAD/BOS/EOS ids into the model and generation "
            "configs so they agree; training uses the tokenizer's ids either way."
        ),
        needles=("PAD/BOS/EOS",),
    ),
    KnownMessage(
        code="unused-dataset-columns",
        pattern=re.compile(
            r"don't have a corresponding argument in `[\w.]+` and have been ignored"
        ),
        kind="warning",
        benign=True,
        explanation=(
            "The Trainer drops dataset columns the model's forward() does not take (raw text, "
            "lengths, ids). Expected, unless a column the model needs is listed."
        ),
        needles=("corresponding argument",),
    ),
    KnownMessage(
        code="scalar-gather",
        pattern=re.compile(r"Was asked to gather along dimension 0, but all input tensors"),
        kind="warning",
        benign=True,
        explanation=(
            "DataParallel gathers each GPU's scalar loss into a vector; the script then takes "
            "its mean. Expected with nn.DataParallel."
        ),
        needles=("gather along dimension",),
    ),
    KnownMessage(
        code="tokenizers-fork",
        pattern=re.compile(r"huggingface/tokenizers: The current process just got forked"),
        kind="warning",
        benign=True,
        explanation=(
            "The tokenizers library turns off its own threads in data-loader workers to avoid "
            "deadlocks. Tokenization is unchanged; set TOKENIZERS_PARALLELISM to silence it."
        ),
        needles=("got forked",),
    ),
    KnownMessage(
        code="tf32-off",
        pattern=re.compile(r"TensorFloat32 tensor cores for float32 matrix multiplication"),
        kind="warning",
        benign=True,
        explanation=(
            "A speed hint: the GPU could run float32 matrix products in TF32, and the script "
            "did not allow it. Results are unaffected; torch.set_float32_matmul_precision"
            "('high') takes the speed."
        ),
        needles=("TensorFloat32",),
    ),
    KnownMessage(
        code="omp-threads",
        pattern=re.compile(r"Setting OMP_NUM_THREADS environment variable for each process"),
        kind="warning",
        benign=True,
        explanation=(
            "torchrun gives each process one CPU thread for OpenMP unless told otherwise, so "
            "that many processes do not oversubscribe the CPU. GPU training is unaffected."
        ),
        needles=("OMP_NUM_THREADS",),
    ),
    KnownMessage(
        code="hub-unauthenticated",
        pattern=re.compile(r"You are sending unauthenticated requests to the HF Hub"),
        kind="warning",
        benign=True,
        explanation="A rate-limit notice about downloads from the Hugging Face Hub, not training.",
        needles=("unauthenticated requests",),
    ),
    KnownMessage(
        code="deepspeed-op-compat",
        pattern=re.compile(
            r"\[WARNING\]\s*(?:\S*\[0m\s*)?\w+ requires (?:the dev libaio|a torch version)"
        ),
        kind="warning",
        benign=True,
        explanation=(
            "DeepSpeed checks at import which of its optional kernels (async_io, sparse_attn) "
            "could be built here. Only a run that uses those kernels needs them."
        ),
        needles=(" requires ",),
    ),
    KnownMessage(
        code="deepspeed-no-hostfile",
        pattern=re.compile(r"Unable to find hostfile, will proceed with training with local"),
        kind="warning",
        benign=True,
        explanation=(
            "The deepspeed launcher looks for a hostfile listing the machines of a multi-node "
            "job; with none it uses this machine's GPUs, which is what a single-node run wants."
        ),
        needles=("Unable to find hostfile",),
    ),
    KnownMessage(
        code="deepspeed-trace-cache",
        pattern=re.compile(r"Invalidate trace cache @ step \d+: expected module \d+, but got"),
        kind="warning",
        benign=True,
        explanation=(
            "ZeRO-3 records the order in which modules run, to prefetch their parameters. When "
            "the order changes (evaluation, generation, a checkpoint save, a frozen branch), it "
            "drops the record and gathers on demand for a step. Training is unaffected."
        ),
        needles=("Invalidate trace cache",),
    ),
    KnownMessage(
        code="cuda-init-failed",
        pattern=re.compile(
            r"CUDA initialization: Unexpected error from cudaGetDeviceCount"
            r"|CUDA initialization: The NVIDIA driver on your system is too old"
            r"|Found no NVIDIA driver on your system"
        ),
        kind="warning",
        benign=False,
        explanation="CUDA failed to initialise: torch sees no GPU and the run uses the CPU.",
        needles=("CUDA initialization", "Found no NVIDIA"),
    ),
    KnownMessage(
        code="gpu-fallback",
        # torch7's cutorch ("package cunn not found! ... Falling back on CPU mode") and
        # torchreid's "Currently using CPU (GPU is highly recommended)": the script's own
        # fallback when no GPU can be used
        pattern=re.compile(
            r"^\s*Falling back on CPU mode\b|Currently using CPU \(GPU is highly recommended\)"
        ),
        kind="warning",
        benign=False,
        explanation="The script found no usable GPU and carried on with the CPU.",
        needles=("Falling back on CPU", "Currently using CPU"),
    ),
    KnownMessage(
        code="gpu-unused",
        pattern=re.compile(r"GPU available: True(?: \(\w+\))?, used: False"),
        kind="warning",
        benign=False,
        explanation="Lightning found a GPU and the Trainer was not told to use it.",
        needles=("GPU available: True",),
    ),
    KnownMessage(
        code="cuda-oom",
        # Marian's GPU allocator: "Error: out of memory - .../src/tensors/gpu/device.cu:30"
        pattern=re.compile(
            r"(CUDA out of memory|OutOfMemoryError|Error: out of memory - \S*gpu/device\.cu)"
        ),
        kind="oom",
        benign=False,
        explanation="The GPU ran out of memory.",
        needles=("CUDA out of memory", "OutOfMemoryError", "Error: out of memory"),
    ),
    KnownMessage(
        code="cuda-error",
        pattern=re.compile(
            # llm.c's checks print "[CUDA ERROR]", "[cuBLAS ERROR]: 13 ...", "[cuDNN ERROR]"
            r"(CUDA error|\[(?:CUDA|cuBLAS|cuBLASLt|cuDNN) ERROR\]|cudaError\w+|CUBLAS_STATUS_\w+"
            r"|CUDNN_STATUS_\w+"
            r"|illegal memory access|device-side assert)"
        ),
        kind="crash",
        benign=False,
        explanation="A CUDA call failed; the process cannot continue.",
        needles=(
            "CUDA error",
            "CUDA ERROR",
            "cuBLAS ERROR",
            "cuBLASLt ERROR",
            "cuDNN ERROR",
            "cudaError",
            "_STATUS_",
            "illegal memory access",
            "device-side assert",
        ),
    ),
    KnownMessage(
        code="nccl-error",
        pattern=re.compile(
            r"(NCCL error|nccl\w*Error|Watchdog caught collective operati"
            r"|ProcessGroupNCCL.*[Tt]imeout|NCCL communicator was aborted)"
        ),
        kind="crash",
        benign=False,
        explanation="A collective operation between GPUs failed or timed out.",
        needles=("NCCL", "nccl", "Watchdog caught"),
    ),
    KnownMessage(
        code="scheduler-kill",
        pattern=re.compile(
            r"(CANCELLED AT \S+ DUE TO (TIME LIMIT|PREEMPTION|NODE FAILURE)"
            r"|slurmstepd: error: .*(CANCELLED|oom-kill|Exceeded job memory)"
            r"|DUE TO TIME LIMIT)"
        ),
        kind="crash",
        benign=False,
        explanation="The job scheduler stopped the job.",
        needles=("CANCELLED", "slurmstepd", "DUE TO TIME LIMIT"),
    ),
    KnownMessage(
        code="killed",
        pattern=re.compile(
            r"^(\S+: line \d+: +\d+ )?Killed\b|exitcode\s*:\s*-9\b|signal 9 \(SIGKILL\)"
        ),
        kind="crash",
        benign=False,
        explanation="The process was killed (often by the kernel's out-of-memory killer).",
        needles=("Killed", "exitcode", "signal 9"),
    ),
    KnownMessage(
        code="launcher-signal",
        # DeepSpeed's launcher on Ctrl-C or a kill: "[launch.py:328:sigkill_handler] Main
        # process received SIGINT, exiting"; torchrun's "Received 15 death signal, shutting
        # down workers"
        pattern=re.compile(
            r"Main process received SIG(?:INT|TERM|HUP|KILL), exiting"
            r"|Received (?:\d{1,2}|Signals\.SIG[A-Z]{2,6}) death signal"
        ),
        kind="crash",
        benign=False,
        explanation="The launcher received a signal and stopped its workers (Ctrl-C, a kill, "
        "or a scheduler's stop).",
        needles=("Main process received SIG", "death signal"),
    ),
    KnownMessage(
        code="native-abort",
        pattern=re.compile(
            r"(: Assertion `[^'\n]{0,500}' failed\.|\bAborted\s+\(core dumped\)"
            r"|\bSegmentation fault\b|\bBus error\s+\(core dumped\))"
        ),
        kind="crash",
        benign=False,
        explanation="Native code (a C/C++/CUDA program such as llm.c) failed an assertion or "
        "crashed, and the process aborted.",
        needles=("Assertion", "Aborted", "Segmentation", "Bus error"),
    ),
    KnownMessage(
        code="child-failed",
        pattern=re.compile(r"ChildFailedError|failed \(exitcode: -?\d+\)"),
        kind="crash",
        benign=False,
        explanation="A worker process of the distributed launcher failed.",
        needles=("ChildFailedError", "failed (exitcode"),
    ),
    KnownMessage(
        code="traceback",
        pattern=re.compile(
            # indented too: a log pasted as a markdown list item keeps its indentation
            # and IPython's, which names the exception first ("ValueError   Traceback (...")
            r"^\s*(\[(default|rank)\d+\]:\s*)?([\w.]*(Error|Exception|Interrupt)\s+)?"
            r"Traceback \(most recent call last\)"
        ),
        kind="crash",
        benign=False,
        explanation="A Python exception was raised (its last line names it).",
        needles=("Traceback (most recent call last)",),
    ),
    KnownMessage(
        code="training-completed",
        # torchtitan's "Training completed", the HF Trainer's "Training completed. Do not
        # forget to share your model ..."; a line of its own (prose mentioning it is not)
        pattern=re.compile(
            r"^(?:.* - (?:INFO|root - INFO) - )?(?:\[\w+\]:\s*)?"
            r"(?:Training (?:is )?(?:completed|complete|finished)|Finished training)\b",
        ),
        kind="finished",
        benign=False,
        explanation="The training loop reported that it finished.",
        needles=("Training", "training"),
    ),
    KnownMessage(
        # the run stopped itself when its validation stopped improving: Keras' "Epoch 00018:
        # early stopping" and "Restoring model weights from the end of the best epoch: 15.",
        # Lightning's "Monitored metric val_loss did not improve in the last 5 records", the
        # EarlyStopping class of Time-Series-Library and its descendants ("Early stopping")
        code="early-stopping",
        pattern=re.compile(
            r"^(?:.* - INFO - )?Early stopping(?: triggered)?\b"
            r"|^Epoch \d{1,9}: early stopping\s*$"
            r"|^Restoring model weights from the end of the best epoch"
            r"|Monitored metric \S+ did not improve in the last \d+ records\."
        ),
        kind="finished",
        benign=False,
        explanation="Early stopping ended the run when its validation stopped improving.",
        needles=("arly stopping", "Restoring model weights", "did not improve in the last"),
    ),
    KnownMessage(
        code="interrupted",
        pattern=re.compile(r"^(\[(default|rank)\d+\]:\s*)?KeyboardInterrupt\b"),
        kind="crash",
        benign=False,
        explanation="The run was stopped by hand (Ctrl-C) before it finished.",
        needles=("KeyboardInterrupt",),
    ),
    KnownMessage(
        code="argument-error",
        # argparse's exit (status 2) before anything runs: "base_train.py: error:
        # unrecognized arguments: --models base"
        pattern=re.compile(
            r"^[\w.-]{1,100}: error: (?:unrecognized arguments|the following arguments are "
            r"required|argument -)"
        ),
        kind="crash",
        benign=False,
        explanation="The script rejected its command line and exited before training: the "
        "launch command passes an argument the script does not take, or omits one it needs.",
        needles=(": error: ",),
    ),
    KnownMessage(
        # torchvision's detection references, DETR, DeiT, MAE: print, then sys.exit(1);
        # detectron2's anomaly check raises FloatingPointError (before python-exception,
        # which would otherwise take it)
        code="nonfinite-loss-exit",
        pattern=re.compile(
            r"Loss is (?:nan|inf|-inf), stopping training"
            r"|FloatingPointError: Loss became infinite or NaN at iteration=\d"
        ),
        kind="nan",
        benign=False,
        explanation="The loss was not finite and the script stopped training.",
        needles=("stopping training", "Loss became infinite or NaN"),
    ),
    KnownMessage(
        # an excepthook that logs the exception at CRITICAL level (OLMo's "Uncaught
        # OLMoThreadError: generator thread data thread 3 failed")
        code="uncaught-exception",
        pattern=re.compile(r"\bCRITICAL\b.{0,200}\b(?:Uncaught|UNCAUGHT|uncaught) [A-Za-z_]\w*: "),
        kind="crash",
        benign=False,
        explanation="An uncaught Python exception ended the process (its handler logged it).",
        needles=("ncaught", "NCAUGHT"),
    ),
    KnownMessage(
        # keithito/tacotron and the Tacotron forks built on it: the training loop's own
        # "Exiting due to exception: Loss Exploded" after it catches an exception
        code="exit-on-exception",
        pattern=re.compile(r"^Exiting due to exception: \S"),
        kind="crash",
        benign=False,
        explanation="The training script caught an exception and exited.",
        needles=("Exiting due to exception",),
    ),
    KnownMessage(
        code="python-exception",
        pattern=re.compile(
            r"^(\[(default|rank)\d+\]:\s*)?([A-Za-z_][\w]*\.)*[A-Z]\w*(Error|Exception)(:|$)"
        ),
        kind="crash",
        benign=False,
        explanation="An uncaught Python exception ended the process.",
        needles=("Error", "Exception"),
    ),
    KnownMessage(
        code="dynamo-suppressed-error",
        pattern=re.compile(
            r"(torch\._dynamo|dynamo).*(suppress_errors|falling back to eager)", re.I
        ),
        kind="warning",
        benign=False,
        explanation="torch.compile failed and the model silently runs eagerly.",
        needles=("dynamo",),
    ),
    KnownMessage(
        # a guard that caught a non-finite gradient and skipped the update: the weights stay
        # finite (a scaler's overflow, a script's own check), so the loss has not diverged
        code="nan-update-skipped",
        pattern=re.compile(
            r"\b(nan|inf)\b.{0,80}\bskipp(ing|ed)\b.{0,20}\b(update|step|batch)", re.I
        ),
        kind="warning",
        benign=False,
        explanation="A non-finite gradient was caught and that update skipped.",
        needles=("skipp",),
    ),
    KnownMessage(
        code="nan-detected",
        pattern=re.compile(r"\b(nan|inf) (loss|detected|values?)\b", re.I),
        kind="nan",
        benign=False,
        explanation="Non-finite values appeared in training.",
        needles=("nan ", "inf "),
    ),
    KnownMessage(
        # transformers, when a causal-LM head is built on an encoder config (BERT, RoBERTa, ...)
        code="causal-lm-not-decoder",
        pattern=re.compile(r"If you want to use `(\w+)` as a standalone, add `is_decoder=True"),
        kind="warning",
        benign=False,
        explanation=(
            "A causal-LM head on an encoder whose config lacks is_decoder=True: its attention "
            "stays bidirectional, so each position sees the token it is trained to predict."
        ),
        needles=("is_decoder=True",),
    ),
    KnownMessage(
        code="dataloader-workers",
        pattern=re.compile(
            r"This DataLoader will create \d+ worker processes in total\. Our suggested max"
        ),
        kind="warning",
        benign=True,
        explanation=(
            "The DataLoader starts more worker processes than the CPUs this process may use. "
            "What it loads is the same; if the step time shows the GPU waiting for data, set "
            "num_workers to the suggested number."
        ),
        needles=("worker processes in total",),
    ),
    KnownMessage(
        code="scheduler-before-optimizer",
        pattern=re.compile(
            r"Detected call of `lr_scheduler\.step\(\)` before `optimizer\.step\(\)`"
        ),
        kind="warning",
        benign=True,
        explanation=(
            "The scheduler stepped before the first optimizer step, so the schedule's first "
            "value is skipped: one step of the schedule, not the run. AMP prints it too when "
            "the GradScaler skips an overflowing first step."
        ),
        needles=("lr_scheduler.step()",),
    ),
    KnownMessage(
        code="backbone-classifier-unused",
        pattern=re.compile(
            r"^unexpected key in source state_dict: fc\.weight, fc\.bias\s*$"
            r"|\bShape of head\.cls_preds\.\d+\.(?:weight|bias) in checkpoint is torch\.Size"
        ),
        kind="warning",
        benign=True,
        explanation=(
            "The checkpoint's classifier does not fit this model: an ImageNet backbone's fc "
            "layer a detector does not use (MMDetection), or a COCO class head replaced for "
            "this dataset's classes (YOLOX). Expected when starting from pretrained weights."
        ),
        needles=("fc.weight, fc.bias", "head.cls_preds."),
    ),
    KnownMessage(
        code="megatron-fresh-start",
        pattern=re.compile(
            r"could not find the metadata file \S*latest_checkpointed_iteration\.txt"
            r"|will not load any checkpoints and will start from random"
        ),
        kind="warning",
        benign=True,
        explanation=(
            "Megatron found no checkpoint under --load and starts from random weights: the "
            "normal start of a new run. For a run meant to resume, check the --load path."
        ),
        needles=("latest_checkpointed_iteration", "will start from random"),
    ),
    KnownMessage(
        code="nnpack-unsupported",
        pattern=re.compile(r"Could not initialize NNPACK! Reason: Unsupported hardware"),
        kind="warning",
        benign=True,
        explanation=(
            "NNPACK, a CPU convolution library, does not support this CPU; PyTorch uses its "
            "other CPU kernels. A training on the GPU never calls it."
        ),
        needles=("NNPACK",),
    ),
    KnownMessage(
        code="barrier-device-unknown",
        pattern=re.compile(
            r"to perform barrier as devices used by this process are currently unknown"
        ),
        kind="warning",
        benign=True,
        explanation=(
            "torch.distributed guesses each rank's GPU for a barrier before the first "
            "collective; with one GPU per rank the guess is right, and a run that goes on "
            "past it was not hung by it."
        ),
        needles=("perform barrier",),
    ),
    KnownMessage(
        code="rnn-dropout-one-layer",
        pattern=re.compile(
            r"dropout option adds dropout after all but last recurrent layer, so non-zero "
            r"dropout expects num_layers greater than 1"
        ),
        kind="warning",
        benign=True,
        explanation=(
            "A one-layer RNN has no layer between recurrent layers to drop out: its dropout "
            "argument does nothing. Training is unaffected; for regularisation put an "
            "nn.Dropout on its output."
        ),
        needles=("dropout after all but last",),
    ),
    KnownMessage(
        code="keras-input-shape",
        pattern=re.compile(r"Do not pass an `input_shape`/`input_dim` argument to a layer"),
        kind="warning",
        benign=True,
        explanation=(
            "Keras 3 prefers an Input layer to input_shape on the first layer; the model it "
            "builds is the same."
        ),
        needles=("input_shape",),
    ),
    KnownMessage(
        code="colab-secret-missing",
        pattern=re.compile(r"The secret `\w+` does not exist in your Colab secrets"),
        kind="warning",
        benign=True,
        explanation=(
            "The notebook asked Colab for a Hub token it does not hold; public models and "
            "datasets download without one."
        ),
        needles=("Colab secrets",),
    ),
    KnownMessage(
        code="lightning-max-epochs-default",
        pattern=re.compile(r"`max_epochs` was not set\. Setting it to \d+ epochs"),
        kind="warning",
        benign=True,
        explanation=(
            "Lightning's Trainer got neither max_epochs nor max_steps and stops after 1,000 "
            "epochs unless a callback stops it first. The run is the same until then."
        ),
        needles=("max_epochs",),
    ),
    KnownMessage(
        code="dynamo-untraceable-builtin",
        pattern=re.compile(r"Dynamo does not know how to trace the builtin"),
        kind="warning",
        benign=True,
        explanation=(
            "torch.compile met a C++ builtin it cannot trace and runs it eagerly (a graph "
            "break). The result is the same; a break inside the training step can cost speed, "
            "which the step times show."
        ),
        needles=("Dynamo does not know",),
    ),
    KnownMessage(
        code="tf-collection-serialize",
        pattern=re.compile(
            r"WARNING:tensorflow:Error encountered when serializing \w+"
            r"|is not in all_model_checkpoint_paths\. Manually adding it"
        ),
        kind="warning",
        benign=True,
        explanation=(
            "TensorFlow 1's checkpoint writer: a graph collection it cannot write into the "
            "meta-graph is left out, or a checkpoint missing from its index is added. The "
            "weights are saved either way."
        ),
        needles=("Error encountered when serializing", "all_model_checkpoint_paths"),
    ),
    KnownMessage(
        code="paddle-device-note",
        pattern=re.compile(r"Please NOTE: device: \d+, GPU Compute Capability: [\d.]+"),
        kind="warning",
        benign=True,
        explanation=(
            "PaddlePaddle prints the GPU's compute capability and CUDA versions at start-up "
            "as a glog warning; it is information."
        ),
        needles=("Please NOTE: device",),
    ),
    KnownMessage(
        code="wandb-image-sizes",
        pattern=re.compile(r"Images sizes do not match\. This will causes? images to be"),
        kind="warning",
        benign=True,
        explanation=(
            "W&B logged images of different sizes together; only their display in its UI is "
            "affected."
        ),
        needles=("Images sizes do not match",),
    ),
    KnownMessage(
        code="topk-above-classes",
        pattern=re.compile(r"The output dims\(\d+\) is less than k\(\d+\), so the Top-\d+ metric"),
        kind="warning",
        benign=True,
        explanation=(
            "PaddleClas reports a top-k accuracy with k above the number of classes, so it is "
            "always 1. Only that metric is meaningless; the training is not affected."
        ),
        needles=("is less than k(",),
    ),
    KnownMessage(
        code="duplicate-parameters",
        pattern=re.compile(r"optimizer contains a parameter group with duplicate parameters"),
        kind="warning",
        benign=True,
        explanation=(
            "A parameter is listed twice in an optimizer's group; PyTorch steps it once. "
            "Later releases will raise an error for it: de-duplicate the list."
        ),
        needles=("duplicate parameters",),
    ),
    KnownMessage(
        code="maskrcnn-images-per-gpu",
        pattern=re.compile(r"When using more than one image per GPU you may encounter an out-of"),
        kind="warning",
        benign=True,
        explanation=(
            "maskrcnn-benchmark's reminder, printed whenever a GPU gets more than one image: "
            "an out-of-memory error is possible, not one that happened."
        ),
        needles=("more than one image per GPU",),
    ),
    KnownMessage(
        code="fairseq-fp16-unsupported",
        pattern=re.compile(r"your device does NOT support faster training with --fp16"),
        kind="warning",
        benign=True,
        explanation=(
            "The GPU has no fast float16 arithmetic (before Volta); fp16 training runs, not "
            "faster than fp32. Its speed, not its result, is affected."
        ),
        needles=("does NOT support faster training",),
    ),
    KnownMessage(
        code="fairseq-skipped-long-samples",
        pattern=re.compile(r"samples have invalid sizes and will be skipped, max_positions="),
        kind="warning",
        benign=True,
        explanation=(
            "fairseq leaves out the examples longer than the model's max_positions; the rest "
            "train as usual. Raise max_positions if many are skipped."
        ),
        needles=("invalid sizes",),
    ),
    KnownMessage(
        code="ptxas-register-spill",
        pattern=re.compile(r"ptxas warning : Registers are spilled to local memory"),
        kind="warning",
        benign=True,
        explanation=(
            "The CUDA compiler moved some of a generated kernel's registers to local memory; "
            "that kernel may be a little slower, its results are the same."
        ),
        needles=("Registers are spilled",),
    ),
    KnownMessage(
        # after every specific message: a deprecation the table does not name
        code="deprecation",
        pattern=re.compile(
            r"\b(?:Future|(?:Visible|Pending)?Deprecation)Warning\b"
            r"|UserWarning: .*\b(?:is (?:now )?deprecated|being deprecated|will be retired)"
            r"|UserWarning: torch\.meshgrid: in an upcoming release"
            # c10's "Warning: Environment variable NCCL_ASYNC_ERROR_HANDLING is deprecated";
            # TensorFlow 1's "The name tf.Session is deprecated", "... is deprecated and will be
            # removed in a future version"
            r"|Warning: Environment variable \w+ is deprecated"
            r"|WARNING:tensorflow:.*\bis deprecated\b"
        ),
        kind="warning",
        benign=True,
        explanation=(
            "A FutureWarning or DeprecationWarning: an API the script or a library calls will "
            "change in a later release. It does not change what this run computes."
        ),
        needles=("Warning", "WARNING:tensorflow"),
    ),
)


# torch's logging prefix ("W1118 21:04:37.512000 48213 torch/_inductor/utils.py:1250] [0/0] ")
# and Python's warnings prefix ("/path/train.py:196: FutureWarning: ")
_PREFIXES = re.compile(
    r"^(\[rank\d+\]:)?([WEIDC]\d{4} [\d:.]+ \d+ \S+\] (\[[^\]]*\] )?"
    r"|\S+\.py:\d+: \w*Warning: )"
)


def strip_prefix(text: str) -> str:
    """The message itself, without logger or warnings-module prefixes."""
    return _PREFIXES.sub("", text, count=1)


# a message is recognised in the first and last KiB of its line: a message starts a line,
# or follows a logger's prefix or a progress bar's redraws at its end, and every search
# costs at most 2 KiB however long the line is (8 KiB of digits cost 0.66 ms to scan whole)
MESSAGE_EDGE = 1 << 10


# what a line carries before its message: Ray's or SkyPilot's process tag ("(en-hi-spot,
# pid=18593) ") and a progress bar no newline ended (" 19%|█▉  | 3237/16700 [3:34:12<38:35:22,
# 10.32s/it]Traceback ..."); `LINE_LEAD_BYTES` for the sniffs that read raw bytes
PROGRESS_BAR = r"\d{1,3}%\|[^|\n]{0,200}\|"  # " 19%|█▉  |": the percentage and the bar
LINE_LEAD = (
    r"(?:\([^()\n]{0,80}\bpid=\d+[^()\n]{0,60}\)[ \t]*)?"
    rf"(?:[^|\n]{{0,40}}{PROGRESS_BAR}[^\[\n]{{0,40}}\[[^\]\n]{{0,80}}\])?"
)
LINE_LEAD_BYTES = LINE_LEAD.encode()
_LEAD = re.compile(LINE_LEAD)
# the task number srun --label puts before each line of a task's output: " 94: "
_TASK_LABEL = re.compile(r" {0,6}\d{1,6}: (?=\S)")
_TASK_LABEL_START = frozenset(" 0123456789")
# a bar's position: " 19%|█▉  | 9/171 [" is 9 of 171
BAR_POSITION = re.compile(PROGRESS_BAR + r"\s*(\d{1,12})/(\d{1,12})\s*\[")


def bar_position(text: str) -> tuple[int, int] | None:
    """The iteration and total of the progress bar a line still carries ("3237/16700")."""
    found = BAR_POSITION.search(text)
    return (int(found.group(1)), int(found.group(2))) if found else None


def without_lead(text: str) -> str:
    """A line without what comes before its message: a process tag, a progress bar, srun's
    task label."""
    if "pid=" in text or "%|" in text:
        text = text[_LEAD.match(text).end() :]  # type: ignore[union-attr]  # always matches
    if text[:1] in _TASK_LABEL_START and ": " in text[:14] and (label := _TASK_LABEL.match(text)):
        text = text[label.end() :]
    return text


def message_text(text: str) -> str:
    """The part of a line a message is looked for in: all of it, or its two edges, without
    a process tag or progress bar before the message."""
    text = without_lead(text)
    if len(text) <= 2 * MESSAGE_EDGE:
        return text
    return text[:MESSAGE_EDGE] + "\n" + text[-MESSAGE_EDGE:]


# (message, its needles, whether they are matched against the lower-cased line), built once
_SEARCHES = tuple((m, m.needles, bool(m.pattern.flags & re.IGNORECASE)) for m in KNOWN_MESSAGES)


def classify(text: str) -> KnownMessage | None:
    text = message_text(text)
    lower: str | None = None
    for message, needles, ignore_case in _SEARCHES:
        if ignore_case:
            lower = text.lower() if lower is None else lower
            hay = lower
        else:
            hay = text
        for needle in needles:
            if needle in hay:
                break
        else:
            continue  # none of its words: the pattern cannot match
        if message.pattern.search(text):
            return message
    return None


def find_message(code: str) -> KnownMessage | None:
    return next((m for m in KNOWN_MESSAGES if m.code == code), None)


_WARNING = re.compile(r"(Warning|WARNING|warn\(|^W\d{4} )")
_ERROR = re.compile(r"(Error|ERROR|^E\d{4} |Exception)")


def line_kind(text: str, known: KnownMessage | None = None) -> str | None:
    """warning, error, a known message's kind, or None for plain text."""
    if known is not None:
        return known.kind
    text = message_text(text)
    # each search behind the substring tests it needs: a long line costs a few of them
    if ("rror" in text or "ERROR" in text or "Exception" in text or text[:1] == "E") and (
        _ERROR.search(text)
    ):
        return "error"
    if ("arn" in text or "WARNING" in text or text[:1] == "W") and _WARNING.search(text):
        return "warning"
    return None


@functools.lru_cache(maxsize=512)  # logs repeat their messages (a checkpoint saved 24,000 times)
def _recognised(text: str) -> tuple[KnownMessage | None, str | None]:
    """`classify` and `line_kind` of a line."""
    known = classify(text)
    return known, line_kind(text, known)


def make_event(
    line: int,
    text: str,
    step: int | None,
    kind: str | None = None,
    plain: str | None = "unknown",
) -> Event | None:
    """An event for a log line every parser shares: classified, trimmed, with its step.

    `kind` forces the kind; otherwise a known message, an error or a warning is recognised,
    and any other line gets the kind `plain` (None: not an event at all).
    """
    known, found = _recognised(text)
    kind = kind or found or plain
    if kind is None:
        return None
    if "\x1b" in text:
        text = ANSI.sub("", text)  # a terminal's colours are not the message
    return Event(
        line=line, kind=kind, text=text.strip()[:500], step=step, code=known.code if known else None
    )
