"""Asks written in German, French or Spanish against offers written in English.

    .venv/bin/python eval/matching/multilingual.py

For each ask, every offer of the set is ranked by cosine similarity; prints hit@1,
hit@5 and MRR per language and model (lexical fitted on all texts; semantic where its
weights are installed, ``mensch model install``).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from mensch.engine.matching import ModelUnavailableError, get_model

HERE = Path(__file__).resolve().parent


def main() -> None:
    pairs = [json.loads(line) for line in (HERE / "multilingual.jsonl").read_text().splitlines()]
    asks = [p["ask"] for p in pairs]
    offers = [p["offer"] for p in pairs]
    for name in ("lexical", "semantic"):
        try:
            model = get_model(name)
        except ModelUnavailableError as exc:
            print(f"{name}: unavailable ({exc})")
            continue
        model.fit(asks + offers)
        a, o = model.encode(asks), model.encode(offers)
        ranks = []
        for i, row in enumerate(a @ o.T):
            ranks.append(int((row > row[i]).sum()) + 1)
        ranks_arr = np.array(ranks)
        langs = sorted({p["lang"] for p in pairs})
        parts = []
        for lang in [*langs, "all"]:
            mask = np.array([lang in ("all", p["lang"]) for p in pairs])
            r = ranks_arr[mask]
            parts.append(
                f"{lang} (n={mask.sum()}): hit@1 {np.mean(r == 1):.2f}, "
                f"hit@5 {np.mean(r <= 5):.2f}, MRR {np.mean(1 / r):.2f}"
            )
        print(f"{name}: " + "; ".join(parts))


if __name__ == "__main__":
    main()
