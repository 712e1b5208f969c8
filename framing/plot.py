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

#: Colours per side, colour-blind safe (Okabe–Ito); unknown sides get grey.
SIDE_COLORS = {
    "armenia": "#D55E00", "azerbaijan": "#0072B2", "international": "#999999",
    "turkey": "#56B4E9", "russia": "#CC79A7", "iran": "#009E73", "usa": "#E69F00",
    "france": "#F0E442", "pakistan": "#000000", "media": "#BBBBBB", "other": "#DDDDDD",
    "": "#EEEEEE",
}


def side_colors(sides) -> list[str]:
    """Colour for each side name (grey for sides without a fixed colour)."""
    return [SIDE_COLORS.get(str(s), "#777777") for s in sides]


def _new_ax(ax, figsize=(6.5, 3.5)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


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


def plot_naming(table: pd.DataFrame, *, ax=None, lexicon: str = "naming", title: str | None = None):
    """Naming choices by outlet: share of naming-lexicon hits by side, stacked bars.

    Parameters
    ----------
    table : DataFrame
        A hits table joined with ``outlet`` (columns ``outlet, lexicon, side``),
        e.g. ``Analysis.hits_with_outlet()``, or pre-aggregated counts with a
        ``count`` column.
    ax : Axes, optional
    lexicon : str, default "naming"
        Which lexicon's hits to show.

    Returns
    -------
    Axes
        One bar per outlet; segments are shares of hits per side, annotated with
        the number of hits (n) on the right.
    """
    check_columns(table, ["outlet", "lexicon", "side"], "table")
    sub = table[table["lexicon"] == lexicon]
    ax = _new_ax(ax)
    if sub.empty:
        ax.text(0.5, 0.5, f"no {lexicon} terms found", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    sub = sub.assign(side=sub["side"].fillna("").replace("", "unassigned"))
    if "count" in sub.columns:  # already aggregated (e.g. outlet features)
        counts = sub.groupby(["outlet", "side"])["count"].sum().unstack(fill_value=0)
    else:
        counts = sub.groupby(["outlet", "side"]).size().unstack(fill_value=0)
    order = [s for s in SIDE_COLORS if s in counts.columns] + \
        [s for s in counts.columns if s not in SIDE_COLORS]
    counts = counts[order].sort_index(ascending=False)
    shares = counts.div(counts.sum(axis=1), axis=0)
    left = pd.Series(0.0, index=shares.index)
    for side, color in zip(order, side_colors(order)):
        ax.barh(shares.index, shares[side], left=left, color=color, label=side,
                edgecolor="white", linewidth=0.5)
        left += shares[side]
    for i, (outlet, n) in enumerate(counts.sum(axis=1).items()):
        ax.text(1.01, i, f"n={n}", va="center", fontsize=8, transform=ax.get_yaxis_transform())
    ax.set_xlim(0, 1)
    ax.set_xlabel(f"share of {lexicon} terms, by side whose usage the term reflects")
    ax.legend(ncols=min(len(order), 4), fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              frameon=False)
    if title:
        ax.set_title(title, fontsize=10, pad=24)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_tone(table: pd.DataFrame, *, sides=None, max_sides: int = 4, ax=None,
              title: str | None = None):
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
        ax.text(0.5, 0.5, "no sentences mention a side", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    from matplotlib.patches import Patch

    outlets = sorted(sub["outlet"].astype(str).unique(), reverse=True)
    sides = [s for s in sides if s in set(sub["side"].astype(str))]
    voices = [v for v in ("own", "quoted") if v in set(sub["voice"])] + \
        sorted(set(sub["voice"]) - {"own", "quoted"})
    combos = [(s, v) for s in sides for v in voices
              if ((sub["side"] == s) & (sub["voice"] == v)).any()]
    colors = dict(zip(sides, side_colors(sides)))
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
    ax.set_yticks(range(len(outlets)), outlets)
    ax.set_xlabel("mean VADER compound of sentences mentioning the side")
    handles = [Patch(color=colors[s], label=s) for s in sides]
    handles += [Patch(facecolor="#888888", label="own voice"),
                Patch(facecolor="#888888", alpha=0.55, hatch="///", edgecolor="#888888",
                      label="in quotations")]
    ax.legend(handles=handles, fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5),
              frameon=False)
    if title:
        ax.set_title(title, fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
