"""Character-level text made here, for the real-run generators (no downloads).

Sentences are drawn from a small seeded word grammar, so the text has structure a tiny model
can learn (spelling, word order) and randomness it cannot (which word comes next).
"""

from __future__ import annotations

import random

SUBJECTS = [
    "the cat",
    "a dog",
    "my friend",
    "the old man",
    "a small bird",
    "the teacher",
    "our neighbour",
    "the river",
    "a child",
    "the farmer",
    "her brother",
    "the king",
]
VERBS = [
    "sees",
    "likes",
    "follows",
    "finds",
    "carries",
    "watches",
    "paints",
    "remembers",
    "visits",
    "builds",
    "answers",
    "calls",
]
OBJECTS = [
    "the red house",
    "a green apple",
    "the long road",
    "a quiet song",
    "the blue boat",
    "an empty box",
    "the tall tree",
    "a warm loaf",
    "the north wind",
    "a silver coin",
]
ENDINGS = [
    "today",
    "at night",
    "in the morning",
    "near the hill",
    "before dinner",
    "again",
    "with care",
    "in the rain",
    "by the sea",
    "every day",
]


def make_text(n_chars: int, seed: int) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < n_chars:
        sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        if rng.random() < 0.6:
            sentence += " " + rng.choice(ENDINGS)
        sentence = sentence[0].upper() + sentence[1:] + rng.choice([".", ".", "!", "?"]) + " "
        if rng.random() < 0.15:
            sentence += "\n"
        parts.append(sentence)
        size += len(sentence)
    return "".join(parts)[:n_chars]


def vocab(text: str) -> list[str]:
    return sorted(set(text))


def encode(text: str, chars: list[str]) -> list[int]:
    index = {c: i for i, c in enumerate(chars)}
    return [index[c] for c in text]


def blocks(ids: list[int], block: int, stride: int) -> list[list[int]]:
    return [ids[i : i + block] for i in range(0, len(ids) - block + 1, stride)]
