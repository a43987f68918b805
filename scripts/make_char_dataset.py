#!/usr/bin/env python3
"""Build a character-level dataset in nanoGPT's format from local text files.

Writes, into --out-dir:
  train.bin  uint16 token ids of the first 90% of the characters
  val.bin    uint16 token ids of the last 10%
  meta.pkl   {'vocab_size': int, 'itos': {int: str}, 'stoi': {str: int}}

This is the same on-disk layout that nanoGPT's data/shakespeare_char/prepare.py
produces (sorted set of characters -> ids, 90/10 split by position), but the text
comes from files already on this machine, so no download is needed.

Example:
  python scripts/make_char_dataset.py --out-dir /tmp/nanogpt/data/stdlib_char \\
      --glob '/usr/lib/python3.11/*.py'
  python scripts/make_char_dataset.py --out-dir /tmp/nanogpt/data/tiny_char \\
      --file /usr/share/common-licenses/GPL-3 --max-chars 20000
"""

import argparse
import glob
import hashlib
import os
import pickle
import sys

import numpy as np


def collect(files, globs, max_chars, ascii_only):
    paths = list(files)
    for pattern in globs:
        paths.extend(sorted(glob.glob(pattern, recursive=True)))
    if not paths:
        sys.exit("no input files given or matched")
    parts = []
    total = 0
    for p in paths:
        if not os.path.isfile(p):
            continue
        with open(p, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if ascii_only:
            text = "".join(c for c in text if c == "\n" or c == "\t" or 32 <= ord(c) < 127)
        parts.append(text)
        total += len(text)
        if max_chars and total >= max_chars:
            break
    data = "".join(parts)
    if max_chars:
        data = data[:max_chars]
    return data, len(parts)


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--out-dir", required=True, help="e.g. <nanogpt>/data/<name>")
    ap.add_argument("--file", action="append", default=[], help="input file (repeatable)")
    ap.add_argument(
        "--glob", action="append", default=[], help="glob of input files, sorted (repeatable)"
    )
    ap.add_argument(
        "--max-chars", type=int, default=0, help="keep only the first N characters (0 = all)"
    )
    ap.add_argument(
        "--ascii-only", action="store_true", help="drop characters outside printable ASCII/\\n/\\t"
    )
    args = ap.parse_args()

    data, nfiles = collect(args.file, args.glob, args.max_chars, args.ascii_only)
    print(f"read {nfiles} files")
    print(f"length of dataset in characters: {len(data):,}")
    print(f"sha256 of text: {hashlib.sha256(data.encode('utf-8')).hexdigest()}")

    chars = sorted(list(set(data)))
    vocab_size = len(chars)
    if vocab_size > 65535:
        sys.exit("vocab does not fit in uint16")
    print(f"vocab size: {vocab_size:,}")
    stoi = {ch: i for i, ch in enumerate(chars)}
    itos = {i: ch for i, ch in enumerate(chars)}

    n = len(data)
    train_data = data[: int(n * 0.9)]
    val_data = data[int(n * 0.9) :]
    train_ids = np.array([stoi[c] for c in train_data], dtype=np.uint16)
    val_ids = np.array([stoi[c] for c in val_data], dtype=np.uint16)
    print(f"train has {len(train_ids):,} tokens")
    print(f"val has {len(val_ids):,} tokens")

    os.makedirs(args.out_dir, exist_ok=True)
    train_ids.tofile(os.path.join(args.out_dir, "train.bin"))
    val_ids.tofile(os.path.join(args.out_dir, "val.bin"))
    with open(os.path.join(args.out_dir, "meta.pkl"), "wb") as f:
        pickle.dump({"vocab_size": vocab_size, "itos": itos, "stoi": stoi}, f)


if __name__ == "__main__":
    main()
