"""Command line: ``framing analyze | kwic | lexicon | study | evaluate | collect``.

Bad input ends the program with one clear line on stderr and exit status 2,
never a traceback (set FRAMING_DEBUG=1 to see the traceback).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pandas as pd

from ._checks import FramingError

COLUMN_FLAGS = ("doc_id", "outlet", "date", "event", "title", "url", "text")
STAGE_OUTPUTS = ("attribution", "agency", "tone", "tone_sentences", "tone_sides")


def _add_corpus_args(p: argparse.ArgumentParser, *, path: bool = True) -> None:
    if path:
        p.add_argument("path", nargs="?", default=None,
                       help="corpus: a folder of .txt/.html files with metadata.csv, or a .csv, "
                            ".jsonl, .parquet, .txt or .html file (default: the bundled sample "
                            "corpus)")
    p.add_argument("--input-format", dest="format",
                   choices=["folder", "csv", "jsonl", "parquet", "txt", "html"],
                   help="force the input format (default: from the extension)")
    for col in COLUMN_FLAGS:
        p.add_argument(f"--{col.replace('_', '-')}-column", dest=f"col_{col}", metavar="NAME",
                       help=f"name of the source column holding {col}")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the input (default utf-8)")
    p.add_argument("--no-clean", action="store_true", help="do not remove boilerplate lines")
    p.add_argument("--allow-outside", action="store_true",
                   help="let metadata.csv name files outside the corpus folder (refused by "
                        "default)")
    p.add_argument("--max-chars", type=_max_chars, default=5_000_000, metavar="N",
                   help="documents longer than N characters are kept with status 'too long' "
                        "and not analysed (default 5,000,000; 0 = no limit)")


def _max_chars(value: str) -> int:
    """``--max-chars``: a whole number >= 0 (0: no limit)."""
    try:
        n = int(value.replace(",", "").replace("_", ""))
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of characters (0 for no "
                                         f"limit), got {value!r}")
    return n


def _columns(args) -> dict:
    for c in COLUMN_FLAGS:
        name = getattr(args, f"col_{c}")
        if name is not None and not name.strip():
            raise FramingError(f"--{c.replace('_', '-')}-column needs a column name, got "
                               f"{name!r}")
    return {c: getattr(args, f"col_{c}") for c in COLUMN_FLAGS if getattr(args, f"col_{c}")}


def _corpus_chunks(args, chunksize: int = 1000):
    """Yield corpus chunks of ``chunksize`` documents (files and folders are streamed: one
    chunk's texts in memory at a time; the sample is one chunk)."""
    from .corpus import iter_corpus, load_sample_corpus

    clean = not args.no_clean
    if args.path is None:
        yield load_sample_corpus(clean=clean)
        return
    path = Path(args.path)
    if not path.exists():
        raise FramingError(f"{path}: no such file or folder")
    extra = {"max_chars": args.max_chars if getattr(args, "max_chars", None) != 0 else None}
    out = getattr(args, "out", None)
    if path.is_dir() or (args.format in ("folder", "txt", "html")):
        extra.update(allow_outside=getattr(args, "allow_outside", False),
                     exclude=[out] if out else None)
    yield from iter_corpus(path, format=args.format, chunksize=chunksize, clean=clean,
                           encoding=args.encoding, **extra, **_columns(args))


def _jobs(value: str):
    """``--n-jobs``: 'auto' or a whole number (checked by the pipeline)."""
    if value.strip().lower() == "auto":
        return "auto"
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1 and n != -1:
        raise argparse.ArgumentTypeError(f"expected a number or 'auto' (a whole number >= 1, "
                                         f"or -1 for all cores), got {value!r}")
    from .pipeline import max_jobs

    most = max_jobs()
    if n > most:  # each is a process: thousands were started (and the machine ran out)
        raise argparse.ArgumentTypeError(f"{value!r} worker processes are more than this machine "
                                         f"can run ({os.cpu_count()} cores; at most {most}); "
                                         "use -1 for all cores or 'auto'")
    return n


def _whole_number(lo: int, hi: int | None, expected: str):
    """An argparse type: a whole number from ``lo`` to ``hi`` (no upper bound if None),
    refused with "expected <expected>, got '<value>'"."""
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            n = None
        if n is None or n < lo or (hi is not None and n > hi):
            raise argparse.ArgumentTypeError(f"expected {expected}, got {value!r}")
        return n
    return parse


#: ``--chunk-size``, ``--partitions``.
_positive = _whole_number(1, None, "a whole number >= 1")
#: ``--limit``: 0 is no limit (a negative one cut the last matches).
_count = _whole_number(0, None, "a whole number >= 0 (0 for no limit)")
#: ``--window``: a huge one padded each line out of memory.
_window = _whole_number(0, 10_000, "a number of characters from 0 to 10000")


def _input_files(args) -> list:
    if args.path is None:
        from .corpus import sample_corpus_path

        return [sample_corpus_path()]
    return [args.path]


def cmd_analyze(args) -> int:
    from .pipeline import analyze_to
    from .studies import load_study

    study = load_study(args.study, lexicons=args.lexicon or None)
    stages = () if args.stages == "none" else (None if args.stages == "all" else
                                               tuple(s.strip() for s in args.stages.split(",")))
    out = Path(args.out)
    if args.path is not None and Path(args.path).is_dir() \
            and Path(args.path).resolve() == out.resolve():
        raise FramingError(f"--out {out} is the corpus folder itself; choose another folder")
    t0 = time.perf_counter()
    if args.engine == "dask":
        from .pipeline import analyze_dask, resolve_jobs

        if args.copies not in (None, "keep") or args.events == "infer":
            raise FramingError("--copies and --events infer read the whole corpus first: use "
                               "them with the local engine")
        if args.path is None:
            raise FramingError("--engine dask needs PATH: JSON Lines, Parquet or CSV shards "
                               "(a glob such as 'shards/*.jsonl')")
        import glob

        paths = sorted(glob.glob(args.path)) if any(c in args.path for c in "*?[") \
            else [args.path]
        if not paths or not all(Path(p).exists() for p in paths):
            raise FramingError(f"{args.path}: no such file, folder or matching shard")
        result = analyze_dask(paths, out, study=study, stages=stages, scheduler=args.scheduler,
                              n_workers=resolve_jobs(-1 if args.n_jobs == "auto"
                                                     else args.n_jobs),
                              partitions=args.partitions, format=args.table_format,
                              figures=not args.no_figures, columns=_columns(args),
                              command=["framing", *sys.argv[1:]])
    else:
        from .prepare import ReadAgain, keep_budget

        from .pipeline import chunk_size, estimate_documents

        fmt = args.format if args.format in ("csv", "jsonl", "parquet") else None
        total = estimate_documents(_input_files(args)[0], fmt)
        size = args.chunk_size or chunk_size(total, args.n_jobs)
        # read more than once (copies, events): a corpus that fits is kept between readings
        again = (args.copies or "mark") != "keep" or args.events == "infer"
        source = ReadAgain(lambda: _corpus_chunks(args, size),
                           keep_bytes=keep_budget() if again else 0)
        result = analyze_to(source, out, study=study,
                            total=total, chunksize=size,
                            stages=stages, copies=args.copies or "mark", events=args.events,
                            n_jobs=args.n_jobs, format=args.table_format,
                            figures=not args.no_figures,
                            progress=False if args.quiet else None,
                            command=["framing", *sys.argv[1:]], input_files=_input_files(args))
    elapsed = time.perf_counter() - t0
    agg = result["aggregates"]
    if not args.quiet:
        n_bad = sum(n for st, n in agg.status.items() if st != "ok")
        print(f"framing analyze: {agg.n_docs} documents ({n_bad} without usable text), "
              f"{agg.n_chars / 1e6:.2f} M characters, {result['rows'].get('hits', 0)} lexicon "
              f"hits, {elapsed:.1f} s")
        for doc_id, st in agg.problems[:10]:
            print(f"  skipped {doc_id}: {st}")
        if n_bad > 10:
            print(f"  ... and {n_bad - 10} more (see the status column of documents)")
        print(f"study: {study.title} ("
              + ", ".join(f"{lx.name}: {lx.role}" for lx in study.lexicons) + ")")
        for note in study.notes:
            print(f"note: {note}")
        copies = getattr(agg, "copies", None)
        if copies is not None and copies["n_words"].sum():
            share = copies["copy_words"].sum() / copies["n_words"].sum()
            print(f"wire copies ({args.copies or 'mark'}): {int(copies['n_copies'].sum())} "
                  f"documents are copies of another, {share:.1%} of the words")
        _print_summary(agg, out, study, figures=not args.no_figures)
        files = result.get("files", [])
        shown = [f for f in files if not f.startswith("figures/")]
        n_fig = len(files) - len(shown)
        print(f"outputs in {out}/: " + ", ".join(shown)
              + (f" and {n_fig} figures in figures/" if n_fig else ""))
    return 0


def _print_summary(agg, out: Path, study, *, figures: bool = True) -> None:
    from .studies import FRAMING_ROLES

    o = agg.outlets_table()
    sub = o[(o["dimension"] == "side") & o["voice"].isin(["own", "quoted"])
            & o["lexicon"].isin(study.names(*FRAMING_ROLES))]
    if len(sub):
        piv = sub.pivot_table(index="outlet", columns=["lexicon", "value", "voice"],
                              values="count", aggfunc="sum", fill_value=0)
        cells = {}
        for lex, side in sorted({(a, b) for a, b, _ in piv.columns}):
            own = piv[(lex, side, "own")] if (lex, side, "own") in piv.columns else 0 * piv.iloc[:, 0]
            quoted = piv[(lex, side, "quoted")] if (lex, side, "quoted") in piv.columns \
                else 0 * piv.iloc[:, 0]
            cells[f"{lex}:{side}"] = [f"{int(x)}/{int(y)}" for x, y in zip(own, quoted)]
        table = pd.DataFrame(cells, index=piv.index)
        with pd.option_context("display.width", 200, "display.max_columns", 30):
            print("\nFraming terms by the side whose usage they reflect "
                  "(counts: outlet's own words / quoted words):")
            print(table.to_string())
    share = agg.stage.attribution_crosstab()
    if len(share):
        with pd.option_context("display.width", 200, "display.max_columns", 30):
            print("\nAttributions by speaker side (counts):")
            print(share.to_string())
    if figures:
        print(f"\nSee {out / 'report.html'} for figures and the evidence sentences.")


def cmd_kwic(args) -> int:
    from .lexicons import kwic, load_lexicon

    if args.path is None and Path(args.term).exists():
        # 'framing kwic corpus.csv': the term was forgotten, not a search for "corpus.csv"
        what = "folder" if Path(args.term).is_dir() else "file"
        raise FramingError(f"{args.term!r} is a {what}, not a term: give the term after the "
                           f"corpus, e.g. framing kwic {args.term} \"occupied territories\"")
    chunks = list(_corpus_chunks(args))
    corpus = pd.concat(chunks, ignore_index=True)
    pattern = args.term
    if args.lexicon:
        lex = load_lexicon(args.lexicon)
        sel = lex.terms[(lex.terms["canonical"].str.lower() == args.term.lower()) |
                        (lex.terms["term"].str.lower() == args.term.lower()) |
                        (lex.terms["category"] == args.term) | (lex.terms["side"] == args.term)]
        if sel.empty:
            raise FramingError(f"{args.term!r} is not a term, canonical name, category or side of "
                               f"lexicon {lex.name!r}")
        pattern = load_lexicon(sel.drop(columns=["line"]), name=lex.name, meta=lex.meta)
    k = kwic(corpus, pattern, window=args.window)
    if args.limit:
        k = k.head(args.limit)
    if args.csv:
        k.to_csv(sys.stdout, index=False)
        return 0
    if k.empty:
        print(f"no match for {args.term!r}")
        return 0
    w = args.window
    ow = min(24, max(6, max(len(str(o)) for o in k["outlet"])))
    for r in k.itertuples(index=False):
        outlet = str(r.outlet)[:ow]
        print(f"{r.doc_id[:22]:<22} {outlet:<{ow}} {r.voice:<6} {r.left[-w:]:>{w}} [{r.match}] "
              f"{r.right[:w]}")
    print(f"{len(k)} match(es)")
    return 0


def cmd_lexicon(args) -> int:
    from .lexicons import list_lexicons, load_lexicon

    if args.action == "list":
        with pd.option_context("display.width", 160, "display.max_colwidth", 60):
            print(list_lexicons().to_string(index=False))
        return 0
    if not args.file:
        raise FramingError(f"framing lexicon {args.action} needs a FILE or lexicon name")
    lex = load_lexicon(args.file)
    if args.action == "check":
        t = lex.terms
        print(f"{lex.source}: OK, {len(t)} terms in {t['category'].nunique()} categories "
              f"({', '.join(sorted(t['category'].unique()))}); sides: "
              f"{', '.join(sorted(s for s in t['side'].unique() if s)) or '(none)'}")
        return 0
    with pd.option_context("display.width", 160, "display.max_rows", 10000, "display.max_colwidth", 70):
        print(lex.terms.drop(columns=["line"]).to_string(index=False))
    return 0


def cmd_study(args) -> int:
    from .studies import list_studies, load_study

    if args.action == "list":
        with pd.option_context("display.width", 160, "display.max_colwidth", 60):
            print(list_studies()[["name", "title", "contrast", "lexicons"]].to_string(index=False))
        return 0
    if not args.study:
        raise FramingError(f"framing study {args.action} needs a study name or folder")
    st = load_study(args.study)
    if args.action == "show":
        print(st.describe())
        return 0
    problems = []
    for lx in st.lexicons:
        undeclared = sorted(set(lx.terms["side"]) - {""} - set(st.meta.get("sides") or {}))
        if undeclared and st.meta.get("sides"):
            problems.append(f"{lx.source}: side(s) {', '.join(undeclared)} are not declared in "
                            "study.json (they get default labels and colours)")
    roles = {lx.role for lx in st.lexicons}
    for role in ("naming", "loaded", "actors"):
        if role not in roles:
            problems.append(f"no {role} lexicon")
    print(f"{st.source}: OK, {len(st.lexicons)} lexicons ("
          + ", ".join(f"{lx.name}: {lx.role}, {len(lx)} terms" for lx in st.lexicons) + ")")
    for p in problems + list(st.notes):
        print(f"  note: {p}")
    return 0


def cmd_evaluate(args) -> int:
    if args.task == "attribution":
        from .attribution import evaluate_attribution as evaluate
        from .attribution import format_evaluation
    else:
        from .agency import evaluate_agency as evaluate
        from .agency import format_evaluation
    gold = Path(args.gold)
    if not gold.exists():
        raise FramingError(f"{gold}: no such gold file")
    if args.task == "agency":  # (evaluate_attribution checks its own fields)
        from ._checks import read_records

        records, label = read_records(gold)
        for n, r in enumerate(records, 1):
            missing = [k for k in ("doc_id", "context", "trigger")
                       if not isinstance(r.get(k), str) or not r.get(k).strip()]
            if missing:
                raise FramingError(f"{label}, record {n}: missing field(s) "
                                   f"{', '.join(missing)}; required: doc_id, context, trigger "
                                   "(strings)")
    corpus = None
    if args.corpus:
        from .corpus import load_corpus

        corpus = load_corpus(args.corpus)
    result = evaluate(gold, corpus)
    print(format_evaluation(result))
    return 0


def cmd_collect(args) -> int:
    from .collect import STATUSES, collect, gdelt_urls, read_url_list

    if not args.urls and not args.gdelt:
        raise FramingError("framing collect needs a URL file (one URL per line, or a CSV with a "
                           "'url' column) or --gdelt QUERY --start DATE --end DATE")
    if args.gdelt and not (args.start and args.end):
        raise FramingError("--gdelt needs --start and --end, e.g. --start 2023-10-01 "
                           "--end 2023-10-07")
    frames = [read_url_list(args.urls)] if args.urls else []
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise FramingError(f"{out}: is a file, not a folder; choose a folder for the corpus")
    if args.gdelt:
        found = gdelt_urls(args.gdelt, args.start, args.end)
        out.mkdir(parents=True, exist_ok=True)
        found.to_csv(out / "gdelt.csv", index=False)
        if not args.quiet:
            print(f"GDELT: {len(found)} articles for {args.gdelt!r} (list in {out / 'gdelt.csv'})")
        frames.append(found)
    urls = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    df = collect(urls, out, delay=args.delay, retries=args.retries, timeout=args.timeout,
                 respect_robots=not args.ignore_robots, user_agent=args.user_agent,
                 contact=args.contact, workers=args.workers, retry_failed=args.retry_failed,
                 progress=False if args.quiet else sys.stderr.isatty())
    if not args.quiet:
        counts = df["status"].value_counts()
        parts = [f"{counts[s]} {s}" for s in STATUSES if s in counts]
        print(f"framing collect: {len(df)} URLs: {', '.join(parts) or 'none'} "
              f"({int(df['cached'].sum())} settled by an earlier run; "
              f"{df.attrs.get('requests', 0)} requests, {df.attrs.get('bytes', 0) / 1e6:.1f} MB)")
        bad = df[~df["status"].isin(["fetched"])]
        for r in bad.head(10).itertuples(index=False):
            print(f"  {r.status}: {r.url} ({r.detail})")
        if len(bad) > 10:
            print(f"  ... and {len(bad) - 10} more (see the status column of metadata.csv)")
        print(f"corpus in {out}/ (metadata.csv); analyse it with: framing analyze {out}")
    return 0


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (the usage is in ``--help``)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())} (see '{self.prog} "
                     "--help')\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="framing",
        description="Measure how news outlets frame the same events: naming, loaded terms, "
                    "attribution, agency and tone, compared across outlets.",
        epilog="Run 'framing COMMAND --help' for the options of a command.",
    )
    from . import __version__

    p.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    a = sub.add_parser("analyze", help="analyse a corpus and write tables, figures and a report",
                       description="Analyse a corpus (default: the bundled sample corpus) and write "
                                   "documents.csv, hits.csv, features.csv, outlets.csv, the stage "
                                   "tables, figures/ and report.html to --out.")
    _add_corpus_args(a)
    a.add_argument("--study", metavar="NAME_OR_DIR",
                   help="a shipped study (see 'framing study list') or a folder with study.json "
                        "and lexicon files (default: the default study, unless --lexicon is "
                        "given)")
    a.add_argument("--lexicon", action="append", metavar="NAME_OR_PATH",
                   help="lexicon file to use (repeatable); its role comes from its JSON metadata "
                        "('terms' without one), or from a prefix: --lexicon actors=mine.csv. "
                        "Alone, these lexicons are the whole study; with --study they are added "
                        "to it")
    a.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out)")
    a.add_argument("--stages", default="all",
                   help="comma-separated stages to run: attribution,agency,tone; 'all' (default) "
                        "or 'none'")
    a.add_argument("--n-jobs", type=_jobs, default="auto", metavar="N",
                   help="worker processes: a number, -1 for all cores, or 'auto' (default: "
                        "all cores, but one process for a corpus of one chunk, i.e. under "
                        "1,000 documents); the tables do not depend on it. With --engine dask "
                        "and no --scheduler, the workers of the local cluster")
    a.add_argument("--chunk-size", type=_positive, default=None, metavar="N",
                   help="documents per chunk (default 1,000, fewer when the corpus is too "
                        "small to give every worker a chunk); memory grows with it, the "
                        "tables do not depend on it")
    a.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes (default) or a Dask cluster (pip install "
                        "'framing[dask]'); the tables are the same")
    a.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: address of a running distributed scheduler "
                        "(default: a local cluster)")
    a.add_argument("--partitions", type=_positive, metavar="N",
                   help="with --engine dask: repartition the input into N partitions")
    a.add_argument("--format", dest="table_format", choices=["csv", "parquet", "jsonl"],
                   default="csv",
                   help="format of the output tables (default csv; parquet writes one dataset "
                        "folder per table)")
    a.add_argument("--copies", choices=["keep", "mark", "drop", "origin"], default=None,
                   help="wire copies (near-duplicate documents) in the per-outlet statistics: "
                        "'mark' (default) counts them and reports each outlet's share of "
                        "copied words; 'origin' counts each copy cluster once, as its origin; "
                        "'drop' leaves out every document of a copy cluster; 'keep' does not "
                        "look for them")
    a.add_argument("--events", choices=["column", "infer"], default="column",
                   help="'infer': group the documents into events (dates within 3 days, "
                        "shared places, actors and names) and use them as the event column "
                        "(default: the corpus's own event column)")
    a.add_argument("--no-figures", action="store_true",
                   help="skip figures, evidence and the HTML report (tables only)")
    a.add_argument("--quiet", action="store_true", help="print nothing but errors")
    a.set_defaults(func=cmd_analyze)

    k = sub.add_parser("kwic", help="show a term in context",
                       description="Keyword in context: every match of TERM with the text around it.")
    k.add_argument("path", nargs="?", default=None,
                   help="corpus (default: the bundled sample corpus)")
    k.add_argument("term", help="a term in lexicon syntax ('occupied territories', 'provocation*', "
                                "'re:...'); with --lexicon, a term, canonical name, category or side")
    k.add_argument("--lexicon", metavar="NAME_OR_PATH", help="look TERM up in this lexicon")
    k.add_argument("--window", type=_window, default=50,
                   help="characters of context (default 50)")
    k.add_argument("--limit", type=_count, default=0, help="show at most this many matches")
    k.add_argument("--csv", action="store_true", help="write CSV to stdout")
    _add_corpus_args(k, path=False)
    k.set_defaults(func=cmd_kwic)

    lx = sub.add_parser("lexicon", help="list, check or show lexicons")
    lx.add_argument("action", choices=["list", "check", "show"])
    lx.add_argument("file", nargs="?", help="a lexicon file (.csv or .dic) or a shipped lexicon name")
    lx.set_defaults(func=cmd_lexicon)

    sp = sub.add_parser("study", help="list, show or check studies (lexicons by role, sides)",
                        description="A study is a folder of lexicons with roles plus study.json "
                                    "(sides with labels and colours, the contrast pair).")
    sp.add_argument("action", choices=["list", "show", "check"])
    sp.add_argument("study", nargs="?", help="a shipped study name or a study folder")
    sp.set_defaults(func=cmd_study)

    ev = sub.add_parser("evaluate", help="score an extractor against hand-annotated gold data")
    ev.add_argument("task", choices=["attribution", "agency"])
    ev.add_argument("gold", help="gold annotations (JSON Lines)")
    ev.add_argument("--corpus", help="corpus the gold refers to (default: the sample corpus)")
    ev.set_defaults(func=cmd_evaluate)

    co = sub.add_parser("collect", help="download web pages into a corpus folder, politely",
                        description="Download each URL (robots.txt respected, one request at a "
                                    "time per host, retries with back-off) into a folder "
                                    "corpus: the pages as .html and metadata.csv with a status "
                                    "per URL. A rerun fetches only what is missing.")
    co.add_argument("urls", nargs="?", metavar="URLS",
                    help="a text file with one URL per line, or a CSV with a 'url' column and "
                         "optional outlet, date, event and title columns")
    co.add_argument("--out", required=True, metavar="DIR", help="the corpus folder")
    co.add_argument("--gdelt", metavar="QUERY",
                    help="ask the GDELT DOC 2.0 API for the articles matching QUERY between "
                         "--start and --end (API address: FRAMING_GDELT_URL)")
    co.add_argument("--start", metavar="DATE", help="with --gdelt: from (UTC, e.g. 2023-10-01)")
    co.add_argument("--end", metavar="DATE", help="with --gdelt: to (UTC; a day is included)")
    co.add_argument("--delay", type=float, default=1.0, metavar="S",
                    help="seconds between two requests to the same host (default 1)")
    co.add_argument("--retries", type=int, default=2, metavar="N",
                    help="retries after a 429, a 5xx or a time-out, with exponential "
                         "back-off (default 2)")
    co.add_argument("--timeout", type=float, default=20.0, metavar="S",
                    help="seconds to wait for an answer (default 20)")
    co.add_argument("--workers", type=int, default=4, metavar="N",
                    help="hosts fetched from at once (default 4; one request at a time per "
                         "host)")
    co.add_argument("--retry-failed", action="store_true",
                    help="also request again the URLs an earlier run left with a time-out, a "
                         "network error, a 429 or a 5xx")
    co.add_argument("--contact", metavar="URL_OR_EMAIL",
                    help="where site owners can reach you, put in the User-Agent "
                         "(default: FRAMING_CONTACT)")
    co.add_argument("--user-agent", metavar="STRING", help="replace the User-Agent header")
    co.add_argument("--ignore-robots", action="store_true",
                    help="do not obey robots.txt (only for sites that allow you to)")
    co.add_argument("--quiet", action="store_true", help="print nothing but errors")
    co.set_defaults(func=cmd_collect)
    return p


def _one_line_warnings(quiet: bool, held: list | None = None) -> None:
    """Python warnings as one clean line on stderr (none with --quiet).

    With a list ``held``, the lines are kept there instead, to be printed when the
    command ends well: a run that ends in an error shows the error line alone.
    """
    import warnings

    if quiet:
        warnings.simplefilter("ignore")
        return

    seen: set = set()
    parent = os.getpid()

    def show(message, category, filename, lineno, file=None, line=None):
        text = " ".join(str(message).split())
        if text in seen:  # e.g. the same file read twice (wire copies, then the analysis)
            return
        seen.add(text)
        if held is not None and os.getpid() == parent:  # a forked worker prints its own
            held.append(f"framing: warning: {text}")
        else:
            print(f"framing: warning: {text}", file=sys.stderr)

    warnings.showwarning = show
    warnings.simplefilter("default")
    for cat in (DeprecationWarning, PendingDeprecationWarning, FutureWarning, ResourceWarning):
        warnings.simplefilter("ignore", cat)


def _on_sigterm(signum, frame):  # pragma: no cover - exercised through a subprocess
    raise KeyboardInterrupt


def main(argv=None) -> int:
    import signal

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    # warnings go to a terminal at once; otherwise they are printed when the command
    # ends well, so that a failed run's stderr is its one error line
    try:
        held = None if sys.stderr.isatty() else []
    except (AttributeError, ValueError):
        held = []
    _one_line_warnings(getattr(args, "quiet", False), held)
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread
        previous = None
    debug = bool(os.environ.get("FRAMING_DEBUG"))
    if getattr(args, "path", None) is not None and not args.path.strip():
        # Path("") is the current folder: it was read as the corpus
        print(f"framing: error: the corpus path is empty ({args.path!r}); give a file or a "
              "folder, or leave it out for the sample corpus", file=sys.stderr)
        return 2
    try:
        status = args.func(args)
        for line in held or ():
            print(line, file=sys.stderr)
        return status
    except FramingError as e:
        if debug:
            raise
        print(f"framing: error: {' '.join(str(e).split())}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # 'framing lexicon show naming | head'
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except (OSError, UnicodeDecodeError, MemoryError) as e:
        if debug:
            raise
        print(f"framing: error: {' '.join(str(e).split())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        out = getattr(args, "out", None)
        where = f"; nothing was written to {out}/ (earlier results there are unchanged)" \
            if out and args.command == "analyze" else ""
        if out and args.command == "collect":
            where = f"; what was collected is in {out}/: run the same command again to go on"
        print(f"framing: interrupted{where}", file=sys.stderr)
        return 130
    except Exception as e:  # a bug: still one line, with the way to see more
        if debug:
            raise
        print(f"framing: internal error: {type(e).__name__}: {' '.join(str(e).split())} "
              "(set FRAMING_DEBUG=1 to see the traceback, and please report it)", file=sys.stderr)
        return 2
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
