"""Writing the outputs of ``framing analyze``: CSV tables, figures and ``report.html``.

The report is one self-contained HTML page (figures embedded as base64 PNG), so it
opens in any browser without a server and can be attached to an e-mail.
"""
from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd

__all__ = ["write_outputs", "render_report"]


def _evidence(hits_path: Path, corpus: pd.DataFrame, *, lexicons=("naming", "loaded"),
              per_term: int = 3, window: int = 70) -> pd.DataFrame:
    """A few example sentences for each (outlet, lexicon, canonical term)."""
    if not hits_path.exists():
        return pd.DataFrame()
    rows = []
    for chunk in pd.read_csv(hits_path, chunksize=200_000, dtype={"doc_id": str},
                             keep_default_na=False):
        rows.append(chunk[chunk["lexicon"].isin(lexicons)])
    if not rows:
        return pd.DataFrame()
    h = pd.concat(rows, ignore_index=True)
    if h.empty:
        return h
    outlet = corpus.set_index("doc_id")["outlet"].fillna("(unknown)")
    h["outlet"] = h["doc_id"].map(outlet)
    h = h.groupby(["outlet", "lexicon", "canonical"], sort=True).head(per_term)
    bodies = corpus.set_index("doc_id")["body"]
    lefts, rights = [], []
    for d, s, e in zip(h["doc_id"], h["start"], h["end"]):
        b = bodies.get(d, "")
        lefts.append(b[max(0, s - window):s].replace("\n", " "))
        rights.append(b[e:e + window].replace("\n", " "))
    h["left"], h["right"] = lefts, rights
    return h[["outlet", "lexicon", "side", "canonical", "doc_id", "sent_id", "voice", "left",
              "match", "right"]]


def write_outputs(out: Path, tables: dict, *, corpus: pd.DataFrame, hits_path: Path,
                  figures: bool = True) -> list[Path]:
    """Write every table as CSV, the figures and the HTML report into ``out``.

    Returns the list of files written (besides ``hits.csv``, written while streaming).
    """
    from .plot import plot_naming, save_figure

    out = Path(out)
    written = [hits_path]
    for name, df in tables.items():
        if isinstance(df, pd.DataFrame):
            p = out / f"{name}.csv"
            df.to_csv(p, index=False)
            written.append(p)
    figs: dict[str, Path] = {}
    if figures:
        import matplotlib.pyplot as plt

        fig_dir = out / "figures"
        o = tables["outlets"]
        naming = o[(o["dimension"] == "side") & o["voice"].isin(["own", "quoted"])]
        for lex, fname, title in (("naming", "naming_by_outlet", "Naming choices by outlet"),
                                  ("loaded", "loaded_terms_by_outlet",
                                   "Loaded terms by outlet (side whose framing they reflect)")):
            ax = plot_naming(naming.rename(columns={"value": "side"}), lexicon=lex, title=title)
            figs[fname] = save_figure(ax, fig_dir / fname)[0]
            plt.close(ax.figure)
        full = _with_hits(tables, corpus, hits_path)
        figs.update(_stage_figures(full, corpus, fig_dir))
        comp_figs, numbers = _comparison_figures(full, corpus, fig_dir)
        figs.update(comp_figs)
        written.extend(figs.values())
        evidence = _evidence(hits_path, corpus)
        if len(evidence):
            p = out / "evidence.csv"
            evidence.to_csv(p, index=False)
            written.append(p)
        rp = out / "report.html"
        rp.write_text(render_report(tables, figs, evidence, numbers=numbers), encoding="utf-8")
        written.append(rp)
    return written


# Features behind each figure: the report links each of their numbers to sentences.
FIGURE_FEATURES = {
    "naming_by_outlet": ["naming:*@all"],
    "loaded_terms_by_outlet": ["loaded:*@all"],
    "source_balance": ["attribution:share:*"],
    "verb_class_by_side": ["attribution:verb:*"],
    "agency_by_side": ["agency:agent:*", "agency:patient:*", "agency:agentless*"],
    "tone_toward_sides": ["tone_toward:*"],
    "naming_preferences_intervals": ["naming:*@own"],
    "outlet_feature_heatmap": ["naming:*@own", "loaded:*@own", "attribution:share:*",
                               "agency:agentless", "tone:own", "tone_toward:*@own"],
}

_HITS_COLUMNS = ["doc_id", "sent_id", "start", "end", "lexicon", "category", "side", "term",
                 "canonical", "match", "voice", "speech"]


def _with_hits(tables: dict, corpus: pd.DataFrame, hits_path: Path) -> dict:
    """The tables plus ``hits`` (side-tagged rows read back from ``hits.csv``) and ``corpus``."""
    full = dict(tables)
    full["corpus"] = corpus
    if hits_path is not None and Path(hits_path).exists():
        parts = []
        for chunk in pd.read_csv(hits_path, chunksize=200_000, dtype={"doc_id": str},
                                 keep_default_na=False,
                                 usecols=lambda c: c in _HITS_COLUMNS):
            parts.append(chunk[(chunk["side"] != "") | (chunk["lexicon"] != "actors")])
        if parts:
            full["hits"] = pd.concat(parts, ignore_index=True)
    return full


def _quiet(fn, *args, **kwargs):
    """Call ``fn`` with warnings silenced (the CLI already reports small outlets once)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def _contrast_sides(att: pd.DataFrame) -> list[str]:
    """The two sides to contrast: the actors lexicon's ``contrast`` metadata if it names
    two sides present in the attributions, else the two most-quoted sides."""
    try:
        from .lexicons import load_lexicon

        declared = list(load_lexicon("actors").meta.get("contrast") or [])
    except Exception:  # a custom setup without the shipped actors lexicon
        declared = []
    present = set(att["side"])
    if len(declared) == 2 and all(s in present for s in declared):
        return declared
    return [s for s in att["side"].value_counts().index if s][:2]


def _stage_figures(tables: dict, corpus: pd.DataFrame, fig_dir: Path) -> dict[str, Path]:
    """Figures of the attribution, agency and tone stages (when they ran).

    Uses the stage plots of :mod:`framing.plot` (source balance, verb class by
    side, distancing asymmetry, agency, tone toward each side). A figure that
    fails is left out of the report with a warning, never aborting the run.
    """
    import warnings

    import matplotlib.pyplot as plt

    from .attribution import attribution_by_outlet, distancing_asymmetry, verb_class_by_side
    from .plot import (plot_agency, plot_distancing_asymmetry, plot_source_balance,
                       plot_verb_class_by_side, save_figure)

    figs: dict[str, Path] = {}

    def attempt(name, draw):
        try:
            ax = draw()
        except Exception as exc:  # a broken figure must not sink the report
            warnings.warn(f"report: figure {name!r} left out ({type(exc).__name__}: {exc})",
                          stacklevel=2)
            plt.close("all")
            return
        if ax is None:
            return
        figs[name] = save_figure(ax, fig_dir / name)[0]
        plt.close(ax.figure)

    att = tables.get("attributions")
    if isinstance(att, pd.DataFrame) and len(att):
        attempt("source_balance", lambda: plot_source_balance(
            attribution_by_outlet(att, corpus), title="Whose voice is heard (share of attributions)"))
        attempt("verb_class_by_side", lambda: plot_verb_class_by_side(
            verb_class_by_side(att, corpus, by_outlet=True)))
        sides = _contrast_sides(att)
        if len(sides) == 2:
            attempt("distancing_asymmetry", lambda: plot_distancing_asymmetry(
                distancing_asymmetry(att, corpus, side_a=sides[0], side_b=sides[1], n_boot=2000,
                                     random_state=0),
                title=f"Distancing verbs: {sides[0]} speakers minus {sides[1]} speakers"))
    ag = tables.get("agency")
    if isinstance(ag, pd.DataFrame) and len(ag):
        from .agency import agency_by_outlet

        attempt("agency_by_side", lambda: plot_agency(agency_by_outlet(ag, corpus)))
    sides = tables.get("tone_sides")
    if not isinstance(sides, pd.DataFrame) and isinstance(tables.get("tone"), pd.DataFrame) \
            and isinstance(tables.get("hits"), pd.DataFrame) and "body" in corpus.columns:
        from .stance import tone_toward_sides

        h = tables["hits"]
        sides = tone_toward_sides(corpus, actors=h[h["lexicon"] == "actors"])
        tables["tone_sides"] = sides
    if isinstance(sides, pd.DataFrame) and len(sides):
        from .plot import plot_tone
        from .stance import tone_by_outlet

        attempt("tone_toward_sides", lambda: plot_tone(
            tone_by_outlet(sides, corpus), title="Tone of sentences mentioning each side"))
    return figs


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")[:40] or "x"


def _comparison_figures(tables: dict, corpus: pd.DataFrame, fig_dir: Path):
    """Outlet comparison figures (heatmap, naming intervals, keyness) and their numbers.

    Returns
    -------
    figs : dict of name -> Path
    numbers : dict of figure name -> (values DataFrame, evidence DataFrame)
        ``values``: :func:`framing.compare.compare_outlets` rows of the figure's
        features; ``evidence``: :func:`framing.compare.feature_evidence` rows
        (``feature, outlet, ... sentence``) behind them.
    """
    import matplotlib.pyplot as plt

    from .compare import compare_outlets, feature_evidence, keyness
    from .plot import plot_heatmap, plot_intervals, plot_keyness, save_figure

    figs: dict[str, Path] = {}
    numbers: dict[str, tuple] = {}
    t = {k: v for k, v in tables.items() if k != "outlets"}
    try:
        comp = _quiet(compare_outlets, t, n_boot=1000)
    except Exception:  # no feature at all (empty corpus)
        return figs, numbers
    import fnmatch

    def pick(patterns):
        names = [f for f in pd.unique(comp["feature"])
                 if any(fnmatch.fnmatchcase(f, p) for p in patterns)]
        return comp[comp["feature"].isin(names)]

    naming = pick(FIGURE_FEATURES["naming_preferences_intervals"])
    if len(naming):
        ax = plot_intervals(naming, title="Naming preferences in the outlets' own voice "
                            "(per 1,000 words)", xlabel="naming terms per 1,000 words, by side "
                            "whose usage they reflect (95% bootstrap interval over documents)")
        figs["naming_preferences_intervals"] = save_figure(ax, fig_dir /
                                                           "naming_preferences_intervals")[0]
        plt.close(ax.figure)
    heat = pick(FIGURE_FEATURES["outlet_feature_heatmap"])
    keep = heat.groupby("feature")["value"].apply(lambda v: v.fillna(0).abs().sum() > 0)
    heat = heat[heat["feature"].isin(keep[keep].index)]
    if len(heat):
        ax = plot_heatmap(heat, title="Outlet × feature (colour: z within feature; "
                          "numbers: values)")
        figs["outlet_feature_heatmap"] = save_figure(ax, fig_dir / "outlet_feature_heatmap")[0]
        plt.close(ax.figure)
    # evidence for every feature of every figure
    for name in list(figs) + [n for n in FIGURE_FEATURES if n not in figs]:
        patterns = FIGURE_FEATURES.get(name)
        if patterns is None:
            continue
        vals = pick(patterns)
        vals = vals[vals["value"].notna()]
        ev = []
        for feat in pd.unique(vals.loc[vals["value"] != 0, "feature"]):
            try:
                ev.append(feature_evidence(t, feat, n=3))
            except Exception:
                continue
        numbers[name] = (vals, pd.concat(ev, ignore_index=True) if ev else pd.DataFrame())
    # keyness: each outlet against the rest (at most 8 outlets, the largest)
    if "body" in corpus.columns and corpus["outlet"].nunique() >= 2:
        k = keyness(corpus, stopwords="english", min_count=2)
        top_outlets = corpus["outlet"].value_counts().index[:8]
        for outlet in sorted(map(str, top_outlets)):
            sub = k[k["target"] == outlet]
            if sub.empty:
                continue
            name = f"keyness_{_slug(outlet)}"
            ax = plot_keyness(sub, n=8, title=f"Distinctive words: {outlet} vs the other outlets")
            figs[name] = save_figure(ax, fig_dir / name)[0]
            plt.close(ax.figure)
            terms = pd.concat([sub.head(8), sub.tail(8)]).drop_duplicates("term")
            terms = terms[terms["stat"] > 0]
            vals = pd.DataFrame({"outlet": outlet, "feature": "term:" + terms["term"],
                                 "value": terms["stat"], "ci_low": float("nan"),
                                 "ci_high": float("nan"), "n_docs": terms["n_target"]})
            ev = [feature_evidence(t, f, outlet=outlet, n=3) for f in vals["feature"]]
            ev = [e for e in ev if len(e)]
            numbers[name] = (vals, pd.concat(ev, ignore_index=True) if ev else pd.DataFrame())
    return figs, numbers


def _img(path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img alt="{html.escape(path.stem)}" src="data:image/png;base64,{data}">'


def _anchor(figure: str, feature: str, outlet: str) -> str:
    import hashlib

    key = f"{figure}\x1f{feature}\x1f{outlet}".encode()
    return "ev-" + hashlib.sha1(key).hexdigest()[:12]


def _numbers_html(name: str, vals: pd.DataFrame, ev: pd.DataFrame) -> list[str]:
    """The figure's numbers (outlet × feature), each linked to its evidence sentences."""
    esc = html.escape
    have = set(zip(ev["feature"], ev["outlet"])) if len(ev) else set()
    is_term = vals["feature"].astype(str).str.startswith("term:").all()
    parts = [f"<details class='numbers'><summary>Numbers behind this figure and the sentences "
             f"they come from ({len(vals)} values)</summary>",
             "<table><tr><th>outlet</th><th>feature</th><th>"
             + ("z (log-odds)" if is_term else "value [95% interval]") + "</th>"
             + ("<th>count</th>" if is_term else "<th>documents</th>") + "</tr>"]
    for r in vals.itertuples(index=False):
        if is_term:
            shown = f"{r.value:.2f}"
        else:
            shown = f"{r.value:.3g}" + ("" if pd.isna(r.ci_low) else
                                       f" [{r.ci_low:.3g}, {r.ci_high:.3g}]")
        cell = (f"<a href='#{_anchor(name, r.feature, r.outlet)}'>{esc(shown)}</a>"
                if (r.feature, r.outlet) in have else esc(shown))
        parts.append(f"<tr><td>{esc(str(r.outlet))}</td><td><code>{esc(str(r.feature))}</code>"
                     f"</td><td>{cell}</td><td>{esc(str(r.n_docs))}</td></tr>")
    parts.append("</table>")
    if len(ev):
        for (feat, outlet), g in ev.groupby(["feature", "outlet"], sort=False):
            parts.append(f"<div class='ev' id='{_anchor(name, feat, outlet)}'><p><b>"
                         f"{esc(str(outlet))}</b> — <code>{esc(str(feat))}</code></p><ul>")
            for e in g.itertuples(index=False):
                parts.append(f"<li><span class='ctx'>…{esc(str(e.left))}</span>"
                             f"<span class='kw'>{esc(str(e.match))}</span>"
                             f"<span class='ctx'>{esc(str(e.right))}…</span> "
                             f"<small>({esc(str(e.doc_id))}, sentence {e.sent_id}"
                             + (f", {esc(str(e.voice))}" if str(e.voice) else "") +
                             ")</small></li>")
            parts.append("</ul></div>")
    parts.append("</details>")
    return parts


def render_report(tables: dict, figures: dict, evidence: pd.DataFrame, *,
                  numbers: dict | None = None) -> str:
    """One self-contained HTML page with tables, figures and evidence sentences.

    Parameters
    ----------
    tables : dict of DataFrame
        At least ``documents`` and ``outlets``.
    figures : dict of name -> Path
        PNG files, embedded as ``data:`` URIs (the page needs no other file).
    evidence : DataFrame
        Naming and loaded terms in context (``outlet, lexicon, side, canonical,
        voice, left, match, right``).
    numbers : dict of figure name -> (values, evidence), optional
        For each figure, the :func:`framing.compare.compare_outlets` values it
        shows and the :func:`framing.compare.feature_evidence` sentences behind
        them; each value links to its sentences.

    Returns
    -------
    str
        The HTML page.
    """
    numbers = numbers or {}
    docs = tables["documents"]
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<title>framing report</title><style>",
        "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
        "color:#222}table{border-collapse:collapse;font-size:13px;margin:1em 0}"
        "td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#f3f3f3}"
        "img{max-width:100%;border:1px solid #eee;margin:1em 0}.kw{font-weight:bold;"
        "background:#fff3b0}.ctx{color:#555}.ev{margin:0.5em 0 1em 1em;font-size:13px}"
        ".ev:target{background:#fffbe0}details.numbers{margin:0 0 2em 0}</style></head><body>",
        "<h1>framing report</h1>",
        f"<p>{len(docs)} documents from {docs['outlet'].nunique()} outlets; "
        f"{int((docs['status'] != 'ok').sum())} without usable text (listed below). "
        "Counts are traceable: every number comes from rows of <code>hits.csv</code> "
        "(character offsets into the cleaned text) and the evidence sentences below.</p>",
    ]
    small = docs.groupby("outlet")["doc_id"].nunique()
    small = small[small < 3]
    if len(small):
        parts.append(f"<p><b>Caution:</b> {len(small)} outlet(s) have fewer than 3 documents "
                     f"({', '.join(html.escape(str(o)) for o in small.index)}); their intervals "
                     "say little about the outlet, and with one document the interval is the "
                     "value itself.</p>")
    parts += ["<h2>Documents</h2>", docs.to_html(index=False, border=0, na_rep="")]
    for name, path in figures.items():
        anchor = html.escape(name)
        parts.append(f"<h2 id='fig-{anchor}'>{html.escape(name.replace('_', ' ').capitalize())}"
                     "</h2>")
        parts.append(_img(path))
        if name in numbers and len(numbers[name][0]):
            parts.extend(_numbers_html(name, *numbers[name]))
    o = tables["outlets"]
    piv = o[(o["dimension"] == "side") & (o["voice"] == "all")].pivot_table(
        index="outlet", columns=["lexicon", "value"], values="rate", aggfunc="sum", fill_value=0)
    if len(piv):
        parts.append("<h2>Rates per 1,000 words, by lexicon and side</h2>")
        parts.append(piv.round(2).to_html(border=0))
    if len(evidence):
        parts.append("<h2>Evidence: naming and loaded terms in context</h2>")
        parts.append("<table><tr><th>outlet</th><th>lexicon</th><th>side</th><th>term</th>"
                     "<th>voice</th><th>context</th></tr>")
        for r in evidence.itertuples(index=False):
            parts.append(
                f"<tr><td>{html.escape(str(r.outlet))}</td><td>{r.lexicon}</td>"
                f"<td>{html.escape(str(r.side))}</td><td>{html.escape(str(r.canonical))}</td>"
                f"<td>{r.voice}</td><td><span class='ctx'>…{html.escape(r.left)}</span>"
                f"<span class='kw'>{html.escape(r.match)}</span>"
                f"<span class='ctx'>{html.escape(r.right)}…</span></td></tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
