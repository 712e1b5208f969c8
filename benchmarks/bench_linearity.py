"""Linearity of every stage in the length of ONE document (``make bench``).

Builds single documents of 0.25, 0.5, 1, 2 and 4 MB by concatenating realistic
news paragraphs (the sentences of the bundled sample corpus, ``load_sample_corpus()``,
drawn at random and varied as in ``benchmarks/run.py``, so that memos do not
flatter the stages), plus a variant of the same documents without sentence
punctuation and without line breaks (one giant "sentence"). Each stage runs alone
on each document, with its own fresh extractor built before the clock starts:

* ``attribution``: ``AttributionExtractor().extract``
* ``agency``: ``AgencyExtractor().rows``
* ``tone``: ``ToneScorer().document_table``
* ``text``: ``find_quotes`` + ``split_sentences`` + lexicon matching of the
  shipped lexicons (what ``framing analyze`` does before the stages)

and the script prints seconds per MB of each stage at each size, and the peak
memory (``tracemalloc``, one extra run, at the largest size; ``--no-memory``
skips it). Seconds per MB are the best of 3 runs (2 from 1 MB up), in CPU time of this
process (``time.process_time``: the stages are single-threaded, and wall time on a
shared machine mostly measures the other processes). About two minutes.

Exit status 1 if, for any stage and variant, the seconds per MB at the largest
size are more than ``--limit`` (default 2) times those at the smallest: work that
grows faster than the document (a scan of every earlier record, a walk back
through the sentence) shows up as a ratio that doubles with every doubling of
the size. Usage::

    python benchmarks/bench_linearity.py [--sizes 0.25,0.5,1,2,4] [--no-memory]
"""
from __future__ import annotations

import argparse
import gc
import re
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent

SIZES = (0.25, 0.5, 1.0, 2.0, 4.0)
_NO_PUNCT = re.compile(r"[.!?;:\u2026]+")
_BREAKS = re.compile(r"\s*\n\s*")
_PARA = re.compile(r"\n[ \t\r\f\v]*\n")
_QUOTE_MARKS = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb]|(?<!\\w)'|'(?!\\w)|[\u2018\u201a]|\u2019(?!\\w)")


def make_document(mb: float, seed: int = 0) -> str:
    """One document of about ``mb`` MB (UTF-8): news paragraphs separated by blank
    lines (the bodies of :func:`run.make_sample_corpus`'s documents, joined)."""
    sys.path.insert(0, str(HERE))
    try:
        from run import make_sample_corpus
    finally:
        sys.path.remove(str(HERE))
    docs = make_sample_corpus(mb, seed)["text"]
    text = "\n\n".join(docs)
    # cut at the last paragraph break before the target size (in characters; the text
    # is nearly all ASCII)
    target = int(mb * 1e6)
    if len(text) > target:
        cut = text.rfind("\n\n", 0, target)
        text = text[:cut if cut > 0 else target]
    return text


def without_punctuation(text: str) -> str:
    """``text`` with no sentence punctuation and no line breaks: one giant sentence.

    Quotation marks are kept, except in the paragraphs where they do not pair up
    (a quotation continued in the next paragraph): joined into one line, such a
    paragraph would shift the pairing of every later mark, and the documents of
    different sizes would differ in kind (how much text is inside quotation marks),
    not only in length."""
    from framing.text import find_quotes

    paras = []
    for para in _PARA.split(text):
        if any(not q.closed for q in find_quotes(para)):
            para = _QUOTE_MARKS.sub("", para)
        paras.append(_NO_PUNCT.sub("", para))
    return _BREAKS.sub(" ", " ".join(paras))


def documents(sizes=SIZES, seed: int = 0) -> dict[str, list[tuple[float, str]]]:
    """``{"news": [(mb, text), ...], "no_punct": [...]}``: prefixes (at paragraph
    breaks) of one generated document, so the smaller documents are parts of the
    larger ones."""
    full = make_document(max(sizes), seed)
    news = []
    for mb in sizes:
        target = int(mb * 1e6)
        cut = full.rfind("\n\n", 0, target) if len(full) > target else len(full)
        news.append((mb, full[:cut]))
    return {"news": news, "no_punct": [(mb, without_punctuation(t)) for mb, t in news]}


def stages():
    """``{name: (make, run)}``; ``run(obj, text)`` processes one document."""
    from framing.agency import AgencyExtractor
    from framing.attribution import AttributionExtractor
    from framing.lexicons import Matcher, load_lexicons
    from framing.stance import ToneScorer
    from framing.text import find_quotes, split_sentences

    def parsed(text):
        q = find_quotes(text)
        return split_sentences(text, q), q

    def text_stage(matcher, text):
        q = find_quotes(text)
        s = split_sentences(text, q)
        try:
            from framing.lexicons import _hit_rows
        except ImportError:  # pragma: no cover - the matcher alone
            return len(matcher.find(text)) + len(s)
        return len(_hit_rows("", text, matcher, s, q))

    return {
        "attribution": (AttributionExtractor, parsed,
                        lambda ex, t, p: len(ex.extract(t, sentences=p[0], quotes=p[1]))),
        "agency": (AgencyExtractor, parsed,
                   lambda ex, t, p: len(ex.rows(t, sentences=p[0], quotes=p[1]))),
        "tone": (ToneScorer, parsed,
                 lambda ex, t, p: len(ex.document_table(t, sentences=p[0], quotes=p[1]))),
        "text": (lambda: Matcher(load_lexicons(None)), lambda t: None,
                 lambda m, t, p: text_stage(m, t)),
    }


def measure(make, prep, run, text: str, repeat: int, memory: bool):
    """(best seconds, rows, peak tracemalloc MB or None) of ``run`` on ``text``."""
    p = prep(text)
    best, n = float("inf"), 0
    for _ in range(repeat):
        obj = make()
        gc.collect()
        t0 = time.process_time()
        n = run(obj, text, p)
        best = min(best, time.process_time() - t0)
    peak = None
    if memory:
        obj = make()
        gc.collect()
        tracemalloc.start()
        run(obj, text, p)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return best, n, peak


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=",".join(f"{s:g}" for s in SIZES),
                    help="document sizes in MB, comma-separated (default 0.25,0.5,1,2,4)")
    ap.add_argument("--stages", default="attribution,agency,tone,text")
    ap.add_argument("--variants", default="news,no_punct")
    ap.add_argument("--limit", type=float, default=2.0,
                    help="largest allowed ratio of s/MB at the largest to the smallest size")
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    sizes = sorted(float(x) for x in args.sizes.split(","))

    t0 = time.perf_counter()
    docs = documents(sizes, args.seed)
    print(f"documents built in {time.perf_counter() - t0:.1f} s; s/MB per stage and size "
          f"(peak tracemalloc MB at the largest size in brackets)")
    all_stages = stages()
    failed = []
    for variant in args.variants.split(","):
        print(f"\n{variant}:")
        print(f"  {'stage':<12}" + "".join(f"{mb:>16g} MB" for mb in sizes) + "   ratio")
        for name in args.stages.split(","):
            make, prep, run = all_stages[name]
            per_mb = []
            cells = []
            for mb, text in docs[variant]:
                size = len(text.encode("utf-8")) / 1e6
                repeat = 3 if size <= 0.6 else 2
                memory = not args.no_memory and mb == sizes[-1]
                t, _n, peak = measure(make, prep, run, text, repeat, memory)
                per_mb.append(t / size)
                cells.append(f"{t / size:8.3f}" + (f" [{peak:5.0f}]" if peak is not None
                                                    else " " * 8))
            ratio = per_mb[-1] / per_mb[0] if per_mb[0] > 0 else float("inf")
            flag = "" if ratio <= args.limit else "  SUPER-LINEAR"
            print(f"  {name:<12}" + "".join(f"{c:>19}" for c in cells) + f"   {ratio:5.2f}{flag}")
            sys.stdout.flush()
            if ratio > args.limit:
                failed.append(f"{variant}/{name}")
    print(f"\ntotal {time.perf_counter() - t0:.0f} s; "
          + ("all stages linear (ratio <= %g)" % args.limit if not failed
             else "SUPER-LINEAR: " + ", ".join(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
