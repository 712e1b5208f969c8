"""Figures: ``plot_*`` functions take tidy frames and return Axes; ``save_figure`` writes them.

Every ``plot_*`` function takes a tidy DataFrame and an optional ``ax``, draws on
it (creating a figure if ``ax`` is None) and returns the Axes. None calls
``plt.show()``. :func:`save_figure` writes PNG/PDF with deterministic metadata
(no creation date), so regenerated figures do not differ byte-wise without reason.
"""
from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use(os.environ.get("MPLBACKEND", "Agg"), force=False)
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from ._checks import FramingError, check_columns  # noqa: E402

__all__ = ["save_figure", "side_colors", "plot_naming"]

def _st(study):
    """The study that gives sides their labels and colours (default: the default study)."""
    if study is not None:
        return study
    from .studies import _default_study

    return _default_study()


def side_colors(sides, *, study=None) -> list[str]:
    """Colour of each side, from the study (``study.json``'s ``color``).

    Sides the study does not declare get a stable colour-blind-safe palette colour;
    no side ("", "none", "unknown") is light grey.
    """
    st = _st(study)
    return [st.color(s) for s in sides]


def _plain(text) -> str:
    """A user string (outlet, term, side) drawn as plain text: no mathtext for '$'."""
    return str(text).replace("$", r"\$")


def _empty(ax, message: str):
    """Blank ``ax`` with a centred message (a plot with nothing to show); return it."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return ax


def _new_ax(ax, figsize=(6.5, 3.5)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _title_above_legend(ax, title: str) -> None:
    """Set the title above a legend placed on top of the axes, however many rows it has."""
    leg = ax.get_legend()
    rows = 0
    if leg is not None:
        ncols = max(1, getattr(leg, "_ncols", 1))
        rows = -(-len(leg.get_texts()) // ncols)
    ax.set_title(title, fontsize=10, pad=8 + 14 * rows)


def save_figure(fig_or_ax, path, *, dpi: int = 200, formats=("png",)) -> list[Path]:
    """Save a figure (or the figure of an Axes) with deterministic metadata.

    Parameters
    ----------
    fig_or_ax : Figure or Axes
    path : str or Path
        File name without or with extension; one file per format is written.
    dpi : int, default 200
    formats : sequence of str, default ("png",)
        Any of "png", "pdf", "svg".

    Returns
    -------
    list of Path
        The files written.
    """
    fig = fig_or_ax.figure if hasattr(fig_or_ax, "figure") and not hasattr(fig_or_ax, "savefig") \
        else fig_or_ax
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = []
    for fmt in formats:
        if fmt not in ("png", "pdf", "svg"):
            raise FramingError(f"format {fmt!r} is not supported; choose png, pdf or svg")
        p = path.with_suffix("." + fmt)
        meta = {"png": {"Software": "framing"}, "pdf": {"Creator": "framing", "CreationDate": None},
                "svg": {"Creator": "framing", "Date": None}}[fmt]
        fig.savefig(p, dpi=dpi, metadata=meta, bbox_inches="tight")
        out.append(p)
    return out


def plot_naming(table: pd.DataFrame, *, ax=None, lexicon: str | None = None,
                title: str | None = None, by_voice: bool = True, study=None):
    """Naming choices by outlet: share of a lexicon's hits by side, stacked bars.

    Parameters
    ----------
    table : DataFrame
        A hits table joined with ``outlet`` (columns ``outlet, lexicon, side`` and
        optionally ``voice``), e.g. ``Analysis.hits_with_outlet()``, or
        pre-aggregated counts with a ``count`` column (rows with voice ``all``
        are ignored when ``own``/``quoted`` rows are present).
    ax : Axes, optional
    lexicon : str, optional
        Which lexicon's hits to show (default: the study's first naming lexicon).
    title : str, optional
    by_voice : bool, default True
        With a ``voice`` column, draw two bars per outlet: the outlet's own words
        (solid) and quoted words (hatched), so that a minister's "occupied
        territories" is not read as the outlet's framing.
    study : Study, optional
        Labels and colours of the sides (default: the default study).

    Returns
    -------
    Axes
        Segments are shares of hits per side; the number of hits (n) is printed
        at the right of each bar.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"outlet": ["A", "A", "B"], "lexicon": "naming",
    ...                   "side": ["armenia", "azerbaijan", "armenia"], "voice": "own"})
    >>> ax = plot_naming(t)
    """
    check_columns(table, ["outlet", "lexicon", "side"], "table")
    st = _st(study)
    if lexicon is None:
        names = st.names("naming") or list(pd.unique(table["lexicon"]))[:1]
        lexicon = names[0] if names else ""
    what = st.lexicon_title(lexicon).lower()
    sub = table[table["lexicon"] == lexicon]
    ax = _new_ax(ax, figsize=(7, 0.38 * max(3, sub["outlet"].nunique() * (2 if by_voice else 1)) + 1.2))
    if sub.empty:
        return _empty(ax, f"no {what} found")
    sub = sub.assign(side=sub["side"].fillna("").replace("", "unassigned"))
    split = by_voice and "voice" in sub.columns and sub["voice"].isin(["own", "quoted"]).any()
    if split:
        sub = sub[sub["voice"].isin(["own", "quoted"])]
    else:
        if "voice" in sub.columns and (sub["voice"] == "all").any():
            sub = sub[sub["voice"] == "all"]
        sub = sub.assign(voice="all")
    keys = ["outlet", "voice", "side"]
    counts = (sub.groupby(keys)["count"].sum() if "count" in sub.columns
              else sub.groupby(keys).size()).unstack(fill_value=0)
    order = st.order([c for c in counts.columns if c != "unassigned"])
    order += ["unassigned"] if "unassigned" in counts.columns else []
    counts = counts[order]
    outlets = sorted(sub["outlet"].unique(), reverse=True)
    voices = ["own", "quoted"] if split else ["all"]
    height = 0.8 / len(voices)
    for vi, voice in enumerate(voices):
        offset = (0.5 - vi) * height if split else 0.0
        for i, outlet in enumerate(outlets):
            row = counts.loc[(outlet, voice)] if (outlet, voice) in counts.index else None
            n = int(row.sum()) if row is not None else 0
            y = i + offset
            left = 0.0
            if n:
                for side, color in zip(order, side_colors(order, study=st)):
                    w = row[side] / n
                    if w:
                        ax.barh(y, w, left=left, height=height * 0.92, color=color,
                                edgecolor="white", linewidth=0.5,
                                hatch="////" if voice == "quoted" else None,
                                alpha=0.75 if voice == "quoted" else 1.0)
                    left += w
            label = f"{voice} n={n}" if split else f"n={n}"
            ax.text(1.01, y, label, va="center", fontsize=7, transform=ax.get_yaxis_transform())
    ax.set_yticks(range(len(outlets)), [_plain(o) for o in outlets])
    from matplotlib.patches import Patch

    handles = [Patch(color=c, label=_plain(st.label(s)))
               for s, c in zip(order, side_colors(order, study=st))]
    if split:
        handles.append(Patch(facecolor="white", edgecolor="#555555", hatch="////",
                             label="quoted (hatched)"))
    ax.legend(handles=handles, ncols=min(len(handles), 6), fontsize=7, loc="lower center",
              bbox_to_anchor=(0.5, 1.0), frameon=False)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.6, len(outlets) - 0.4)
    ax.set_xlabel(f"share of {what}, by side whose usage the term reflects")
    if title:
        _title_above_legend(ax, title)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_tone(table: pd.DataFrame, *, sides=None, max_sides: int = 4, ax=None,
              title: str | None = None, study=None):
    """Tone toward each side by outlet, in the outlet's own voice and in quotations.

    Parameters
    ----------
    table : DataFrame
        Per-outlet tone toward sides: ``outlet, side, voice, tone_mean`` (and
        optionally ``n_docs``), i.e.
        ``tone_by_outlet(tone_toward_sides(corpus), corpus)``.
    sides : sequence of str, optional
        Sides to show, in this order. Default: the ``max_sides`` sides mentioned
        in the most sentences (``n_sentences``, else rows), alphabetical.
    max_sides : int, default 4
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes
        One group of horizontal bars per outlet; one bar per side and voice,
        coloured by side, solid for the outlet's own voice and hatched for
        quotations; x is the mean VADER compound (-1 to 1) of the sentences
        mentioning the side. ``n_docs`` is written at the end of each bar when given.

    Examples
    --------
    >>> t = pd.DataFrame({"outlet": ["X", "X", "Y"], "side": ["a", "b", "a"],
    ...                   "voice": ["own", "quoted", "own"], "tone_mean": [-0.4, 0.1, 0.2]})
    >>> len(plot_tone(t).patches)
    3
    """
    if "doc_id" in table.columns and "outlet" not in table.columns:
        raise FramingError("plot_tone needs one row per outlet, side and voice (column 'outlet'); "
                           "aggregate first: tone_by_outlet(tone_toward_sides(corpus), corpus)")
    check_columns(table, ["outlet", "side", "voice", "tone_mean"], "table")
    sub = table[table["tone_mean"].notna()]
    if sides is None:
        weight = sub["n_sentences"] if "n_sentences" in sub.columns else pd.Series(1, sub.index)
        top = weight.groupby(sub["side"].astype(str)).sum().sort_values(ascending=False,
                                                                         kind="stable")
        sides = sorted(top.index[:max_sides])
    else:
        sides = [str(s) for s in ([sides] if isinstance(sides, str) else sides)]
    sub = sub[sub["side"].astype(str).isin(sides)]
    n_out = max(1, sub["outlet"].nunique())
    ax = _new_ax(ax, figsize=(6.5, 1.0 + n_out * (0.3 + 0.08 * 2 * len(sides))))
    if sub.empty:
        return _empty(ax, "no sentences mention a side")
    from matplotlib.patches import Patch

    outlets = sorted(sub["outlet"].astype(str).unique(), reverse=True)
    sides = [s for s in sides if s in set(sub["side"].astype(str))]
    voices = [v for v in ("own", "quoted") if v in set(sub["voice"])] + \
        sorted(set(sub["voice"]) - {"own", "quoted"})
    combos = [(s, v) for s in sides for v in voices
              if ((sub["side"] == s) & (sub["voice"] == v)).any()]
    st = _st(study)
    colors = dict(zip(sides, side_colors(sides, study=st)))
    height = 0.8 / len(combos)
    lookup = {(str(o), str(s), str(v)): r for o, s, v, r in
              zip(sub["outlet"], sub["side"], sub["voice"], sub.to_dict("records"))}
    for gi, outlet in enumerate(outlets):
        for ci, (side, voice) in enumerate(combos):
            rec = lookup.get((outlet, side, voice))
            if rec is None:
                continue
            y = gi + 0.4 - height * (ci + 0.5)
            quoted = voice != "own"
            ax.barh(y, rec["tone_mean"], height=height * 0.9, color=colors[side],
                    alpha=0.55 if quoted else 1.0, hatch="///" if quoted else None,
                    edgecolor="white" if not quoted else colors[side], linewidth=0.5)
            if "n_docs" in rec and pd.notna(rec["n_docs"]):
                x = rec["tone_mean"]
                ax.text(x + (0.01 if x >= 0 else -0.01), y, f"{int(rec['n_docs'])}",
                        va="center", ha="left" if x >= 0 else "right", fontsize=6, color="#555555")
    lim = min(1.0, max(0.1, float(sub["tone_mean"].abs().max()) * 1.25))
    ax.set_xlim(-lim, lim)
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_yticks(range(len(outlets)), [_plain(o) for o in outlets])
    ax.set_xlabel("mean VADER compound of sentences mentioning the side")
    handles = [Patch(color=colors[s], label=_plain(st.label(s))) for s in sides]
    handles += [Patch(facecolor="#888888", label="own voice"),
                Patch(facecolor="#888888", alpha=0.55, hatch="///", edgecolor="#888888",
                      label="in quotations")]
    ax.legend(handles=handles, fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5),
              frameon=False)
    if title:
        ax.set_title(title, fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


# --------------------------------------------------------------------------------------
# Outlet comparison figures (framing.compare)
# --------------------------------------------------------------------------------------
__all__ += ["plot_heatmap", "plot_intervals", "plot_keyness"]  # noqa: E305


def _feature_side(feature: str, study=None) -> str:
    """The side named in a feature ("naming:side_x@own" -> "side_x"), or ""."""
    import re

    sides = _st(study).sides
    for part in reversed(re.split(r"[:@|=]", str(feature))):
        if part and part in sides:
            return part
    return ""


def plot_heatmap(table: pd.DataFrame, *, features=None, scale: str = "feature",
                 annotate: bool = True, ax=None, title: str | None = None, study=None):
    """Outlet × feature heatmap of :func:`framing.compare_outlets` values.

    Parameters
    ----------
    table : DataFrame
        ``outlet, feature, value`` (e.g. :func:`framing.compare.compare_outlets`).
    features : list of str, optional
        Features (columns) to show, in this order; default all, in table order.
    scale : {"feature", "none"}, default "feature"
        ``feature``: colour is the value standardised within each feature
        (z-score across outlets), so features on different scales can share
        one colour bar; ``none``: colour is the raw value.
    annotate : bool, default True
        Write the raw value in each cell.
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes
        Rows are outlets, columns features; empty cells (NaN) are blank.

    Examples
    --------
    >>> t = pd.DataFrame({"outlet": ["X", "Y"], "feature": ["f", "f"], "value": [1.0, 3.0]})
    >>> plot_heatmap(t).get_xticklabels()[0].get_text()
    'f'
    """
    st = _st(study)
    import numpy as np

    check_columns(table, ["outlet", "feature", "value"], "table")
    if scale not in ("feature", "none"):
        raise FramingError(f"scale={scale!r} is not valid; choose 'feature' or 'none'")
    order = list(features) if features is not None else list(pd.unique(table["feature"]))
    piv = table.pivot_table(index="outlet", columns="feature", values="value", aggfunc="mean",
                            dropna=False).reindex(columns=[f for f in order
                                                           if f in set(table["feature"])])
    ax = _new_ax(ax, figsize=(2.5 + 0.55 * max(1, piv.shape[1]), 1.6 + 0.42 * max(1, len(piv))))
    if piv.empty:
        return _empty(ax, "no features to show")
    vals = piv.to_numpy(dtype=float)
    if scale == "feature":
        with np.errstate(invalid="ignore", divide="ignore"):
            mu = np.nanmean(vals, axis=0) if np.isfinite(vals).any() else 0
            sd = np.nanstd(vals, axis=0)
            col = np.where(sd > 0, (vals - mu) / np.where(sd > 0, sd, 1), 0.0)
        col[np.isnan(vals)] = np.nan
        lim, label = 2.0, "value standardised within feature (z across outlets)"
    else:
        col = vals
        lim = float(np.nanmax(np.abs(vals))) if np.isfinite(vals).any() else 1.0
        label = "value"
    im = ax.imshow(np.ma.masked_invalid(col), cmap="RdBu_r", vmin=-lim, vmax=lim, aspect="auto")
    ax.set_xticks(range(piv.shape[1]), [_plain(st.feature_label(f)) for f in piv.columns],
                  rotation=60, ha="right", fontsize=7)
    ax.set_yticks(range(len(piv)), [_plain(o) for o in piv.index], fontsize=8)
    if annotate:
        for i in range(vals.shape[0]):
            for j in range(vals.shape[1]):
                v = vals[i, j]
                if np.isfinite(v):
                    dark = np.isfinite(col[i, j]) and abs(col[i, j]) > 0.6 * lim
                    ax.text(j, i, f"{v:.2g}", ha="center", va="center", fontsize=6,
                            color="white" if dark else "#222222")
    ax.figure.colorbar(im, ax=ax, shrink=0.8, pad=0.01).set_label(label, fontsize=7)
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def plot_intervals(table: pd.DataFrame, *, features=None, ax=None, title: str | None = None,
                   xlabel: str | None = None, study=None):
    """Per-outlet values with their intervals (dot and whisker), one marker per feature.

    Made for naming preferences (``naming:<side>@own`` for each side), but any
    set of features on one scale works.

    Parameters
    ----------
    table : DataFrame
        ``outlet, feature, value, ci_low, ci_high`` (:func:`framing.compare.compare_outlets`);
        ``n_docs`` is written next to the outlet name when present.
    features : list of str, optional
        Features to show, in this order (default all in the table).
    ax : Axes, optional
    title, xlabel : str, optional

    Returns
    -------
    Axes
        One row per outlet; within it one dot per feature (coloured by the side
        it names, when it names one) with a horizontal line from ``ci_low`` to
        ``ci_high``.

    Examples
    --------
    >>> t = pd.DataFrame({"outlet": ["X", "X"], "feature": ["naming:armenia@own",
    ...                   "naming:azerbaijan@own"], "value": [2.0, 1.0], "ci_low": [1.0, 0.5],
    ...                   "ci_high": [3.0, 1.5]})
    >>> len(plot_intervals(t).lines)
    2
    """
    check_columns(table, ["outlet", "feature", "value", "ci_low", "ci_high"], "table")
    order = list(features) if features is not None else list(pd.unique(table["feature"]))
    sub = table[table["feature"].isin(order)]
    outlets = sorted(sub["outlet"].astype(str).unique(), reverse=True)
    ax = _new_ax(ax, figsize=(6.5, 1.2 + 0.22 * max(1, len(outlets)) * max(1, len(order)) ** 0.5
                              + 0.3 * len(outlets)))
    if sub.empty:
        return _empty(ax, "no features to show")
    k = len(order)
    step = 0.7 / max(k, 1)
    fallback = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    st = _st(study)
    for j, feat in enumerate(order):
        side = _feature_side(feat, st)
        color = st.color(side) if side else fallback[j % len(fallback)]
        rows = sub[sub["feature"] == feat]
        ys = [outlets.index(str(o)) + 0.35 - step * (j + 0.5) for o in rows["outlet"]]
        ax.hlines(ys, rows["ci_low"], rows["ci_high"], color=color, linewidth=1.6)
        ax.plot(rows["value"], ys, "o", color=color, markersize=4.5,
                label=_plain(st.feature_label(feat)),
                markeredgecolor="white", markeredgewidth=0.5)
    labels = outlets
    if "n_docs" in sub.columns:
        nd = sub.groupby(sub["outlet"].astype(str))["n_docs"].max()
        labels = [f"{o} (n={int(nd[o])})" for o in outlets]
    ax.set_yticks(range(len(outlets)), [_plain(x) for x in labels], fontsize=8)
    ax.set_ylim(-0.5, len(outlets) - 0.5)
    ax.set_xlabel(xlabel or "value (dot) with bootstrap interval over documents (line)",
                  fontsize=8)
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    ax.grid(axis="x", color="#eeeeee")
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def plot_keyness(table: pd.DataFrame, *, n: int = 10, ax=None, title: str | None = None):
    """Most distinctive terms of one comparison: top ``n`` each way, by statistic.

    Parameters
    ----------
    table : DataFrame
        :func:`framing.compare.keyness` output for one comparison (one
        ``target`` / ``reference`` pair; filter a pairwise or every-outlet table
        first).
    n : int, default 10
        Terms shown for each direction.
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes
        Horizontal bars of ``stat`` (z for log-odds), terms over-represented in
        the target on the right, in the reference on the left; each term is
        labelled with its counts ``target / reference``; terms with
        ``p_adjusted < 0.05`` are drawn in full colour.

    Examples
    --------
    >>> k = pd.DataFrame({"target": "A", "reference": "B", "term": ["war", "peace"],
    ...                   "stat": [2.5, -2.5], "p_adjusted": [0.01, 0.01],
    ...                   "n_target": [10, 2], "n_reference": [2, 10]})
    >>> len(plot_keyness(k).patches)
    2
    """
    check_columns(table, ["term", "stat", "n_target", "n_reference"], "table")
    if {"target", "reference"} <= set(table.columns):
        pairs = table[["target", "reference"]].drop_duplicates()
        if len(pairs) > 1:
            raise FramingError(
                f"plot_keyness shows one comparison; the table has {len(pairs)} "
                "(target, reference) pairs: filter it first, e.g. "
                "table[table['target'] == 'X']")
    if n < 1:
        raise FramingError(f"n must be >= 1, got {n}")
    t = table.sort_values("stat", ascending=False, kind="stable")
    top = t[t["stat"] > 0].head(n)
    bottom = t[t["stat"] < 0].tail(n)
    sel = pd.concat([top, bottom]).sort_values("stat", kind="stable")
    ax = _new_ax(ax, figsize=(6.5, 1.2 + 0.22 * max(1, len(sel))))
    if sel.empty:
        return _empty(ax, "no distinctive terms")
    sig = sel["p_adjusted"] < 0.05 if "p_adjusted" in sel.columns else pd.Series(True, sel.index)
    colors = ["#0072B2" if s > 0 else "#999999" for s in sel["stat"]]
    alphas = [1.0 if g else 0.45 for g in sig]
    y = range(len(sel))
    for yi, (v, c, a_) in enumerate(zip(sel["stat"], colors, alphas)):
        ax.barh(yi, v, color=c, alpha=a_, height=0.75)
    ax.set_yticks(list(y), [_plain(f"{t_}  ({a}/{b})") for t_, a, b in
                            zip(sel["term"], sel["n_target"], sel["n_reference"])], fontsize=7)
    ax.axvline(0, color="#333333", linewidth=0.8)
    target = str(sel["target"].iloc[0]) if "target" in sel.columns else "target"
    ref = str(sel["reference"].iloc[0]) if "reference" in sel.columns else "reference"
    stat = "z (log-odds, informative Dirichlet prior)" if "z" in sel.columns else "signed statistic"
    ax.set_xlabel(f"{stat}: ← {ref}   |   {target} →", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def plot_agency(table: pd.DataFrame, *, role: str = "agent", ax=None, title: str | None = None,
                study=None):
    """Agency by outlet: who is the agent (or patient) of violent acts, and the agentless rate.

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.agency.agency_by_outlet` (columns ``outlet, measure,
        side, count, n, value``).
    role : {"agent", "patient"}, default "agent"
        Which share to draw as stacked bars (``agent_share`` or ``patient_share``).
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes
        One bar per outlet, segments = share of violent-act mentions whose
        ``role`` is on each side ("none" = left out or unresolved); the right
        margin gives the agentless rate (passive without agent + intransitive)
        and the number of mentions.

    Examples
    --------
    >>> t = pd.DataFrame({"outlet": ["A", "A", "A", "A"],
    ...     "measure": ["agent_share", "agent_share", "agentless_rate", "n_mentions"],
    ...     "side": ["x", "", "all", "all"], "count": [1, 1, 1, 2], "n": [2, 2, 2, 2],
    ...     "value": [0.5, 0.5, 0.5, 2.0]})
    >>> plot_agency(t).get_xlabel()
    'share of violent acts, by side of the agent'
    """
    check_columns(table, ["outlet", "measure", "side", "value"], "table")
    if role not in ("agent", "patient"):
        raise FramingError(f"role={role!r} is not valid; choose 'agent' or 'patient'")
    sub = table[table["measure"] == f"{role}_share"]
    ax = _new_ax(ax)
    if sub.empty:
        return _empty(ax, "no violent acts found")
    shares = sub.assign(side=sub["side"].replace("", "none")).pivot_table(
        index="outlet", columns="side", values="value", aggfunc="sum", fill_value=0.0)
    st = _st(study)
    order = st.order([s for s in shares.columns if s not in ("", "none")])
    if "none" in shares.columns:
        order.append("none")
    shares = shares[order].sort_index(ascending=False)
    colors = side_colors(order, study=st)
    left = pd.Series(0.0, index=shares.index)
    ys = range(len(shares))
    for side, color in zip(order, colors):
        ax.barh(ys, shares[side], left=left, color=color,
                label=_plain("none (left out or unresolved)" if side == "none" else st.label(side)),
                edgecolor="white", linewidth=0.5)
        left += shares[side]
    ax.set_yticks(list(ys), [_plain(o) for o in shares.index])
    rate = table[(table["measure"] == "agentless_rate") & (table["side"] == "all")] \
        .set_index("outlet")["value"]
    n = table[table["measure"] == "n_mentions"].set_index("outlet")["value"]
    for i, outlet in enumerate(shares.index):
        label = f"agentless {rate.get(outlet, float('nan')):.0%}, n={int(n.get(outlet, 0))}"
        ax.text(1.01, i, label, va="center", fontsize=8, transform=ax.get_yaxis_transform())
    ax.set_xlim(0, 1)
    ax.set_xlabel(f"share of violent acts, by side of the {role}")
    ax.legend(ncols=min(len(order), 5), fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              frameon=False)
    if title:
        _title_above_legend(ax, title)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


__all__ += ["plot_agency"]  # noqa: E305


# --------------------------------------------------------------------------- attribution
__all__ += ["plot_source_balance", "plot_verb_class_by_side",  # noqa: E305
            "plot_distancing_asymmetry"]

_VERB_CLASS_COLORS = {
    "neutral": "#BBBBBB", "distancing": "#D55E00", "concessive": "#F0E442",
    "endorsing": "#009E73", "accusatory": "#CC79A7", "directive": "#0072B2",
    "warning": "#E69F00", "commissive": "#56B4E9", "evaluative": "#999933",
}


def plot_source_balance(table: pd.DataFrame, *, measure: str = "attributions", ax=None,
                        title: str | None = None, study=None):
    """Source balance by outlet: whose words each outlet reports, stacked by side.

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.attribution.attribution_by_outlet` (``outlet, side,
        n_attributions, share_attributions, quoted_words, share_quoted_words``).
    measure : {"attributions", "quoted_words"}, default "attributions"
        Share of attributions, or share of words in direct quotes.
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes
        One horizontal bar per outlet, segments = shares by side (side "" is
        shown as "unknown"), annotated with the total count.
    """
    from ._checks import check_choice

    check_choice("measure", measure, ["attributions", "quoted_words"])
    count_col = "n_attributions" if measure == "attributions" else "quoted_words"
    check_columns(table, ["outlet", "side", count_col], "table")
    ax = _new_ax(ax)
    if table.empty or table[count_col].sum() == 0:
        return _empty(ax, "no attributions found")
    t = table.assign(side=table["side"].fillna("").replace("", "unknown"))
    counts = t.pivot_table(index="outlet", columns="side", values=count_col, aggfunc="sum",
                           fill_value=0)
    st = _st(study)
    order = st.order([s for s in counts.columns if s != "unknown"])
    order += ["unknown"] if "unknown" in counts.columns else []
    counts = counts[order].sort_index(ascending=False)
    totals = counts.sum(axis=1)
    shares = counts.div(totals.where(totals > 0, 1), axis=0)
    colors = side_colors(order, study=st)
    left = pd.Series(0.0, index=shares.index)
    ys = range(len(shares))
    for side, color in zip(order, colors):
        ax.barh(ys, shares[side], left=left, color=color, label=_plain(st.label(side)),
                edgecolor="white", linewidth=0.5)
        left += shares[side]
    ax.set_yticks(list(ys), [_plain(o) for o in shares.index])
    for i, n in enumerate(totals):
        ax.text(1.01, i, f"n={int(n)}", va="center", fontsize=8,
                transform=ax.get_yaxis_transform())
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of attributions, by side of the speaker" if measure == "attributions"
                  else "share of directly quoted words, by side of the speaker")
    ax.legend(ncols=min(len(order), 4), fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              frameon=False)
    if title:
        _title_above_legend(ax, title)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_verb_class_by_side(table: pd.DataFrame, *, sides=None, ax=None,
                            title: str | None = None, study=None):
    """How each side's words are introduced: shares of reporting-verb classes by side.

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.attribution.verb_class_by_side` (``side, verb_class,
        n, share``; with ``outlet`` the counts are pooled over outlets).
    sides : list of str, optional
        Sides to show, in order (default: all, by number of attributions).
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes
        One horizontal bar per side, segments = share of each verb class.
    """
    check_columns(table, ["side", "verb_class", "n"], "table")
    ax = _new_ax(ax)
    if table.empty:
        return _empty(ax, "no attributions found")
    t = table.assign(side=table["side"].fillna("").replace("", "unknown"))
    counts = t.pivot_table(index="side", columns="verb_class", values="n", aggfunc="sum",
                           fill_value=0)
    if sides is not None:
        missing = [s for s in sides if s not in counts.index]
        if missing:
            raise FramingError(f"sides not in the table: {missing}; sides present: "
                               f"{', '.join(map(str, counts.index))}")
        counts = counts.loc[list(sides)]
    else:
        counts = counts.loc[counts.sum(axis=1).sort_values().index]
    classes = [c for c in _VERB_CLASS_COLORS if c in counts.columns] + \
        sorted(c for c in counts.columns if c not in _VERB_CLASS_COLORS)
    totals = counts.sum(axis=1)
    shares = counts[classes].div(totals.where(totals > 0, 1), axis=0)
    left = pd.Series(0.0, index=shares.index)
    ys = range(len(shares))
    for c in classes:
        ax.barh(ys, shares[c], left=left, color=_VERB_CLASS_COLORS.get(c, "#777777"),
                label=_plain(c), edgecolor="white", linewidth=0.5)
        left += shares[c]
    st = _st(study)
    ax.set_yticks(list(ys), [_plain(st.label(x)) for x in shares.index])
    for i, n in enumerate(totals):
        ax.text(1.01, i, f"n={int(n)}", va="center", fontsize=8,
                transform=ax.get_yaxis_transform())
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the side's attributions, by class of reporting verb")
    ax.legend(ncols=min(len(classes), 4), fontsize=8, loc="lower center",
              bbox_to_anchor=(0.5, 1.0), frameon=False)
    if title:
        _title_above_legend(ax, title)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_distancing_asymmetry(table: pd.DataFrame, *, ax=None, title: str | None = None,
                              study=None):
    """Distancing asymmetry by outlet: difference in distancing-verb shares, with intervals.

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.attribution.distancing_asymmetry` (``outlet, side_a,
        side_b, n_a, n_b, difference, ci_low, ci_high``).
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes
        One point per outlet (the difference ``share_a - share_b``) with its
        bootstrap interval; positive values mean side A's words are introduced
        with distancing verbs more often than side B's. Outlets where a side
        has no attributions are listed without a point.
    """
    check_columns(table, ["outlet", "side_a", "side_b", "difference", "ci_low", "ci_high"],
                  "table")
    ax = _new_ax(ax)
    if table.empty:
        return _empty(ax, "no outlets")
    t = table.sort_values("outlet", ascending=False).reset_index(drop=True)
    y = range(len(t))
    ok = t["difference"].notna()
    lo = (t["difference"] - t["ci_low"]).clip(lower=0).fillna(0)
    hi = (t["ci_high"] - t["difference"]).clip(lower=0).fillna(0)
    ax.errorbar(t.loc[ok, "difference"], [i for i in y if ok[i]],
                xerr=[lo[ok], hi[ok]], fmt="o", color="#333333", ecolor="#777777", capsize=3)
    ax.axvline(0, color="#999999", linewidth=0.8, linestyle="--")
    ax.set_yticks(list(y), [_plain(o) + ("" if ok[i] else " (n/a)")
                            for i, o in enumerate(t["outlet"])])
    if "n_a" in t and "n_b" in t:
        for i in y:
            ax.text(1.01, i, f"n={int(t.at[i, 'n_a'])}/{int(t.at[i, 'n_b'])}", va="center",
                    fontsize=8, transform=ax.get_yaxis_transform())
    st = _st(study)
    a, b = (_plain(st.label(x)) for x in (t["side_a"].iloc[0], t["side_b"].iloc[0]))
    ax.set_xlabel(f"share of distancing verbs: {a} minus {b} (← {b} distanced more | "
                  f"{a} distanced more →)", fontsize=8)
    lim = max(0.1, float(pd.concat([t["ci_low"].abs(), t["ci_high"].abs(),
                                    t["difference"].abs()]).max(skipna=True) or 0.1)) * 1.1
    ax.set_xlim(-min(lim, 1.05), min(lim, 1.05))
    if title:
        ax.set_title(title, fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


__all__ += ["plot_over_time"]  # noqa: E305


def plot_over_time(table: pd.DataFrame, feature: str, *, by: str | None = None, ax=None,
                   title: str | None = None, study=None):
    """One feature over time for each outlet: value per period with its interval.

    Parameters
    ----------
    table : DataFrame
        :func:`framing.compare_outlets` with ``by="month"`` (or week, year, event), or
        the ``over_time`` table of ``framing analyze``: a period column, then ``outlet,
        feature, value, ci_low, ci_high`` (``n_docs`` optional).
    feature : str
        The feature to draw.
    by : str, optional
        The period column (default: the first column).
    ax : Axes, optional
    title : str, optional
    study : Study, optional
        Labels of features (default: the default study).

    Returns
    -------
    Axes
        x: periods in order (periods without a date are left out); one line per outlet
        with markers and vertical interval bars; a marker's size grows with ``n_docs``.

    Examples
    --------
    >>> t = pd.DataFrame({"month": ["2020-01", "2020-02"] * 2, "outlet": ["A", "A", "B", "B"],
    ...                   "feature": "f", "value": [1.0, 2.0, 0.5, 0.7],
    ...                   "ci_low": [0.5, 1.5, 0.2, 0.4], "ci_high": [1.5, 2.5, 0.8, 1.0]})
    >>> len(plot_over_time(t, "f").get_lines()) >= 2
    True
    """
    by = by or table.columns[0]
    check_columns(table, [by, "outlet", "feature", "value", "ci_low", "ci_high"], "table")
    st = _st(study)
    sub = table[(table["feature"] == feature) & (table[by].astype(str) != "(no date)")
                & table["value"].notna()]
    ax = _new_ax(ax, figsize=(6.5, 3.2))
    if sub.empty:
        return _empty(ax, "no values over time")
    order = sorted(pd.unique(sub[by].astype(str)))
    pos = {p: i for i, p in enumerate(order)}
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    outlets = sorted(pd.unique(sub["outlet"].astype(str)))
    width = 0.25 / max(1, len(outlets))
    for j, o in enumerate(outlets):
        g = sub[sub["outlet"].astype(str) == o].sort_values(by)
        x = [pos[str(p)] + (j - (len(outlets) - 1) / 2) * width for p in g[by]]
        c = colors[j % len(colors)]
        ax.vlines(x, g["ci_low"], g["ci_high"], color=c, linewidth=1.2, alpha=0.7)
        sizes = (12 + 4 * g["n_docs"].clip(upper=20)) if "n_docs" in g.columns else 20
        ax.plot(x, g["value"], "-", color=c, linewidth=1, alpha=0.8, label=_plain(o))
        ax.scatter(x, g["value"], s=sizes, color=c, zorder=3, edgecolor="white",
                   linewidth=0.5)
    ax.set_xticks(range(len(order)), [_plain(p) for p in order], rotation=45, ha="right",
                  fontsize=7)
    ax.set_ylabel(_plain(st.feature_label(feature)), fontsize=8)
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    ax.grid(axis="y", color="#eeeeee")
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title, fontsize=10)
    return ax
