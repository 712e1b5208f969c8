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


def _evidence(hits_path: Path, corpus: pd.DataFrame, *, lexicons=(),
              per_term: int = 3, window: int = 70) -> pd.DataFrame:
    """A few example sentences for each (outlet, lexicon, canonical term) of ``lexicons``."""
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


def _framing_figures(study) -> list[tuple[str, str, str]]:
    """``(figure name, lexicon name, title)`` of the naming and loaded figures of a study."""
    out = []
    for role, stem in (("naming", "naming"), ("loaded", "loaded_terms")):
        lexes = study.by_role(role)
        for lx in lexes:
            name = f"{stem}_by_outlet" if len(lexes) == 1 else f"{stem}_{_slug(lx.name)}_by_outlet"
            out.append((name, lx.name, f"{study.lexicon_title(lx.name)} by outlet"))
    return out


def write_outputs(out: Path, tables: dict, *, corpus: pd.DataFrame, hits_path: Path,
                  figures: bool = True, study=None) -> list[Path]:
    """Write every table as CSV, the figures and the HTML report into ``out``.

    Parameters
    ----------
    out : Path
    tables : dict of DataFrame
    corpus : DataFrame
    hits_path : Path
        ``hits.csv``, written while streaming.
    figures : bool, default True
        Draw the figures and write ``report.html``.
    study : Study, optional
        Roles, side labels and colours (default: the default study).

    Returns
    -------
    list of Path
        The files written (``hits.csv`` included).
    """
    from .plot import plot_naming, save_figure
    from .studies import FRAMING_ROLES, _default_study

    study = study or _default_study()
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
        for fname, lex, title in _framing_figures(study):
            ax = plot_naming(naming.rename(columns={"value": "side"}), lexicon=lex, title=title,
                             study=study)
            figs[fname] = save_figure(ax, fig_dir / fname)[0]
            plt.close(ax.figure)
        full = _with_hits(tables, corpus, hits_path, study)
        figs.update(_stage_figures(full, corpus, fig_dir, study))
        comp_figs, numbers = _comparison_figures(full, corpus, fig_dir, study)
        figs.update(comp_figs)
        written.extend(figs.values())
        evidence = _evidence(hits_path, corpus, lexicons=study.names(*FRAMING_ROLES))
        if len(evidence):
            p = out / "evidence.csv"
            evidence.to_csv(p, index=False)
            written.append(p)
        rp = out / "report.html"
        rp.write_text(render_report(tables, figs, evidence, numbers=numbers, study=study),
                      encoding="utf-8")
        written.append(rp)
    return written


def figure_features(study) -> dict[str, list[str]]:
    """Features behind each figure (patterns of :func:`framing.compare_outlets` names):
    the report links each of their numbers to sentences."""
    from .studies import FRAMING_ROLES

    feats = {name: [f"{lex}:*@all"] for name, lex, _ in _framing_figures(study)}
    feats.update({
        "source_balance": ["attribution:share:*"],
        "verb_class_by_side": ["attribution:verb:*"],
        "agency_by_side": ["agency:agent:*", "agency:patient:*", "agency:agentless*"],
        "tone_toward_sides": ["tone_toward:*"],
        "naming_preferences_intervals": [f"{n}:*@own" for n in study.names("naming")],
        "outlet_feature_heatmap": [f"{n}:*@own" for n in study.names(*FRAMING_ROLES)]
        + ["attribution:share:*", "agency:agentless", "tone:own", "tone_toward:*@own"],
    })
    return feats


_HITS_COLUMNS = ["doc_id", "sent_id", "start", "end", "lexicon", "category", "side", "term",
                 "canonical", "match", "voice", "speech"]


def _with_hits(tables: dict, corpus: pd.DataFrame, hits_path: Path, study) -> dict:
    """The tables plus ``hits`` (side-tagged rows read back from ``hits.csv``), ``corpus``
    and ``study``."""
    full = dict(tables)
    full["corpus"] = corpus
    full["study"] = study
    actors = study.names("actors")
    if hits_path is not None and Path(hits_path).exists():
        parts = []
        for chunk in pd.read_csv(hits_path, chunksize=200_000, dtype={"doc_id": str},
                                 keep_default_na=False,
                                 usecols=lambda c: c in _HITS_COLUMNS):
            parts.append(chunk[(chunk["side"] != "") | ~chunk["lexicon"].isin(actors)])
        if parts:
            full["hits"] = pd.concat(parts, ignore_index=True)
    return full


def _quiet(fn, *args, **kwargs):
    """Call ``fn`` with warnings silenced (the CLI already reports small outlets once)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def _contrast_sides(att: pd.DataFrame, study) -> list[str]:
    """The two sides to contrast: the study's ``contrast`` if both are present in the
    attributions, else the two most-quoted sides."""
    declared = list(study.contrast or ())
    present = set(att["side"])
    if len(declared) == 2 and all(s in present for s in declared):
        return declared
    return [s for s in att["side"].value_counts().index if s][:2]


def _stage_figures(tables: dict, corpus: pd.DataFrame, fig_dir: Path, study) -> dict[str, Path]:
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
            attribution_by_outlet(att, corpus), title="Whose voice is heard (share of attributions)",
            study=study))
        attempt("verb_class_by_side", lambda: plot_verb_class_by_side(
            verb_class_by_side(att, corpus, by_outlet=True), study=study))
        sides = _contrast_sides(att, study)
        if len(sides) == 2:
            la, lb = study.label(sides[0]), study.label(sides[1])
            attempt("distancing_asymmetry", lambda: plot_distancing_asymmetry(
                distancing_asymmetry(att, corpus, side_a=sides[0], side_b=sides[1], n_boot=2000,
                                     random_state=0),
                title=f"Distancing verbs: {la} speakers minus {lb} speakers", study=study))
    ag = tables.get("agency")
    if isinstance(ag, pd.DataFrame) and len(ag):
        from .agency import agency_by_outlet

        attempt("agency_by_side", lambda: plot_agency(agency_by_outlet(ag, corpus), study=study))
    sides = tables.get("tone_sides")
    if not isinstance(sides, pd.DataFrame) and isinstance(tables.get("tone"), pd.DataFrame) \
            and isinstance(tables.get("hits"), pd.DataFrame) and "body" in corpus.columns:
        from .stance import tone_toward_sides

        h = tables["hits"]
        sides = tone_toward_sides(corpus, actors=h[h["lexicon"].isin(study.names("actors"))])
        tables["tone_sides"] = sides
    if isinstance(sides, pd.DataFrame) and len(sides):
        from .plot import plot_tone
        from .stance import tone_by_outlet

        attempt("tone_toward_sides", lambda: plot_tone(
            tone_by_outlet(sides, corpus), title="Tone of sentences mentioning each side",
            study=study))
    return figs


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")[:40] or "x"


def _comparison_figures(tables: dict, corpus: pd.DataFrame, fig_dir: Path, study):
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
    features_of = figure_features(study)
    try:
        comp = _quiet(compare_outlets, t, n_boot=1000)
    except Exception:  # no feature at all (empty corpus)
        return figs, numbers
    import fnmatch

    def pick(patterns):
        names = [f for f in pd.unique(comp["feature"])
                 if any(fnmatch.fnmatchcase(f, p) for p in patterns)]
        return comp[comp["feature"].isin(names)]

    naming = pick(features_of["naming_preferences_intervals"])
    if len(naming):
        ax = plot_intervals(naming, title="Naming preferences in the outlets' own voice "
                            "(per 1,000 words)", xlabel="naming terms per 1,000 words, by side "
                            "whose usage they reflect (95% bootstrap interval over documents)",
                            study=study)
        figs["naming_preferences_intervals"] = save_figure(ax, fig_dir /
                                                           "naming_preferences_intervals")[0]
        plt.close(ax.figure)
    heat = pick(features_of["outlet_feature_heatmap"])
    keep = heat.groupby("feature")["value"].apply(lambda v: v.fillna(0).abs().sum() > 0)
    heat = heat[heat["feature"].isin(keep[keep].index)]
    if len(heat):
        ax = plot_heatmap(heat, title="Outlet × feature (colour: z within feature; "
                          "numbers: values)", study=study)
        figs["outlet_feature_heatmap"] = save_figure(ax, fig_dir / "outlet_feature_heatmap")[0]
        plt.close(ax.figure)
    # evidence for every feature of every figure
    for name in list(figs) + [n for n in features_of if n not in figs]:
        patterns = features_of.get(name)
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


def _numbers_html(name: str, vals: pd.DataFrame, ev: pd.DataFrame, *, study=None) -> list[str]:
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
        label = study.feature_label(r.feature) if study is not None else str(r.feature)
        parts.append(f"<tr><td>{esc(str(r.outlet))}</td><td>{esc(label)}</td>"
                     f"<td>{cell}</td><td>{esc(str(r.n_docs))}</td></tr>")
    parts.append("</table>")
    if len(ev):
        for (feat, outlet), g in ev.groupby(["feature", "outlet"], sort=False):
            label = study.feature_label(feat) if study is not None else str(feat)
            parts.append(f"<div class='ev' id='{_anchor(name, feat, outlet)}'><p><b>"
                         f"{esc(str(outlet))}</b> — {esc(label)}</p><ul>")
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


_FIGURE_TITLES = {
    "source_balance": ("Attribution", "Whose voice is heard"),
    "verb_class_by_side": ("Attribution", "How each side's words are introduced"),
    "distancing_asymmetry": ("Attribution", "Distancing verbs between the contrast sides"),
    "agency_by_side": ("Agency", "Who does violence to whom"),
    "tone_toward_sides": ("Tone", "Tone of sentences mentioning each side"),
    "naming_preferences_intervals": ("Comparison", "Naming preferences with intervals"),
    "outlet_feature_heatmap": ("Comparison", "Outlets across features"),
}


def _figure_heading(name: str, study) -> tuple[str, str]:
    """(section, heading) of a figure: naming and loaded figures are titled from the study."""
    for fname, lex, title in _framing_figures(study):
        if fname == name:
            return study.lexicon_title(lex), title
    if name in _FIGURE_TITLES:
        return _FIGURE_TITLES[name]
    if name.startswith("keyness_"):
        return "Distinctive words", name.replace("_", " ").capitalize()
    return "Figures", name.replace("_", " ").capitalize()


def render_report(tables: dict, figures: dict, evidence: pd.DataFrame, *,
                  numbers: dict | None = None, study=None) -> str:
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
    study : Study, optional
        Titles of the sections, labels of sides and features (default: the
        default study).

    Returns
    -------
    str
        The HTML page.
    """
    from .studies import _default_study

    study = study or _default_study()
    esc = html.escape
    numbers = numbers or {}
    docs = tables["documents"]
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>framing report: {esc(study.title)}</title><style>",
        "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
        "color:#222}table{border-collapse:collapse;font-size:13px;margin:1em 0}"
        "td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#f3f3f3}"
        "img{max-width:100%;border:1px solid #eee;margin:1em 0}.kw{font-weight:bold;"
        "background:#fff3b0}.ctx{color:#555}.ev{margin:0.5em 0 1em 1em;font-size:13px}"
        ".ev:target{background:#fffbe0}details.numbers{margin:0 0 2em 0}</style></head><body>",
        f"<h1>framing report: {esc(study.title)}</h1>",
        f"<p>{len(docs)} documents from {docs['outlet'].nunique()} outlets; "
        f"{int((docs['status'] != 'ok').sum())} without usable text (listed below). "
        "Counts are traceable: every number comes from rows of <code>hits.csv</code> "
        "(character offsets into the cleaned text) and the evidence sentences below.</p>",
        "<p>Lexicons: " + "; ".join(f"{esc(study.lexicon_title(lx.name))} "
                                    f"(<code>{esc(lx.name)}</code>, {len(lx)} terms)"
                                    for lx in study.lexicons) + ".</p>",
    ]
    for note in study.notes:
        parts.append(f"<p><b>Note:</b> {esc(str(note))}.</p>")
    small = docs.groupby("outlet")["doc_id"].nunique()
    small = small[small < 3]
    if len(small):
        parts.append(f"<p><b>Caution:</b> {len(small)} outlet(s) have fewer than 3 documents "
                     f"({', '.join(esc(str(o)) for o in small.index)}); their intervals "
                     "say little about the outlet, and with one document the interval is the "
                     "value itself.</p>")
    parts += ["<h2>Documents</h2>", docs.to_html(index=False, border=0, na_rep="")]
    section = None
    for name, path in figures.items():
        anchor = esc(name)
        sec, heading = _figure_heading(name, study)
        if sec != section:
            parts.append(f"<h2>{esc(sec)}</h2>")
            section = sec
        parts.append(f"<h3 id='fig-{anchor}'>{esc(heading)}</h3>")
        parts.append(_img(path))
        if name in numbers and len(numbers[name][0]):
            parts.extend(_numbers_html(name, *numbers[name], study=study))
    o = tables["outlets"]
    side_rows = o[(o["dimension"] == "side") & (o["voice"] == "all")]
    for role in ("naming", "loaded", "places", "actors", "terms"):
        names = study.names(role)
        sub = side_rows[side_rows["lexicon"].isin(names)]
        if sub.empty:
            continue
        piv = sub.assign(lexicon=sub["lexicon"].map(study.lexicon_title),
                         value=sub["value"].map(study.label)).pivot_table(
            index="outlet", columns=["lexicon", "value"], values="rate", aggfunc="sum",
            fill_value=0)
        from .studies import ROLE_TITLES

        parts.append(f"<h2>{esc(ROLE_TITLES[role])}: rates per 1,000 words, by side</h2>")
        parts.append(piv.round(2).to_html(border=0))
    if len(evidence):
        parts.append("<h2>Evidence: " + esc(" and ".join(
            study.lexicon_title(n).lower() for n in pd.unique(evidence["lexicon"])))
            + " in context</h2>")
        parts.append("<table><tr><th>outlet</th><th>lexicon</th><th>side</th><th>term</th>"
                     "<th>voice</th><th>context</th></tr>")
        for r in evidence.itertuples(index=False):
            parts.append(
                f"<tr><td>{esc(str(r.outlet))}</td><td>{esc(study.lexicon_title(r.lexicon))}"
                f"</td><td>{esc(study.label(r.side))}</td><td>{esc(str(r.canonical))}</td>"
                f"<td>{esc(str(r.voice))}</td><td><span class='ctx'>…{esc(str(r.left))}</span>"
                f"<span class='kw'>{esc(str(r.match))}</span>"
                f"<span class='ctx'>{esc(str(r.right))}…</span></td></tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
