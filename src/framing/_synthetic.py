"""Generated corpora with planted structure, for the tests and benchmarks of
:mod:`framing.copies` (planted wire copies) and :mod:`framing.events` (planted events).

Nothing here is used by an analysis; the generators only make corpora whose right
answer is known.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
import pandas as pd

_SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "va", "gu", "ze", "bo",
              "fi", "ha", "ju", "ke", "ly", "mo", "nu", "pe", "qi", "ro", "si", "tu", "wa"]
AGENCY_OUTLETS = ("Reuters", "AFP")


def vocabulary(n: int = 20000) -> np.ndarray:
    """``n`` distinct lower-case pseudo-words (two to four syllables)."""
    words = []
    for k in (2, 3, 4):
        for t in itertools.product(_SYLLABLES, repeat=k):
            words.append("".join(t))
            if len(words) == n:
                return np.array(words, dtype=object)
    return np.array(words, dtype=object)


def _shingles(tokens: list[str], k: int) -> set:
    if len(tokens) < k:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i:i + k]) for i in range(len(tokens) - k + 1)}


def jaccard(a: str, b: str, k: int = 5) -> float:
    """Exact Jaccard similarity of the ``k``-word shingle sets of two texts (lower-cased
    ``\\w+`` tokens, as :func:`framing.find_copies` compares them)."""
    import re

    sa = _shingles(re.findall(r"\w+", a.lower()), k)
    sb = _shingles(re.findall(r"\w+", b.lower()), k)
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0


def copies_corpus(n_docs: int, *, copy_rate: float = 0.2, chunksize: int = 10000,
                  seed: int = 0, words: tuple[int, int] = (150, 400),
                  n_outlets: int = 20) -> Iterator[pd.DataFrame]:
    """Chunks of a generated corpus with planted wire copies.

    Originals are 150-400 pseudo-words (Zipf-distributed over 20,000 words) in
    paragraphs of 20-60 words, one day apart every 2,000 documents; a tenth of them are
    agency stories (outlet ``Reuters`` or ``AFP``, or a ``(Reuters) -`` dateline).
    A share ``copy_rate`` of the documents are copies of a recent original (one of the
    last 500) in another outlet, dated the same day or up to two days later, with one or
    two edits: 1-3 words changed, 1-2 words inserted, 1-2 words deleted, another first
    paragraph (a lede of 15-30 words), or a byline line added.

    Yields
    ------
    DataFrame
        ``doc_id, outlet, date, text, body, source, true_jaccard``: ``source`` is the
        ``doc_id`` of the original a copy was made from (None for an original) and
        ``true_jaccard`` the exact Jaccard similarity of their 5-word shingle sets.
    """
    rng = np.random.default_rng(seed)
    vocab = vocabulary()
    p = 1.0 / np.arange(1, len(vocab) + 1) ** 1.05
    cum = np.cumsum(p / p.sum())
    outlets = [f"Outlet {i:02d}" for i in range(n_outlets)]
    recent: list = []  # (doc_id, tokens, paragraph lengths, day, text)
    day0 = np.datetime64("2024-01-01")

    def draw(n: int) -> list:
        return vocab[np.minimum(np.searchsorted(cum, rng.random(n)), len(vocab) - 1)].tolist()

    def paragraphs(tokens, lens) -> str:
        out, pos = [], 0
        for ln in lens:
            out.append(" ".join(tokens[pos:pos + ln]))
            pos += ln
        return "\n\n".join(out)

    for start in range(0, n_docs, chunksize):
        rows = []
        for i in range(start, min(n_docs, start + chunksize)):
            day = i // 2000
            doc_id = f"g{i:07d}"
            if recent and rng.random() < copy_rate:
                src_id, toks, lens, sday, src_text = recent[int(rng.integers(len(recent)))]
                toks, lens = list(toks), list(lens)
                byline = ""
                for kind in rng.choice(5, size=int(rng.integers(1, 3)), replace=False):
                    if kind == 0:
                        for _ in range(int(rng.integers(1, 4))):
                            toks[int(rng.integers(len(toks)))] = draw(1)[0]
                    elif kind == 1:
                        for _ in range(int(rng.integers(1, 3))):
                            k = int(rng.integers(len(toks)))
                            toks.insert(k, draw(1)[0])
                            lens[min(np.searchsorted(np.cumsum(lens), k, side="right"),
                                     len(lens) - 1)] += 1
                    elif kind == 2:
                        for _ in range(int(rng.integers(1, 3))):
                            k = int(rng.integers(len(toks)))
                            del toks[k]
                            j = min(np.searchsorted(np.cumsum(lens), k, side="right"),
                                    len(lens) - 1)
                            lens[j] -= 1
                    elif kind == 3:
                        lede = draw(int(rng.integers(15, 31)))
                        toks = lede + toks[lens[0]:]
                        lens = [len(lede)] + lens[1:]
                    else:
                        byline = f"By {draw(1)[0].capitalize()} {draw(1)[0].capitalize()}"
                lens = [x for x in lens if x > 0]
                body = paragraphs(toks, lens)
                if src_text.startswith("(Reuters) - ") and rng.random() < 0.5:
                    body = "(Reuters) - " + body
                if byline:
                    body = byline + "\n\n" + body
                outlet = outlets[int(rng.integers(n_outlets))]
                rows.append((doc_id, outlet, day0 + sday + int(rng.integers(0, 3)), body,
                             src_id, jaccard(src_text, body)))
                continue
            n = int(rng.integers(words[0], words[1] + 1))
            toks = draw(n)
            lens, left = [], n
            while left > 0:
                ln = min(left, int(rng.integers(20, 61)))
                lens.append(ln)
                left -= ln
            body = paragraphs(toks, lens)
            r = rng.random()
            outlet = outlets[i % n_outlets]
            if r < 0.05:
                outlet = AGENCY_OUTLETS[int(rng.integers(2))]
            elif r < 0.1:
                body = "(Reuters) - " + body
            rows.append((doc_id, outlet, day0 + day, body, None, np.nan))
            recent.append((doc_id, toks, lens, day, body))
            if len(recent) > 500:
                recent.pop(0)
        df = pd.DataFrame(rows, columns=["doc_id", "outlet", "date", "body", "source",
                                         "true_jaccard"])
        df["date"] = pd.to_datetime(df["date"])
        df.insert(3, "text", df["body"])
        yield df


def planted_copy_scores(truth: pd.DataFrame, found: pd.DataFrame) -> dict:
    """How well :func:`framing.copies.find_copies` recovered the copies planted by
    :func:`copies_corpus`.

    Parameters
    ----------
    truth : DataFrame
        ``doc_id, source, true_jaccard`` of the generated corpus (``source``: the
        document a copy was made from, missing for originals).
    found : DataFrame
        The result of ``find_copies``.

    Returns
    -------
    dict
        ``planted`` and ``planted_j08`` (copies, and those at true Jaccard >= 0.8),
        ``recall_j08`` and ``recall_all`` (share of them in their source's cluster),
        ``pairs_found`` (documents marked as a copy), ``precision`` (share of those
        whose origin is of the same planted family; None without pairs).
    """
    cluster = found.set_index("doc_id")["cluster_id"]
    planted = truth[truth["source"].notna()]
    a = cluster.reindex(planted["doc_id"]).to_numpy(dtype="float64", na_value=np.nan)
    b = cluster.reindex(planted["source"]).to_numpy(dtype="float64", na_value=np.nan)
    hit = a == b
    high = planted["true_jaccard"].to_numpy() >= 0.8
    family = pd.Series(truth["source"].fillna(truth["doc_id"]).to_numpy(), index=truth["doc_id"])
    pairs = found[found["copy_of"].notna()]
    correct = family.reindex(pairs["doc_id"]).to_numpy() == \
        family.reindex(pairs["copy_of"]).to_numpy()
    return {"planted": int(len(planted)), "planted_j08": int(high.sum()),
            "recall_j08": float(hit[high].mean()) if high.any() else float("nan"),
            "recall_all": float(hit.mean()) if len(hit) else float("nan"),
            "pairs_found": int(len(pairs)),
            "precision": float(correct.mean()) if len(pairs) else None}


def events_corpus(n_events: int = 60, *, days: int = 90, seed: int = 0,
                  n_outlets: int = 8) -> pd.DataFrame:
    """A generated corpus with planted events (and no ``event`` column).

    Each event has a date (uniform over ``days`` days, so that two or three events
    overlap in any three-day window), three places drawn from a pool of 150 names and
    two actors from a pool of 100 (so names recur in other events, at other times)
    and one name of its own. It is covered by 4-12 documents of at least three of
    ``n_outlets`` outlets, dated up to two days after it. A document is 6-12
    sentences of 8-15 pseudo-words (the first capitalised, as in any sentence); half
    the sentences name one of the event's names, a third one of four names found
    all over the corpus (countries), a tenth a random name from the pools.

    Returns
    -------
    DataFrame
        ``doc_id, outlet, date, title, text, body, planted_event``.
    """
    rng = np.random.default_rng(seed)
    vocab = vocabulary()
    names = [w.capitalize() for w in vocab[5000:5000 + 150 + 100 + n_events + 4]]
    places, actors = names[:150], names[150:250]
    own, countries = names[250:250 + n_events], names[250 + n_events:]
    fillers = vocab[:3000]
    outlets = [f"Outlet {chr(65 + i)}" for i in range(n_outlets)]
    day0 = np.datetime64("2024-03-01")
    rows = []
    for e in range(n_events):
        date = int(rng.integers(days))
        ev_names = list(rng.choice(places, 3, replace=False)) + \
            list(rng.choice(actors, 2, replace=False)) + [own[e]]
        n_docs = int(rng.integers(4, 13))
        outs = list(rng.choice(outlets, 3, replace=False)) + \
            list(rng.choice(outlets, n_docs - 3))
        for k in range(n_docs):
            sents = []
            for _ in range(int(rng.integers(6, 13))):
                w = list(rng.choice(fillers, int(rng.integers(8, 16))))
                r = rng.random()
                if r < 0.5:
                    w.insert(int(rng.integers(1, len(w))), str(rng.choice(ev_names)))
                elif r < 0.83:
                    w.insert(int(rng.integers(1, len(w))), str(rng.choice(countries)))
                elif r < 0.93:
                    w.insert(int(rng.integers(1, len(w))), str(rng.choice(places + actors)))
                w[0] = w[0].capitalize()
                sents.append(" ".join(w) + ".")
            body = " ".join(sents)
            rows.append((f"e{e:03d}_{k:02d}", outs[k], day0 + date + int(rng.integers(0, 3)),
                         f"{ev_names[0]} {ev_names[-1]}", body, body, f"event {e:03d}"))
    df = pd.DataFrame(rows, columns=["doc_id", "outlet", "date", "title", "text", "body",
                                     "planted_event"])
    df["date"] = pd.to_datetime(df["date"])
    return df.sample(frac=1.0, random_state=seed).reset_index(drop=True)
