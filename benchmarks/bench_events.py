"""Event inference quality (``make bench``): purity and adjusted Rand index.

Runs :func:`framing.infer_events` (defaults: window of 3 days, threshold 0.1) on

* the bundled sample corpus against its ``event`` column (three events), and
* generated corpora with planted events (:func:`framing._synthetic.events_corpus`:
  60 events over 90 days, 4-12 documents of at least three outlets each, names shared
  between events) for ``--seeds`` seeds,

and reports purity (share of documents in the majority planted event of their
inferred event), inverse purity (the same with the roles swapped: low when planted
events are split), the adjusted Rand index (``sklearn.metrics.adjusted_rand_score``),
the number of events and the time. Results go to ``benchmarks/results/events.md``.
Usage::

    python benchmarks/bench_events.py [--seeds 0,1,2] [--thresholds 0.1]
"""
from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv=None) -> int:
    from sklearn.metrics import adjusted_rand_score

    import framing
    from framing._synthetic import events_corpus
    from framing.events import event_purity, infer_events

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seeds", default="0,1,2")
    p.add_argument("--thresholds", default="0.1",
                   help="comma-separated similarity thresholds to evaluate (default 0.1)")
    p.add_argument("--out", default=str(HERE / "results" / "events.md"))
    args = p.parse_args(argv)
    corpora = [("sample corpus", framing.load_sample_corpus(), "event")]
    corpora += [(f"planted, seed {s}", events_corpus(seed=int(s)), "planted_event")
                for s in args.seeds.split(",")]
    rows = []
    for th in [float(t) for t in args.thresholds.split(",")]:
        for name, c, col in corpora:
            t = time.perf_counter()
            res = infer_events(c, threshold=th)
            secs = time.perf_counter() - t
            row = (name, th, len(c), c[col].nunique(), res["event_id"].nunique(),
                   event_purity(c[col], res["event_id"]), event_purity(res["event_id"], c[col]),
                   adjusted_rand_score(c[col], res["event_id"]), secs)
            rows.append(row)
            print(f"{name}: threshold {th}, {row[2]} docs, {row[3]} true / {row[4]} inferred "
                  f"events, purity {row[5]:.3f}, inverse purity {row[6]:.3f}, ARI {row[7]:.3f}, "
                  f"{secs:.2f} s", flush=True)
    lines = ["# Event inference (`benchmarks/bench_events.py`)", "",
             f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, Python "
             f"{platform.python_version()}. `infer_events` with a 3-day window.", "",
             "| corpus | threshold | documents | true events | inferred events | purity | "
             "inverse purity | ARI | seconds |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]:.3f} | "
                     f"{r[6]:.3f} | {r[7]:.3f} | {r[8]:.2f} |")
    lines.append("")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print(f"results in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
