"""Throughput of framing's VADER scorer against the vaderSentiment package.

Standalone: ``python benchmarks/bench_tone.py [--repeat N] [--rounds R]``.

Both scorers get the same sentences (the sentences of the bundled sample
corpus, repeated ``--repeat`` times) one by one; throughput is UTF-8 megabytes
of sentence text per second, best of ``--rounds`` rounds. The run also checks
that the compound scores are identical (to 1e-4) and reports any mismatch; the
exit status is 1 if there is one.

Rows printed:

* ``vaderSentiment polarity_scores`` -- the package, sentence by sentence (baseline)
* ``framing ToneScorer.score`` -- same output dict as the package
* ``framing ToneScorer.compound_many`` -- compound scores only, as a NumPy array
* ``framing sentence_tone (full stage)`` -- the corpus stage: sentence splitting,
  quotation spans, whole-sentence, own-voice and quoted-part scores
"""
from __future__ import annotations

import argparse
import sys
import time


def _best(fn, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=40,
                    help="times the sample sentences are repeated (default 40, about 1.2 MB)")
    ap.add_argument("--rounds", type=int, default=3, help="timing rounds; the best is kept")
    args = ap.parse_args(argv)

    import pandas as pd
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing import load_sample_corpus, split_sentences
    from framing.stance import ToneScorer, sentence_tone

    corpus = load_sample_corpus()
    sentences = [b[s:e] for b in corpus["body"] for s, e in split_sentences(b)]
    data = sentences * args.repeat
    n_bytes = sum(len(s.encode("utf-8")) for s in data)
    big = pd.DataFrame({
        "doc_id": [f"{d}_{k}" for k in range(args.repeat) for d in corpus["doc_id"]],
        "body": list(corpus["body"]) * args.repeat,
    })
    corpus_bytes = sum(len(b.encode("utf-8")) for b in big["body"])

    analyzer = SentimentIntensityAnalyzer()
    scorer = ToneScorer()

    # identity check on every distinct sentence
    mismatches = [s for s in sentences
                  if abs(analyzer.polarity_scores(s)["compound"] - scorer.compound(s)) > 1e-4]

    rows = []
    t = _best(lambda: [analyzer.polarity_scores(s) for s in data], args.rounds)
    base = n_bytes / t / 1e6
    rows.append(("vaderSentiment polarity_scores (baseline)", base))
    t = _best(lambda: [scorer.score(s) for s in data], args.rounds)
    rows.append(("framing ToneScorer.score", n_bytes / t / 1e6))
    t = _best(lambda: scorer.compound_many(data), args.rounds)
    rows.append(("framing ToneScorer.compound_many", n_bytes / t / 1e6))
    t = _best(lambda: sentence_tone(big), args.rounds)
    rows.append(("framing sentence_tone (full stage)", corpus_bytes / t / 1e6))

    print(f"tone benchmark: {len(data)} sentences, {n_bytes / 1e6:.2f} MB "
          f"({len(sentences)} distinct, from the sample corpus x {args.repeat}); "
          f"best of {args.rounds}")
    for name, mbs in rows:
        print(f"  {name:<45} {mbs:7.2f} MB/s  x{mbs / base:5.1f}")
    status = "identical" if not mismatches else f"{len(mismatches)} MISMATCHES"
    print(f"  compound scores vs vaderSentiment (1e-4): {status} on {len(sentences)} sentences")
    for s in mismatches[:5]:
        print(f"    {s[:80]!r}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
