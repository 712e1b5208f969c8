"""Writing the outputs of ``framing analyze``: CSV tables, figures and ``report.html``.

The report is one self-contained HTML page (figures embedded as base64 PNG), so it
opens in any browser without a server and can be attached to an e-mail.
"""
from __future__ import annotations

import base64
import html
import io
from collections import Counter
from pathlib import Path

import pandas as pd


__all__ = ["write_report", "render_report"]


def _evidence(hits: pd.DataFrame, corpus: pd.DataFrame, *, lexicons=(),
              per_term: int = 3, window: int = 70) -> pd.DataFrame:
    """A few example sentences for each (outlet, lexicon, canonical term) of ``lexicons``."""
    if hits is None or not len(hits) or corpus is None or not len(corpus):
        return pd.DataFrame()
    h = hits[hits["lexicon"].isin(list(lexicons))].copy()
    if h.empty:
        return h
    outlet = corpus.drop_duplicates("doc_id").set_index("doc_id")["outlet"].fillna("(unknown)")
    h["outlet"] = h["doc_id"].map(outlet)
    h = h.sort_values(["outlet", "lexicon", "canonical", "doc_id", "start"], kind="stable")
    h = h.groupby(["outlet", "lexicon", "canonical"], sort=True).head(per_term)
    bodies = corpus.drop_duplicates("doc_id").set_index("doc_id")["body"]
    lefts, rights = [], []
    for d, s, e in zip(h["doc_id"], h["start"], h["end"]):
        b = bodies.get(d, "")
        b = b if isinstance(b, str) else ""
        lefts.append(b[max(0, s - window):s].replace("\n", " "))
        rights.append(b[e:e + window].replace("\n", " "))
    h["left"], h["right"] = lefts, rights
    return h[["outlet", "lexicon", "side", "canonical", "doc_id", "sent_id", "voice", "left",
              "match", "right"]].reset_index(drop=True)


def _framing_figures(study) -> list[tuple[str, str, str]]:
    """``(figure name, lexicon name, title)`` of the naming and loaded figures of a study."""
    out = []
    for role, stem in (("naming", "naming"), ("loaded", "loaded_terms")):
        lexes = study.by_role(role)
        for lx in lexes:
            name = f"{stem}_by_outlet" if len(lexes) == 1 else f"{stem}_{_slug(lx.name)}_by_outlet"
            out.append((name, lx.name, f"{study.lexicon_title(lx.name)} by outlet"))
    return out


def evidence_table(agg, study=None) -> pd.DataFrame:
    """Naming and loaded terms in context, from the run's sample of documents."""
    from .studies import FRAMING_ROLES

    study = study or agg.study
    sample = agg.sample_tables()
    return _evidence(sample.get("hits"), sample.get("corpus"),
                     lexicons=study.names(*FRAMING_ROLES))


def write_report(out: Path, agg, *, study=None, format: str = "csv",
                 max_rows: int = 200, evidence: pd.DataFrame | None = None,
                 n_jobs: int = 1) -> list[Path]:
    """Figures, ``evidence`` and ``report.html`` of a run, from its aggregates.

    Parameters
    ----------
    out : Path
        The output folder (the row tables are already in it).
    agg : RunAggregates
        The merged aggregates of the run (:func:`framing.analyze_to`).
    study : Study, optional
        Roles, side labels and colours (default: the aggregates' study).
    format : str, default "csv"
        Format of the tables the report links to.
    max_rows : int, default 200
        Rows of the documents table shown in the report (the full table is
        ``documents.csv``); the report stays small whatever the corpus size.
    evidence : DataFrame, optional
        The evidence table (default: :func:`evidence_table` of ``agg``).
    n_jobs : int, default 1
        Processes drawing the figures (each figure is drawn and saved by one
        process; the files are the same whatever ``n_jobs``).

    Returns
    -------
    list of Path
        The files written.
    """
    import gc

    import numpy as np

    # the run's tables are in memory: without freezing them, every full collection
    # triggered by the figures' many small objects walks them all (about 6 % of the time)
    # (a caller that froze objects itself is left as it is)
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        with np.errstate(invalid="ignore", divide="ignore"):  # degenerate axes of tiny corpora
            return _write_report(out, agg, study=study or agg.study, format=format,
                                 max_rows=max_rows, evidence=evidence, n_jobs=n_jobs)
    finally:
        if freeze:
            gc.unfreeze()


def _write_report(out: Path, agg, *, study, format: str, max_rows: int,
                  evidence, n_jobs: int = 1) -> list[Path]:
    from .plot import plot_naming

    out = Path(out)
    fig_dir = out / "figures"
    written: list[Path] = []
    jobs: list[tuple] = []  # (figure name, function, args, kwargs), drawn by the renderer
    renderer = _Renderer(fig_dir, n_jobs)
    outlets = agg.outlets_table()
    naming = outlets[(outlets["dimension"] == "side") & outlets["voice"].isin(["own", "quoted"])]
    naming = naming.rename(columns={"value": "side"})
    for fname, lex, title in _framing_figures(study):
        jobs.append((fname, plot_naming, (naming,),
                     {"lexicon": lex, "title": title, "study": study}))
    jobs += _stage_figures(agg.stage, {o: v[0] for o, v in agg.outlets.items()}, study)
    time_jobs = _time_figures(agg.over_time(), study)
    renderer.submit(jobs + time_jobs)  # drawn by workers while the evidence is looked up
    sample = agg.sample_tables()
    sample["study"] = study
    comp = agg.comparison()
    comp_jobs, numbers = _comparison_figures(comp, sample, agg.term_counts(min_count=2),
                                             study, submit=renderer.submit)
    if evidence is None:
        evidence = evidence_table(agg, study)
    figs, images = renderer.collect()
    # the report's order: lexicon and stage figures, comparison figures, time
    order = [n for n, *_ in jobs + comp_jobs + time_jobs]
    figs = {n: figs[n] for n in order if n in figs}
    written.extend(figs.values())
    overview = {"n_docs": agg.n_docs, "n_outlets": len(agg.outlets),
                "n_unusable": sum(n for st, n in agg.status.items() if st != "ok"),
                "docs_per_outlet": {o: v[0] for o, v in agg.outlets.items()},
                "format": format}
    tables = {"documents": agg.documents_head(max_rows), "outlets": outlets}
    if getattr(agg, "copies", None) is not None:  # framing.prepare, copies="mark"...
        tables["copies"] = agg.copies
    rp = out / "report.html"
    rp.write_text(render_report(tables, figs, evidence, numbers=numbers, study=study,
                                overview=overview, images=images), encoding="utf-8")
    written.append(rp)
    return written


def _draw(task: tuple) -> tuple:
    """Draw and save one figure (in this process or a worker): ``(name, path or None,
    embedded <img> HTML or None, warnings as (category, message), error or None)``. A
    figure that fails is left out of the report with a warning, never aborting the run."""
    import warnings

    import matplotlib.pyplot as plt

    from .plot import _save_figure

    name, fn, args, kwargs, path = task
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            ax = fn(*args, **kwargs)
            saved = img = None
            if ax is not None:
                (saved,), pixels = _save_figure(ax, path)
                plt.close(ax.figure)
                img = _img(saved, pixels=pixels)
            err = None
        except Exception as exc:  # a broken figure must not sink the report
            plt.close("all")
            saved, img, err = None, None, f"{type(exc).__name__}: {exc}"
    msgs = list(dict.fromkeys((w.category, str(w.message)) for w in caught))
    return name, saved, img, msgs, err


class _Renderer:
    """Figures drawn while the report's other parts are computed.

    :meth:`submit` hands figure jobs ``(name, function, args, kwargs)`` to ``n_jobs``
    forked processes as soon as their data is known (with ``n_jobs`` 1 they are
    drawn in :meth:`collect`); :meth:`collect` waits for all of them and returns
    ``({name: png path}, {name: embedded <img> HTML})`` in the order of submission.
    The files do not depend on ``n_jobs``.
    """

    def __init__(self, fig_dir: Path, n_jobs: int = 1):
        import sys

        self.fig_dir = fig_dir
        self.items: list = []  # [task, future or None]
        self.pool = None
        if n_jobs > 1 and sys.platform.startswith("linux"):
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            try:  # forked workers: matplotlib and the tables are already in memory
                self.pool = ProcessPoolExecutor(max_workers=n_jobs,
                                                mp_context=mp.get_context("fork"))
            except Exception:  # e.g. no processes allowed: draw them here
                self.pool = None

    def submit(self, jobs) -> None:
        for name, fn, args, kwargs in jobs:
            task = (name, fn, args, kwargs, self.fig_dir / name)
            fut = None
            if self.pool is not None:
                try:
                    fut = self.pool.submit(_draw, task)
                except Exception:
                    fut = None
            self.items.append([task, fut])

    def collect(self) -> tuple[dict[str, Path], dict[str, str]]:
        import warnings

        results = []
        try:
            for task, fut in self.items:
                res = None
                if fut is not None:
                    try:
                        res = fut.result()
                    except Exception:  # a worker lost: draw it here
                        res = None
                results.append(res if res is not None else _draw(task))
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
        figs: dict[str, Path] = {}
        images: dict[str, str] = {}
        for name, saved, img, msgs, err in results:
            for category, message in msgs:
                warnings.warn(message, category, stacklevel=3)
            if err is not None:
                warnings.warn(f"report: figure {name!r} left out ({err})", stacklevel=3)
            elif saved is not None:
                figs[name] = saved
                if img is not None:
                    images[name] = img
        return figs, images


def figure_features(study) -> dict[str, list[str]]:
    """Features behind each figure (patterns of :func:`framing.compare_outlets` names):
    the report links each of their numbers to sentences."""
    from .studies import FRAMING_ROLES

    feats = {name: [f"{lex}:*@all"] for name, lex, _ in _framing_figures(study)}
    feats.update({
        "source_balance": ["attribution:share:*"],
        "verb_class_by_side": ["attribution:verb:*"],
        "agency_by_side": ["agency:agent:*", "agency:patient:*", "agency:agentless",
                           "agency:agentless|patient:*"],
        "victims_by_side": ["agency:patient_implied:*", "agency:agentless|patient_implied:*"],
        "tone_toward_sides": ["tone_toward:*"],
        "naming_preferences_intervals": [f"{n}:*@own" for n in study.names("naming")],
        "outlet_feature_heatmap": [f"{n}:*@own" for n in study.names(*FRAMING_ROLES)]
        + ["attribution:share:*", "agency:agentless", "tone:own", "tone_toward:*@own"],
    })
    return feats


def _quiet(fn, *args, **kwargs):
    """Call ``fn`` with warnings silenced (the CLI already reports small outlets once)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def _contrast_sides(sides: Counter, study) -> list[str]:
    """The two sides to contrast: the study's ``contrast`` if both are present in the
    attributions (``sides``: attributions per speaker side), else the two most-quoted
    sides."""
    declared = list(study.contrast or ())
    if len(declared) == 2 and all(sides.get(s, 0) > 0 for s in declared):
        return declared
    order = sorted(((-n, s) for s, n in sides.items() if s and n > 0))
    return [s for _n, s in order][:2]


def _stage_figures(sums, n_docs: dict, study) -> list[tuple]:
    """Figures of the attribution, agency and tone stages (when they ran), as jobs for
    :class:`_Renderer`.

    Uses the stage plots of :mod:`framing.plot` (source balance, verb class by
    side, distancing asymmetry, agency, tone toward each side) on the tables of
    ``sums`` (:class:`framing.stagesums.StageSums` of the run; kilobytes whatever
    the corpus size); ``n_docs``: documents per outlet.
    """
    from .plot import (plot_agency, plot_distancing_asymmetry, plot_source_balance,
                       plot_tone, plot_verb_class_by_side)

    jobs: list[tuple] = []
    if sums.att:
        jobs.append(("source_balance", plot_source_balance, (sums.attribution_by_outlet(n_docs),),
                     {"title": "Whose voice is heard (share of attributions)", "study": study}))
        jobs.append(("verb_class_by_side", plot_verb_class_by_side,
                     (sums.verb_class_by_side(),), {"study": study}))
        sides = _contrast_sides(sums.attribution_sides(), study)
        if len(sides) == 2:
            la, lb = study.label(sides[0]), study.label(sides[1])
            jobs.append(("distancing_asymmetry", plot_distancing_asymmetry,
                         (sums.distancing(sides[0], sides[1], n_docs),),
                         {"title": f"Distancing verbs: {la} speakers minus {lb} speakers",
                          "study": study}))
    if sums.agency:
        table = sums.agency_by_outlet()
        jobs.append(("agency_by_side", plot_agency, (table,), {"study": study}))
        if (table["measure"] == "patient_share_implied").any():
            jobs.append(("victims_by_side", plot_agency, (table,),
                         {"role": "patient_implied", "study": study,
                          "title": "Whom violence is done to (implied sides)"}))
    if sums.tone:
        jobs.append(("tone_toward_sides", plot_tone, (sums.tone_by_outlet(),),
                     {"title": "Tone of sentences mentioning each side", "study": study}))
    return jobs


def _time_figures(table: pd.DataFrame, study) -> list[tuple]:
    """Figures over time (per month) when the corpus spans more than one month: the
    stance index of the contrast and the framing terms of each side in own words (jobs
    for :class:`_Renderer`)."""
    from .plot import plot_over_time

    jobs: list[tuple] = []
    dated = table[table["month"].astype(str) != "(no date)"]
    if dated["month"].nunique() < 2:
        return jobs
    used = dated.groupby("feature")["value"].apply(lambda v: v.fillna(0).abs().sum() > 0)
    feats = [f for f in pd.unique(dated["feature"]) if used.get(f, False)]
    stance = [f for f in feats if f.startswith("stance:")]
    for f in stance + [f for f in feats if not f.startswith("stance:")][:5]:
        jobs.append((f"over_time_{_slug(f)}", plot_over_time,
                     (dated[dated["feature"] == f], f),
                     {"by": "month", "study": study, "title": f"{study.feature_label(f)} by month"}))
    return jobs


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")[:40] or "x"


def _comparison_figures(comp: pd.DataFrame, sample: dict, counts: pd.DataFrame, study, *,
                        submit=None):
    """Outlet comparison figures (heatmap, naming intervals, keyness) and their numbers.

    Parameters
    ----------
    comp : DataFrame
        The comparison table (:meth:`RunAggregates.comparison`).
    sample : dict of DataFrame
        Tables of the sampled documents, for the evidence sentences.
    counts : DataFrame
        Outlet × term counts, for keyness.

    submit : callable, optional
        Called with each list of new figure jobs as soon as they are known (the
        renderer draws them while the evidence is looked up).

    Returns
    -------
    jobs : list of (name, function, args, kwargs)
        The figures, drawn by :class:`_Renderer`.
    numbers : dict of figure name -> (values DataFrame, evidence DataFrame)
    """
    from .compare import feature_evidence, features_evidence, keyness
    from .plot import plot_heatmap, plot_intervals, plot_keyness

    jobs: list[tuple] = []
    numbers: dict[str, tuple] = {}
    features_of = figure_features(study)
    if comp is None or comp.empty:
        return jobs, numbers
    t = dict(sample)
    t.setdefault("documents", pd.DataFrame(columns=["doc_id", "outlet", "n_words"]))
    can_cite = "corpus" in t and len(t["corpus"])

    def evidence(feats, outlet=None) -> dict:
        """feature -> its evidence rows (features without any are left out)."""
        feats = list(dict.fromkeys(feats))
        if not can_cite or not feats:
            return {}
        try:  # all features in one pass over the sampled documents
            ev = _quiet(features_evidence, t, feats, outlet=outlet, n=3, errors="skip")
            return {f: g for f, g in ev.groupby("feature", sort=False)}
        except Exception:  # one odd feature must not cost the others their evidence
            out = {}
            for f in feats:
                try:
                    g = _quiet(feature_evidence, t, f, outlet=outlet, n=3)
                except Exception:  # a feature without sampled sentences
                    continue
                if len(g):
                    out[f] = g
            return out

    def cited(ev: dict, feats) -> pd.DataFrame:
        parts = [ev[f] for f in feats if f in ev]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    import fnmatch

    def pick(patterns):
        names = [f for f in pd.unique(comp["feature"])
                 if any(fnmatch.fnmatchcase(f, p) for p in patterns)]
        return comp[comp["feature"].isin(names)]

    naming = pick(features_of["naming_preferences_intervals"])
    used = naming.groupby("feature")["value"].apply(lambda v: v.fillna(0).abs().sum() > 0)
    naming = naming[naming["feature"].isin(used[used].index)]
    if len(naming):
        jobs.append(("naming_preferences_intervals", plot_intervals, (naming,), {
            "title": "Naming preferences in the outlets' own voice (per 1,000 words)",
            "xlabel": "naming terms per 1,000 words, by side whose usage they reflect (95% "
                      "bootstrap interval over documents)", "study": study}))
    heat = pick(features_of["outlet_feature_heatmap"])
    keep = heat.groupby("feature")["value"].apply(lambda v: v.fillna(0).abs().sum() > 0)
    heat = heat[heat["feature"].isin(keep[keep].index)]
    if len(heat):
        jobs.append(("outlet_feature_heatmap", plot_heatmap, (heat,), {
            "title": "Outlet × feature (colour: z within feature; numbers: values)",
            "study": study}))
    if submit is not None:
        submit(jobs)
    # evidence for every feature of every figure
    shown = {}
    drawn = [name for name, *_ in jobs]
    for name in drawn + [n for n in features_of if n not in drawn]:
        patterns = features_of.get(name)
        if patterns is None:
            continue
        vals = pick(patterns)
        vals = vals[vals["value"].notna()]
        shown[name] = (vals, list(pd.unique(vals.loc[vals["value"] != 0, "feature"])))
    ev = evidence([f for _v, feats in shown.values() for f in feats])
    for name, (vals, feats) in shown.items():
        numbers[name] = (vals, cited(ev, feats))
    # keyness: each outlet against the rest (at most 8 outlets, the largest)
    if counts is not None and len(counts) >= 2 and counts.shape[1]:
        k = _quiet(keyness, counts, stopwords="news", min_count=2)
        sizes = comp.drop_duplicates("outlet").set_index("outlet")["n_words"]
        top_outlets = sizes.sort_values(ascending=False, kind="stable").index[:8]
        for outlet in sorted(map(str, top_outlets)):
            sub = k[k["target"] == outlet]
            if sub.empty:
                continue
            name = f"keyness_{_slug(outlet)}"
            jobs.append((name, plot_keyness, (sub,), {
                "n": 8, "title": f"Distinctive words: {outlet} vs the other outlets"}))
            if submit is not None:
                submit(jobs[-1:])
            terms = pd.concat([sub.head(8), sub.tail(8)]).drop_duplicates("term")
            terms = terms[terms["stat"] > 0]
            vals = pd.DataFrame({"outlet": outlet, "feature": "term:" + terms["term"],
                                 "value": terms["stat"], "ci_low": float("nan"),
                                 "ci_high": float("nan"), "n_docs": terms["n_target"]})
            numbers[name] = (vals, cited(evidence(vals["feature"], outlet), vals["feature"]))
    return jobs, numbers


def _img(path: Path, max_width: int = 1000, pixels=None) -> str:
    """The figure as an embedded PNG, scaled to at most ``max_width`` pixels (the full-size
    file stays in figures/ for print). ``pixels``: the file's RGBA pixels when at hand
    (:func:`framing.plot._save_figure`), so that the file is not decoded again."""
    raw = None
    try:
        from PIL import Image

        if pixels is not None:
            im = Image.fromarray(pixels, "RGBA")
            size = path.stat().st_size
        else:
            raw = path.read_bytes()
            im = Image.open(io.BytesIO(raw))
            size = len(raw)
        if im.mode == "RGBA" and im.getchannel("A").getextrema() == (255, 255):
            # opaque (a saved figure): the RGB channels resample to the same values
            # without the alpha channel, in two thirds of the time
            im = im.convert("RGB")
        if im.width > max_width:
            im = im.resize((max_width, round(im.height * max_width / im.width)),
                           Image.LANCZOS)
        # 256 colours are plenty for a chart and make the page several times smaller; the
        # octree quantizer is twice as fast as median cut and its files are smaller on
        # charts (flat colours), measured on the report's figures
        if im.mode != "RGB":
            im = im.convert("RGB")
        im = im.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
        buf = io.BytesIO()
        im.save(buf, format="PNG")
        if len(buf.getvalue()) < size:
            raw = buf.getvalue()
    except Exception:  # keep the original bytes
        pass
    if raw is None:
        raw = path.read_bytes()
    data = base64.b64encode(raw).decode("ascii")
    return f'<img alt="{html.escape(path.stem)}" src="data:image/png;base64,{data}">'


def _anchor(figure: str, feature: str, outlet: str) -> str:
    import hashlib

    key = f"{figure}\x1f{feature}\x1f{outlet}".encode()
    return "ev-" + hashlib.sha1(key).hexdigest()[:12]


def _numbers_html(name: str, vals: pd.DataFrame, ev: pd.DataFrame, *, study=None,
                  max_rows: int = 60, link: str = "comparison.csv") -> list[str]:
    """The figure's numbers (outlet × feature), each linked to its evidence sentences.

    At most ``max_rows`` values are listed (those with evidence sentences first, in
    the table's order), with a link to the full table (``link``), so that the report
    stays small whatever the number of outlets and features."""
    esc = html.escape
    have = set(zip(ev["feature"], ev["outlet"])) if len(ev) else set()
    is_term = vals["feature"].astype(str).str.startswith("term:").all()
    n_all = len(vals)
    if n_all > max_rows:
        cited_first = pd.Series([(f, o) in have for f, o in zip(vals["feature"], vals["outlet"])],
                                index=vals.index)
        keep = cited_first.sort_values(ascending=False, kind="stable").index[:max_rows]
        vals = vals.loc[sorted(keep, key=vals.index.get_loc)]
        shown = set(zip(vals["feature"], vals["outlet"]))
        have &= shown
        if len(ev):
            ev = ev[[(f, o) in shown for f, o in zip(ev["feature"], ev["outlet"])]]
    more = (f" — {len(vals)} of {n_all} shown; all values in "
            f"<a href='{esc(link)}'>{esc(link)}</a>") if n_all > len(vals) else ""
    parts = [f"<details class='numbers'><summary>Numbers behind this figure and the sentences "
             f"they come from ({n_all} values{more})</summary>",
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
        groups: dict = {}  # (feature, outlet) -> rows, in the order of the table
        cols = ["feature", "outlet", "left", "match", "right", "doc_id", "sent_id", "voice"]
        for row in zip(*(ev[c].tolist() for c in cols)):
            if row[1] is None or (isinstance(row[1], float) and row[1] != row[1]):
                continue  # no outlet (groupby leaves these out too)
            groups.setdefault(row[:2], []).append(row[2:])
        for (feat, outlet), rows in groups.items():
            label = study.feature_label(feat) if study is not None else str(feat)
            parts.append(f"<div class='ev' id='{_anchor(name, feat, outlet)}'><p><b>"
                         f"{esc(str(outlet))}</b> — {esc(label)}</p><ul>")
            for left, match, right, doc_id, sent_id, voice in rows:
                parts.append(f"<li><span class='ctx'>…{esc(str(left))}</span>"
                             f"<span class='kw'>{esc(str(match))}</span>"
                             f"<span class='ctx'>{esc(str(right))}…</span> "
                             f"<small>({esc(str(doc_id))}, sentence {sent_id}"
                             + (f", {esc(str(voice))}" if str(voice) else "") +
                             ")</small></li>")
            parts.append("</ul></div>")
    parts.append("</details>")
    return parts


_FIGURE_TITLES = {
    "source_balance": ("Attribution", "Whose voice is heard"),
    "verb_class_by_side": ("Attribution", "How each side's words are introduced"),
    "distancing_asymmetry": ("Attribution", "Distancing verbs between the contrast sides"),
    "agency_by_side": ("Agency", "Who does violence to whom"),
    "victims_by_side": ("Agency", "Whom violence is done to"),
    "tone_toward_sides": ("Tone", "Tone of sentences mentioning each side"),
    "naming_preferences_intervals": ("Comparison", "Naming preferences with intervals"),
    "outlet_feature_heatmap": ("Comparison", "Outlets across features"),
}


_CAPTIONS = {
    "naming": "Share of each outlet's matches of this lexicon by the side whose usage the term "
              "reflects, one dot per side: filled dots count the outlet's own words, hollow dots "
              "words inside quotations (the speaker's choice, not the outlet's). The line is a "
              "95% interval on the share; n is the number of matches, and with n < 3 no "
              "interval is drawn because it would say nothing.",
    "source_balance": "Share of each outlet's attributions (quotes, paraphrases, according-to) "
                      "by the side of the speaker, one dot per side with a 95% interval "
                      "(line); 'unresolved' are speakers the actors lexicon does not place. "
                      "n is the number of attributions; with n < 3 no interval is drawn.",
    "verb_class_by_side": "How each side's words are introduced: for each class of reporting "
                          "verb ('said' is neutral, 'claimed' distances, 'admitted' concedes), "
                          "the share of that side's attributions, pooled over outlets, with a "
                          "95% interval (line). The side's number of attributions is in the "
                          "legend; sides with fewer than 3 get no interval.",
    "distancing_asymmetry": "Share of distancing verbs for the first contrast side's speakers "
                            "minus the second's, per outlet, with a 95% Poisson-bootstrap "
                            "interval over documents; an interval across 0 shows no clear "
                            "asymmetry, and "
                            "'n/a' marks outlets that quote only one side.",
    "agency_by_side": "Share of violent-act mentions by the side of the agent, one dot per "
                      "side with a 95% interval (line); 'none': the agent is left out or "
                      "unresolved. At the right, the agentless rate (passives without agent "
                      "and intransitives such as 'died') and the number of mentions n; with "
                      "n < 3 no interval is drawn.",
    "victims_by_side": "Share of violent-act mentions by the side of the patient (the "
                       "victims, the places or forces hit), read with the implied sides: "
                       "the side stated in the sentence, else the side of the place where "
                       "it happened, else the other side of the study's contrast when only "
                       "one party is named (see the agency table's side_basis). 'none': no "
                       "side can be told. One dot per side with a 95% interval (line); with "
                       "n < 3 no interval is drawn.",
    "tone_toward_sides": "Mean VADER compound (-1 to 1) of the sentences that mention each "
                         "side's actors, in the outlet's own words (solid) and in quotations "
                         "(hatched); the number at the end of a bar is the number of documents.",
    "naming_preferences_intervals": "Naming terms per 1,000 words in each outlet's own words, "
                                    "by side, with 95% Poisson-bootstrap intervals over "
                                    "documents; with fewer than 3 documents (n) the interval "
                                    "says little about the outlet.",
    "outlet_feature_heatmap": "Each column is one feature (rates per 1,000 words, shares, tone): "
                              "the colour is the value standardised across outlets within the "
                              "feature (so units never share a colour scale), the number is "
                              "the value itself.",
    "keyness": "Words most over-represented (blue, right) and under-represented (grey, left) "
               "in this outlet against all the others: z of the log-odds ratio with an "
               "informative Dirichlet prior (Monroe et al. 2008), counts in brackets (this "
               "outlet / the others); faded bars are not significant after Benjamini–Hochberg.",
}


def _caption(name: str, study) -> str:
    if name.startswith("keyness_"):
        return _CAPTIONS["keyness"]
    if name.startswith("over_time_"):
        return ("The feature per calendar month and outlet (documents without a date are left "
                "out), with 95% Poisson-bootstrap intervals over the month's documents; a larger "
                "marker means more documents. Months with one or two documents say little.")
    if name in _CAPTIONS:
        return _CAPTIONS[name]
    if any(fname == name for fname, _, _ in _framing_figures(study)):
        return _CAPTIONS["naming"]
    return ""


def _figure_heading(name: str, study) -> tuple[str, str]:
    """(section, heading) of a figure: naming and loaded figures are titled from the study."""
    for fname, lex, title in _framing_figures(study):
        if fname == name:
            return study.lexicon_title(lex), title
    if name in _FIGURE_TITLES:
        return _FIGURE_TITLES[name]
    if name.startswith("keyness_"):
        return "Distinctive words", name.replace("_", " ").capitalize()
    if name.startswith("over_time_"):
        return "Over time", name[len("over_time_"):].replace("_", " ").capitalize()
    return "Figures", name.replace("_", " ").capitalize()


def render_report(tables: dict, figures: dict, evidence: pd.DataFrame, *,
                  numbers: dict | None = None, study=None, overview: dict | None = None,
                  images: dict | None = None) -> str:
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
    overview : dict, optional
        Totals of the whole run (``n_docs, n_outlets, n_unusable,
        docs_per_outlet, format``) when ``tables["documents"]`` holds only the
        first rows; the documents table then links to the full file.
    images : dict of name -> str, optional
        The embedded ``<img>`` of figures already encoded (by the processes that
        drew them); the others are read from ``figures``.

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
    if overview is None:
        overview = {"n_docs": len(docs), "n_outlets": docs["outlet"].nunique(),
                    "n_unusable": int((docs["status"] != "ok").sum()),
                    "docs_per_outlet": docs.groupby("outlet")["doc_id"].nunique().to_dict(),
                    "format": "csv"}
    ext = {"csv": "documents.csv", "jsonl": "documents.jsonl", "parquet": "documents/"}.get(
        overview.get("format", "csv"), "documents.csv")
    comparison = {"csv": "comparison.csv", "jsonl": "comparison.jsonl",
                  "parquet": "comparison/"}.get(overview.get("format", "csv"), "comparison.csv")
    figure_list = list(figures)
    toc = ["<nav><h2>Contents</h2><ol>"]
    section = None
    for name in figure_list:
        sec, heading = _figure_heading(name, study)
        if sec != section:
            if section is not None:
                toc.append("</ol></li>")
            toc.append(f"<li>{esc(sec)}<ol>")
            section = sec
        toc.append(f"<li><a href='#fig-{esc(name)}'>{esc(heading)}</a></li>")
    if section is not None:
        toc.append("</ol></li>")
    toc.append("<li><a href='#rates'>Rates per 1,000 words</a></li>"
               "<li><a href='#evidence'>Evidence</a></li>"
               "<li><a href='#documents'>Documents</a></li></ol></nav>")
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>framing report: {esc(study.title)}</title><style>",
        "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
        "color:#222}table{border-collapse:collapse;font-size:13px;margin:1em 0}"
        "td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#f3f3f3}"
        "img{max-width:100%;border:1px solid #eee;margin:1em 0}.kw{font-weight:bold;"
        "background:#fff3b0}.ctx{color:#555}.ev{margin:0.5em 0 1em 1em;font-size:13px}"
        ".ev:target{background:#fffbe0}details.numbers{margin:0 0 2em 0}"
        "nav ol{margin:0.2em 0}figure{margin:0}figcaption{font-size:13px;color:#444;"
        "max-width:800px;margin:-0.5em 0 1.5em 0}</style></head><body>",
        f"<h1>framing report: {esc(study.title)}</h1>",
        f"<p>{overview['n_docs']} documents from {overview['n_outlets']} outlets; "
        f"{overview['n_unusable']} without usable text (see the documents table). "
        "Counts are traceable: every number comes from rows of <code>hits.csv</code> "
        "(character offsets into the cleaned text); the evidence sentences are a seeded "
        "sample of each outlet's documents.</p>",
        "<p>Lexicons: " + "; ".join(f"{esc(study.lexicon_title(lx.name))} "
                                    f"(<code>{esc(lx.name)}</code>, {len(lx)} terms)"
                                    for lx in study.lexicons) + ".</p>",
    ]
    for note in study.notes:
        parts.append(f"<p><b>Note:</b> {esc(str(note))}.</p>")
    small = {o: n for o, n in overview["docs_per_outlet"].items() if n < 3}
    if small:
        parts.append(f"<p><b>Caution:</b> {len(small)} outlet(s) have fewer than 3 documents "
                     f"({', '.join(esc(str(o)) for o in sorted(small))}); their intervals "
                     "say little about the outlet, and with one document the interval is the "
                     "value itself.</p>")
    parts += toc
    section = None
    for name, path in figures.items():
        anchor = esc(name)
        sec, heading = _figure_heading(name, study)
        if sec != section:
            parts.append(f"<h2>{esc(sec)}</h2>")
            section = sec
        parts.append(f"<h3 id='fig-{anchor}'>{esc(heading)}</h3>")
        img = (images or {}).get(name) or _img(path)
        parts.append(f"<figure>{img}<figcaption>{esc(_caption(name, study))}"
                     "</figcaption></figure>")
        if name in numbers and len(numbers[name][0]):
            parts.extend(_numbers_html(name, *numbers[name], study=study, link=comparison))
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

        parts.append(f"<h2 id='rates'>{esc(ROLE_TITLES[role])}: rates per 1,000 words, "
                     "by side</h2>")
        parts.append(piv.round(2).to_html(border=0))
    if len(evidence):
        parts.append("<h2 id='evidence'>Evidence: " + esc(" and ".join(
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
    shown = len(docs)
    parts.extend(_copies_html(tables.get("copies")))
    parts.append("<h2 id='documents'>Documents</h2>")
    if overview["n_docs"] > shown:
        parts.append(f"<p>The first {shown} of {overview['n_docs']} documents; every document "
                     f"with its status is in <a href='{ext}'>{esc(ext)}</a>.</p>")
    parts.append(docs.to_html(index=False, border=0, na_rep=""))
    parts.append("</body></html>")
    return "\n".join(parts)


def _copies_html(table) -> list[str]:
    """The "Wire copies" section: per outlet, the documents that are copies of another
    document (:func:`framing.find_copies`) and the share of its words they hold."""
    if table is None or not len(table):
        return []
    t = table.assign(copy_share=(100 * table["copy_share"]).round(1)).rename(columns={
        "n_docs": "documents", "n_copies": "copies", "n_origins": "origins of copies",
        "n_words": "words", "copy_words": "words in copies", "copy_share": "% words in copies",
        "n_counted": "documents counted"})
    return ["<h2 id='copies'>Wire copies</h2>",
            "<p>Documents whose text is a near-duplicate (5-word shingles, Jaccard &ge; 0.8) "
            "of another document of the corpus, and the share of each outlet's words in "
            "them. A copy's origin is the document of the cluster by a wire agency, or "
            "naming one, else the earliest; see <code>cluster_id, copy_of, similarity</code> "
            "in the documents table.</p>",
            t.to_html(index=False, border=0)]
