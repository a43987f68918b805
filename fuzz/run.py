"""Mutation fuzzer for capdiag: byte and line mutations of every sample log, config and run
folder, each case run through the in-process API (`fuzz/target.py`) in a worker process
with a memory limit and a time limit.

    python fuzz/run.py --minutes 30            # a long run; CI runs --seconds 60
    python fuzz/run.py --replay fuzz/crashes/crash-1a2b3c4d   # one saved case, traceback shown

A crash is any exception other than capdiag's input error (or a report whose JSON breaks the
schema); a hang is a case past --timeout seconds; a worker killed by its memory limit counts
as a crash. Each new (kind, exception, innermost capdiag frame) is saved with its
reproducer under --out (the case's files, `case.json`, `traceback.txt`). Exit 1 when any
crash or hang was found.
"""

from __future__ import annotations

import argparse
import contextlib
import faulthandler
import hashlib
import json
import multiprocessing as mp
import random
import re
import resource
import shutil
import sys
import tempfile
import time
import traceback
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from capdiag.parsers import FORMAT_MODULES

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fuzz"))
SEED_ROOTS = [
    ROOT / "tests" / "data",
    ROOT / "examples",
    ROOT.parent / "shared" / "data",
    ROOT / "bench" / "corpus",  # read only: copied before mutation
]
SEED_LOG = ROOT / "examples" / "logs" / "seed_gpt2_fineweb_rtx4070.log"
MAX_SEED_BYTES = 4 << 20
MAX_FOLDER_BYTES = 8 << 20
MAX_FOLDER_FILES = 60
SKIP_SUFFIXES = {".md", ".txt.gz", ".png", ".pdf"}
FORMATS = list(FORMAT_MODULES)
GPUS = ["RTX 4070", "A100 SXM 80GB", "H100 SXM", "T4", "not a gpu"]
INTERESTING = [
    b"nan",
    b"NaN",
    b"inf",
    b"-inf",
    b"Infinity",
    b"0",
    b"-0",
    b"-1",
    b"0.0",
    b"1e400",
    b"-1e400",
    b"1e-400",
    b"1e-320",  # subnormal: its reciprocal is inf
    b"1e308",
    b"9" * 25,
    b"9" * 5000,
    b"18446744073709551616",
    b"-9223372036854775809",
    b"0x10",
    b"1_000",
    b"",
    b"-",
    b".",
    b"1,2",
    b"[red]x[/red]",
    b"\x00",
    b"\xff\xfe",
    b"\n",
    b"%",
    b"::error::",
]
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


# ---- seeds and cases --------------------------------------------------------------------


def find_seeds() -> list[Path]:
    seeds = []
    for root in SEED_ROOTS:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if (
                path.is_file()
                and not path.is_symlink()
                and path.suffix not in SKIP_SUFFIXES
                and path.name not in ("PROVENANCE.md", "SOURCES.md", "label.yaml", "label.json")
                and 0 < path.stat().st_size <= MAX_SEED_BYTES
                and "sarif-schema" not in path.name
            ):
                seeds.append(path)
    return seeds


# a repeated line adds at most this much, and a case is cut at the larger bound (above
# capdiag's 256 MiB trainer_state.json cap, so that path is still reached)
MAX_GROWTH_BYTES = 64 << 20
MAX_CASE_BYTES = 300 << 20


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def mutate_lines(data: bytes, rng: random.Random, other: bytes) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    op = rng.randrange(11)
    if op == 10:  # every number in the file becomes the same awkward one
        value = rng.choice(INTERESTING)
        return _NUMBER.sub(lambda _: value, data)
    if op == 0:
        del lines[i]
    elif op == 1:
        times = min(rng.choice([1, 2, 50, 2000]), max(1, MAX_GROWTH_BYTES // len(lines[i] or b"x")))
        lines.insert(i, lines[i] * times)
    elif op == 2:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 3:
        lines = lines[: rng.randrange(len(lines) + 1)]  # a killed run
    elif op == 4:
        donor = _lines(other)
        k = rng.randrange(len(donor))
        lines[i:i] = donor[k : k + rng.randint(1, 20)]
    elif op == 5:
        rng.shuffle(lines)
    elif op == 6:
        lines.insert(i, rng.choice([b"x" * 1_000_000, b"9" * 100_000]) + b"\n")
    elif op == 7:
        return data + other  # two runs in one log
    else:  # a number in this line becomes an awkward one
        found = list(_NUMBER.finditer(lines[i])) or list(_NUMBER.finditer(data[:100_000]))
        if found:
            m = rng.choice(found)
            if m.string is lines[i]:
                lines[i] = lines[i][: m.start()] + rng.choice(INTERESTING) + lines[i][m.end() :]
            else:
                cut = m.start()
                return data[:cut] + rng.choice(INTERESTING) + data[m.end() :]
    return b"".join(lines)


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    if not buf:
        return bytes(rng.choice(INTERESTING))
    i = rng.randrange(len(buf))
    op = rng.randrange(6)
    if op == 0:
        buf[i] ^= 1 << rng.randrange(8)
    elif op == 1:
        buf[i:i] = rng.randbytes(rng.randint(1, 16))
    elif op == 2:
        del buf[i : i + rng.randint(1, 64)]
    elif op == 3:
        buf[i:i] = rng.choice(INTERESTING)
    elif op == 4:
        del buf[i:]  # truncated
    else:
        j = rng.randrange(len(buf))
        buf[i:i] = buf[j : j + rng.randint(1, 256)]
    return bytes(buf)


def mutate(data: bytes, rng: random.Random, other: bytes) -> bytes:
    text_like = b"\x00" not in data[:4096]
    for _ in range(rng.choice([1, 1, 2, 3, 5])):
        if text_like and rng.random() < 0.7:
            data = mutate_lines(data, rng, other)
        else:
            data = mutate_bytes(data, rng)
        data = data[:MAX_CASE_BYTES]  # the harness's own memory: a case past this is cut
    return data


def _small_folder(folder: Path) -> bool:
    if folder in SEED_ROOTS or folder == ROOT or not folder.is_dir():
        return False
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files) <= MAX_FOLDER_FILES and sum(p.stat().st_size for p in files) <= (
        MAX_FOLDER_BYTES
    )


def make_case(seeds: list[Path], rng: random.Random, where: Path) -> dict[str, Any]:
    """Write one mutated case under `where`; return what to run (target, options, seed)."""
    seed = rng.choice(seeds)
    donor = rng.choice(seeds)
    data = mutate(seed.read_bytes(), rng, donor.read_bytes()[: 1 << 20])
    options: dict[str, Any] = {}
    if rng.random() < 0.2:
        options["log_format"] = rng.choice(FORMATS)
    if rng.random() < 0.3:
        options["gpu"] = rng.choice(GPUS)
    folder = rng.choice([seed.parent, seed.parent.parent])
    mode = rng.random()
    if seed.suffix in (".py", ".yaml", ".yml") and mode < 0.5:
        config = where / seed.name
        config.write_bytes(data)
        target = where / SEED_LOG.name
        shutil.copyfile(SEED_LOG, target)
        options["config_path"] = str(config)
    elif mode < 0.75 and _small_folder(folder):
        target = where / folder.name
        shutil.copytree(folder, target, symlinks=False)
        (target / seed.relative_to(folder)).write_bytes(data)
    else:
        target = where / seed.name
        target.write_bytes(data)
    return {"target": str(target), "options": options, "seed": str(seed.relative_to(ROOT.parent))}


# ---- workers ----------------------------------------------------------------------------


def signature(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "capdiag" in f.filename and "/fuzz/" not in f.filename]
    where = ours[-1] if ours else (frames[-1] if frames else None)
    place = f"{Path(where.filename).name}:{where.lineno} {where.name}" if where else "?"
    return f"{type(exc).__name__} at {place}"


def worker(conn: Connection, memory_bytes: int, timeout: float) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    from target import Rejected, check

    while True:
        message = conn.recv()
        if message is None:
            return
        case = message
        with open(Path(case["where"]) / "stack_at_timeout.txt", "w") as stack_file:
            faulthandler.dump_traceback_later(timeout * 0.9, file=stack_file)
            try:
                check(Path(case["target"]), dict(case["options"]))
                answer: tuple[str, str, str] = ("ok", "", "")
            except Rejected as exc:
                answer = ("rejected", str(exc)[:200], "")
            except BaseException as exc:
                answer = ("crash", signature(exc), traceback.format_exc())
            finally:
                faulthandler.cancel_dump_traceback_later()
        conn.send(answer)


class Slot:
    def __init__(self, index: int, scratch: Path, memory: int, timeout: float) -> None:
        self.where = scratch / f"slot{index}"
        self.memory, self.timeout = memory, timeout
        self.case: dict[str, Any] | None = None
        self.started = 0.0
        self.start()

    def start(self) -> None:
        ctx = mp.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=worker, args=(child, self.memory, self.timeout), daemon=True
        )
        self.process.start()

    def restart(self) -> None:
        self.process.kill()
        self.process.join()
        self.start()


def save(out: Path, kind: str, sig: str, case: dict[str, Any], detail: str) -> Path:
    digest = hashlib.sha1(f"{kind} {sig}".encode()).hexdigest()[:8]
    folder = out / f"{kind}-{digest}"
    if folder.exists():
        return folder
    shutil.copytree(case["where"], folder / "case")
    case_json = {
        **case,
        "kind": kind,
        "signature": sig,
        "target": str(Path(case["target"]).relative_to(case["where"])),
        "where": None,
    }
    options = dict(case["options"])
    if "config_path" in options:
        options["config_path"] = str(Path(options["config_path"]).relative_to(case["where"]))
    case_json["options"] = options
    (folder / "case.json").write_text(json.dumps(case_json, indent=2))
    (folder / "traceback.txt").write_text(detail)
    return folder


def fuzz(args: argparse.Namespace) -> int:
    seeds = find_seeds()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="capdiag-fuzz-"))
    memory = args.memory_mb << 20
    slots = [Slot(i, scratch, memory, args.timeout) for i in range(args.workers)]
    counts = {"ok": 0, "rejected": 0, "crash": 0, "hang": 0}
    found: dict[str, int] = {}
    start = time.monotonic()
    deadline = start + args.seconds
    last_print = start
    try:
        while time.monotonic() < deadline or any(s.case for s in slots):
            for slot in slots:
                if slot.case is None and time.monotonic() < deadline:
                    shutil.rmtree(slot.where, ignore_errors=True)
                    slot.where.mkdir(parents=True)
                    slot.case = {**make_case(seeds, rng, slot.where), "where": str(slot.where)}
                    slot.started = time.monotonic()
                    slot.conn.send(slot.case)
            busy = [s for s in slots if s.case]
            if not busy:
                break
            ready = wait([s.conn for s in busy], timeout=0.2)
            now = time.monotonic()
            for slot in busy:
                assert slot.case is not None
                kind, sig, detail = "", "", ""
                if slot.conn in ready:
                    try:
                        kind, sig, detail = slot.conn.recv()
                    except EOFError:
                        kind, sig = "crash", f"worker died (exit {slot.process.exitcode})"
                        slot.restart()
                elif now - slot.started > args.timeout:
                    kind, sig = "hang", f"over {args.timeout:g} s"
                    stack = Path(slot.case["where"]) / "stack_at_timeout.txt"
                    slot.restart()
                    detail = stack.read_text() if stack.exists() else ""
                    sig += " " + _hang_place(detail)
                elif not slot.process.is_alive():
                    kind, sig = "crash", f"worker died (exit {slot.process.exitcode})"
                    slot.restart()
                if not kind:
                    continue
                counts[kind] += 1
                if kind in ("crash", "hang"):
                    key = f"{kind}: {sig}"
                    if key not in found:
                        folder = save(args.out, kind, sig, slot.case, detail)
                        print(f"NEW {key}  -> {folder}", flush=True)
                    found[key] = found.get(key, 0) + 1
                slot.case = None
            if now - last_print > args.report_every:
                _progress(counts, found, now - start)
                last_print = now
    finally:
        for slot in slots:
            with contextlib.suppress(OSError):
                slot.conn.send(None)
            slot.process.join(timeout=2)
            if slot.process.is_alive():
                slot.process.kill()
        shutil.rmtree(scratch, ignore_errors=True)
    elapsed = time.monotonic() - start
    _progress(counts, found, elapsed)
    summary = {
        "seconds": round(elapsed, 1),
        "seeds": len(seeds),
        "cases": sum(counts.values()),
        **counts,
        "distinct": found,
    }
    if args.summary:
        args.summary.write_text(json.dumps(summary, indent=2))
    return 1 if counts["crash"] or counts["hang"] else 0


def _hang_place(stack: str) -> str:
    """The innermost capdiag frame of a faulthandler dump (most recent call first)."""
    for line in stack.splitlines():
        m = re.search(r'File "([^"]*capdiag[^"]*)", line (\d+) in (\w+)', line)
        if m and "/fuzz/" not in m.group(1):
            return f"at {Path(m.group(1)).name}:{m.group(2)} {m.group(3)}"
    return ""


def _progress(counts: dict[str, int], found: dict[str, int], elapsed: float) -> None:
    cases = sum(counts.values())
    print(
        f"[{elapsed / 60:5.1f} min] {cases} cases ({cases / max(elapsed, 1e-9):.1f}/s): "
        + ", ".join(f"{k} {v}" for k, v in counts.items())
        + f"; distinct crashes/hangs {len(found)}",
        flush=True,
    )


def replay(folder: Path) -> int:
    """Run one saved case in this process and show what happens."""
    from target import Rejected, check

    case = json.loads((folder / "case.json").read_text())
    options = dict(case["options"])
    if "config_path" in options:
        options["config_path"] = str(folder / "case" / options["config_path"])
    start = time.perf_counter()
    try:
        check(folder / "case" / case["target"], options)
        print(f"ok in {time.perf_counter() - start:.2f} s")
    except Rejected as exc:
        print(f"rejected in {time.perf_counter() - start:.2f} s: {exc}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--minutes", type=float, help="overrides --seconds")
    parser.add_argument("--workers", type=int, default=max(1, (mp.cpu_count() or 2) - 0))
    parser.add_argument("--timeout", type=float, default=10.0, help="per case, seconds")
    parser.add_argument("--memory-mb", type=int, default=2048, help="per worker")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    parser.add_argument("--out", type=Path, default=ROOT / "fuzz" / "crashes")
    parser.add_argument("--summary", type=Path, help="write the figures as JSON here")
    parser.add_argument("--report-every", type=float, default=60.0, help="seconds")
    parser.add_argument("--replay", type=Path, help="run one saved case and exit")
    args = parser.parse_args()
    if args.replay:
        return replay(args.replay)
    if args.minutes is not None:
        args.seconds = args.minutes * 60
    if args.seed is None:
        args.seed = int(time.time())
    print(f"fuzzing for {args.seconds:g} s, {args.workers} workers, seed {args.seed}", flush=True)
    return fuzz(args)


if __name__ == "__main__":
    sys.exit(main())
