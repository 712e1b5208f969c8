"""Command line: ``framing analyze | kwic | lexicon | evaluate``.

Bad input ends the program with one clear line on stderr and exit status 2,
never a traceback (set FRAMING_DEBUG=1 to see the traceback).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
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
    p.add_argument("--format", choices=["folder", "csv", "jsonl", "parquet", "txt", "html"],
                   help="force the input format (default: from the extension)")
    for col in COLUMN_FLAGS:
        p.add_argument(f"--{col.replace('_', '-')}-column", dest=f"col_{col}", metavar="NAME",
                       help=f"name of the source column holding {col}")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the input (default utf-8)")
    p.add_argument("--no-clean", action="store_true", help="do not remove boilerplate lines")


def _columns(args) -> dict:
    return {c: getattr(args, f"col_{c}") for c in COLUMN_FLAGS if getattr(args, f"col_{c}")}


def _corpus_chunks(args, chunksize: int = 2000):
    """Yield corpus chunks (streaming for files; one chunk for folders and the sample)."""
    from .corpus import iter_corpus, load_corpus, load_sample_corpus

    clean = not args.no_clean
    if args.path is None:
        yield load_sample_corpus(clean=clean)
        return
    path = Path(args.path)
    if path.is_dir() or (args.format in ("folder", "txt", "html")):
        yield load_corpus(path, format=args.format, clean=clean, encoding=args.encoding,
                          **_columns(args))
        return
    yield from iter_corpus(path, format=args.format, chunksize=chunksize, clean=clean,
                           encoding=args.encoding, **_columns(args))


class _CsvSink:
    """Append DataFrames to a CSV file, writing the header once."""

    def __init__(self, path: Path):
        self.path = path
        self.n = 0
        self._started = False

    def write(self, df: pd.DataFrame) -> None:
        df.to_csv(self.path, mode="a" if self._started else "w", header=not self._started,
                  index=False)
        self._started = True
        self.n += len(df)


def cmd_analyze(args) -> int:
    from .features import document_features, outlet_features_from
    from .pipeline import analyze_chunks
    from .report import write_outputs
    from .studies import load_study

    study = load_study(args.study, lexicons=args.lexicon or None)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stages = () if args.stages == "none" else (None if args.stages == "all" else
                                               tuple(args.stages.split(",")))
    t0 = time.perf_counter()
    sinks = {name: _CsvSink(out / f"{name}.csv") for name in ("hits",)}
    collected: dict[str, list] = {"documents": [], "features": [], "corpus": []}
    n_chars = 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for part in analyze_chunks(_corpus_chunks(args), study=study, stages=stages,
                                   n_jobs=args.n_jobs, progress=not args.quiet and None):
            docs = part["documents"]
            hits = part["hits"]
            sinks["hits"].write(hits)
            collected["documents"].append(docs)
            collected["features"].append(document_features(hits, docs))
            keep_cols = [c for c in part["corpus"].columns if c != "text"]
            collected["corpus"].append(part["corpus"][keep_cols])
            n_chars += int(docs["n_chars"].sum())
            for s in STAGE_OUTPUTS:
                if s in part:
                    collected.setdefault(s, []).append(part[s])
    documents = pd.concat(collected["documents"], ignore_index=True)
    features = pd.concat(collected["features"], ignore_index=True)
    outlets = outlet_features_from(features, documents)
    tables = {"documents": documents, "features": features, "outlets": outlets}
    for s in STAGE_OUTPUTS:
        if s in collected:
            frames = [f for f in collected[s] if len(f)] or collected[s][:1]
            tables["attributions" if s == "attribution" else s] = pd.concat(frames,
                                                                            ignore_index=True)
    corpus = pd.concat(collected["corpus"], ignore_index=True)
    written = write_outputs(out, tables, corpus=corpus, hits_path=sinks["hits"].path,
                            figures=not args.no_figures, study=study)
    elapsed = time.perf_counter() - t0
    skipped = documents[documents["status"] != "ok"]
    if not args.quiet:
        print(f"framing analyze: {len(documents)} documents ({len(skipped)} without usable text), "
              f"{n_chars / 1e6:.2f} M characters, {sinks['hits'].n} lexicon hits, "
              f"{elapsed:.1f} s")
        for _, row in skipped.head(10).iterrows():
            print(f"  skipped {row['doc_id']}: {row['status']}")
        print(f"study: {study.title} ({', '.join(f'{lx.name}: {lx.role}' for lx in study.lexicons)})")
        for note in study.notes:
            print(f"note: {note}")
        _print_summary(tables, out, study)
        print(f"outputs in {out}/: " + ", ".join(sorted(str(p.relative_to(out)) for p in written)))
        for w in caught:
            if not issubclass(w.category, (DeprecationWarning, FutureWarning)):
                print(f"warning: {w.message}", file=sys.stderr)
    return 0


def _print_summary(tables: dict, out: Path, study) -> None:
    from .studies import FRAMING_ROLES

    o = tables["outlets"]
    sub = o[(o["dimension"] == "side") & o["voice"].isin(["own", "quoted"])
            & o["lexicon"].isin(study.names(*FRAMING_ROLES))]
    if sub.empty:
        return
    piv = sub.pivot_table(index="outlet", columns=["lexicon", "value", "voice"], values="count",
                          aggfunc="sum", fill_value=0)
    cells = {}
    for lex, side in sorted({(a, b) for a, b, _ in piv.columns}):
        own = piv.get((lex, side, "own"), 0)
        quoted = piv.get((lex, side, "quoted"), 0)
        cells[f"{lex}:{side}"] = [f"{int(x)}/{int(y)}" for x, y in zip(
            own if hasattr(own, "__iter__") else [own] * len(piv),
            quoted if hasattr(quoted, "__iter__") else [quoted] * len(piv))]
    table = pd.DataFrame(cells, index=piv.index)
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        print("\nFraming terms by the side whose usage they reflect "
              "(counts: outlet's own words / quoted words):")
        print(table.to_string())
    if "attributions" in tables and len(tables["attributions"]):
        at = tables["attributions"].merge(tables["documents"][["doc_id", "outlet"]], on="doc_id")
        share = pd.crosstab(at["outlet"], at["side"].replace("", "(unresolved)"))
        print("\nAttributions by speaker side (counts):")
        print(share.to_string())
    print(f"\nSee {out / 'report.html'} for figures and the evidence sentences.")


def cmd_kwic(args) -> int:
    from .lexicons import kwic, load_lexicon

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
    for r in k.itertuples(index=False):
        print(f"{r.doc_id[:22]:<22} {r.voice:<6} {r.left[-w:]:>{w}} [{r.match}] {r.right[:w]}")
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
    corpus = None
    if args.corpus:
        from .corpus import load_corpus

        corpus = load_corpus(args.corpus)
    result = evaluate(gold, corpus)
    print(format_evaluation(result))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
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
                        "('terms' without one). Alone, these lexicons are the whole study; with "
                        "--study they are added to it")
    a.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out)")
    a.add_argument("--stages", default="all",
                   help="comma-separated stages to run: attribution,agency,tone; 'all' (default) "
                        "or 'none'")
    a.add_argument("--n-jobs", type=int, default=1, help="worker processes (-1: all cores)")
    a.add_argument("--no-figures", action="store_true", help="skip figures and the HTML report")
    a.add_argument("--quiet", action="store_true", help="print nothing but errors")
    a.set_defaults(func=cmd_analyze)

    k = sub.add_parser("kwic", help="show a term in context",
                       description="Keyword in context: every match of TERM with the text around it.")
    k.add_argument("path", nargs="?", default=None,
                   help="corpus (default: the bundled sample corpus)")
    k.add_argument("term", help="a term in lexicon syntax ('occupied territories', 'provocation*', "
                                "'re:...'); with --lexicon, a term, canonical name, category or side")
    k.add_argument("--lexicon", metavar="NAME_OR_PATH", help="look TERM up in this lexicon")
    k.add_argument("--window", type=int, default=50, help="characters of context (default 50)")
    k.add_argument("--limit", type=int, default=0, help="show at most this many matches")
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
    return p


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except FramingError as e:
        if os.environ.get("FRAMING_DEBUG"):
            raise
        print(f"framing: error: {e}", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as e:
        if os.environ.get("FRAMING_DEBUG"):
            raise
        print(f"framing: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
