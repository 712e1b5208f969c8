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
import matplotlib.ticker  # noqa: E402
import numpy as np  # noqa: E402
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


def _records(df: pd.DataFrame) -> list[dict]:
    """``df.to_dict("records")``: read column by column when every column is a NumPy or a
    string column (the same Python values; pandas boxes Arrow-backed strings one cell at a
    time, which costs a tenth of a millisecond each)."""
    cols = list(df.columns)
    if len(set(cols)) != len(cols) or not all(
            isinstance(dt, (np.dtype, pd.StringDtype)) for dt in df.dtypes):
        return df.to_dict("records")
    return [dict(zip(cols, row)) for row in zip(*(df[c].tolist() for c in cols))]


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
    return _save_figure(fig_or_ax, path, dpi=dpi, formats=formats)[0]


def _save_figure(fig_or_ax, path, *, dpi: int = 200, formats=("png",)):
    """:func:`save_figure`, and the pixels of the PNG (an RGBA array) when they are at
    hand (else None): the report embeds them without reading the file again."""
    fig = fig_or_ax.figure if hasattr(fig_or_ax, "figure") and not hasattr(fig_or_ax, "savefig") \
        else fig_or_ax
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out, pixels = [], None
    for fmt in formats:
        if fmt not in ("png", "pdf", "svg"):
            raise FramingError(f"format {fmt!r} is not supported; choose png, pdf or svg")
        p = path.with_suffix("." + fmt)
        meta = {"png": {"Software": "framing"}, "pdf": {"Creator": "framing", "CreationDate": None},
                "svg": {"Creator": "framing", "Date": None}}[fmt]
        if fmt == "png":
            pixels = _save_png_tight(fig, p, dpi, meta)
        else:
            fig.savefig(p, dpi=dpi, metadata=meta, bbox_inches="tight")
        out.append(p)
    return out, pixels


def _save_png_tight(fig, p: Path, dpi: int, meta: dict):
    """``fig.savefig(p, bbox_inches="tight")`` with the layout computed once; the RGBA
    pixels written (None if the figure was saved the ordinary way).

    ``savefig`` with a layout engine or a tight bounding box draws the whole figure
    once without output (for the layout and the text extents), then again into the
    file. Here the layout engine runs on its own, the tight box is measured from it
    and the figure is drawn with that box and the engine switched off, once: the same
    steps on the same renderer, so the pixels are those of ``savefig`` (and so are
    the text and resolution of the file; :func:`_write_png` encodes them). Figures
    without constrained layout (all of framing's have it), or on a canvas that is not
    Agg, take the ordinary path.
    """
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    engine = fig.get_layout_engine()
    canvas = fig.canvas
    rc = matplotlib.rcParams
    pad = rc["savefig.pad_inches"]
    if (not isinstance(engine, ConstrainedLayoutEngine) or not fig.axes
            or rc["figure.autolayout"] or rc["figure.constrained_layout.use"]
            or isinstance(pad, str)
            or not hasattr(canvas, "get_renderer") or not hasattr(canvas, "buffer_rgba")):
        fig.savefig(p, dpi=dpi, metadata=meta, bbox_inches="tight")
        return None
    old_dpi = fig.dpi
    try:
        fig.dpi = dpi
        renderer = canvas.get_renderer()
        try:  # as Figure.draw does
            engine.execute(fig)
        except ValueError:
            pass
        bbox = fig.get_tightbbox(renderer).padded(pad)
        fig.set_layout_engine(None)  # the layout is done: savefig then draws once
        try:  # the pixels only ("raw" format), encoded below
            fig.savefig(_Discard(), format="raw", dpi=dpi, bbox_inches=bbox)
            pixels = np.array(canvas.buffer_rgba())
        finally:
            fig.set_layout_engine(engine)
    finally:
        fig.dpi = old_dpi
    _write_png(p, pixels, dpi, meta)
    return pixels


class _Discard:
    """A file that forgets what is written to it."""

    def write(self, data) -> int:
        return len(data)

    def seek(self, *args) -> int:
        return 0


def _write_png(path: Path, rgba, dpi: float, text: dict) -> None:
    """Write an RGBA array as PNG with ``text`` (tEXt) and the resolution (pHYs), as
    matplotlib does through Pillow, but without row filters and with one IDAT chunk.

    Pillow tries the five PNG row filters on every row and keeps the best; on charts
    (flat colours, long runs) the unfiltered rows compress as well or better (the
    report's figures: 20 % smaller files) and the file is written in 40 % less time.
    The pixels are the same (tests/test_figures.py decodes and compares them).
    """
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    h, w = rgba.shape[:2]
    rows = np.zeros((h, 1 + 4 * w), dtype=np.uint8)  # filter byte 0 (none) per row
    rows[:, 1:] = np.ascontiguousarray(rgba, dtype=np.uint8).reshape(h, 4 * w)
    ppm = int(dpi / 0.0254 + 0.5)  # pixels per metre, as Pillow rounds them
    parts = [b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))]
    parts += [chunk(b"tEXt", k.encode("latin-1") + b"\0" + str(v).encode("latin-1"))
              for k, v in text.items() if v is not None]
    parts += [chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)),
              chunk(b"IDAT", zlib.compress(rows.tobytes(), 6)), chunk(b"IEND", b"")]
    Path(path).write_bytes(b"".join(parts))


# --------------------------------------------------------------------------------------
# Shares with intervals: one dot per (row, category), a line for its 95 % interval
# --------------------------------------------------------------------------------------
#: Fewer items (hits, attributions, acts) than this in a row: the dot is drawn without an
#: interval (with 1 or 2 items any share from 0 to 1 is plausible; the line would say nothing).
MIN_N_INTERVAL = 3

_Z95 = 1.959963984540054

__all__ += ["wilson_interval", "MIN_N_INTERVAL"]  # noqa: E305


def wilson_interval(k, n, *, z: float = _Z95):
    """Wilson score interval of a share ``k / n`` (95 % by default).

    Parameters
    ----------
    k, n : array-like of numbers
        Successes and trials; where ``n`` is 0 the interval is NaN.
    z : float, default 1.96
        Normal quantile of the coverage.

    Returns
    -------
    tuple of ndarray
        ``(low, high)``.

    Notes
    -----
    The interval treats the ``n`` items as independent draws. Hits or attributions
    cluster within articles, so for them it is narrower than a bootstrap over
    documents; it is what the plots draw when a table carries only counts.

    Examples
    --------
    >>> lo, hi = wilson_interval([5], [10])
    >>> [round(float(lo[0]), 3), round(float(hi[0]), 3)]
    [0.237, 0.763]
    """
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z ** 2 / n
        centre = (p + z ** 2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z ** 2 / (4 * n ** 2)) / denom
        lo, hi = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    bad = ~(n > 0)
    return np.where(bad, np.nan, lo), np.where(bad, np.nan, hi)


#: The columns of the share tables the dot plots draw.
_SHARE_COLUMNS = ["group", "cat", "count", "n", "share", "ci_low", "ci_high", "n_docs"]


def _group_key(key) -> tuple:
    return key if isinstance(key, tuple) else (key,)


def _shares_from_counts(df: pd.DataFrame, groups: list[str], cat: str, count: str,
                        n: str | None = None) -> pd.DataFrame:
    """Shares of ``cat`` within each group of a counts table, with Wilson intervals.

    ``n`` names a column of totals (the share's denominator); default the sum of
    ``count`` over the group's categories. Every category of the table gets a row in
    every group (count 0 where it does not occur)."""
    agg = {count: "sum", **({n: "max"} if n else {})}
    c = df.groupby(groups + [cat], sort=True, observed=True).agg(agg)
    cats = sorted(pd.unique(df[cat].astype(str)))
    keys = [tuple(k) for k in df[groups].drop_duplicates().sort_values(groups)
            .itertuples(index=False)]
    c.index = pd.MultiIndex.from_tuples([(*_group_key(k[:-1]), str(k[-1])) for k in c.index])
    full = pd.MultiIndex.from_tuples([(*g, x) for g in keys for x in cats])
    counts = c[count].reindex(full, fill_value=0).to_numpy(dtype=float)
    if n:
        tot = c[n].groupby(level=list(range(len(groups)))).max()
        tot = np.array([tot.get(g if len(g) > 1 else g[0], 0) for g in keys for _ in cats],
                       dtype=float)
    else:
        tot = counts.reshape(len(keys), len(cats)).sum(axis=1).repeat(len(cats)) \
            if len(keys) and len(cats) else np.zeros(0)
    lo, hi = wilson_interval(counts, tot)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(tot > 0, counts / np.where(tot > 0, tot, 1), np.nan)
    return pd.DataFrame({"group": [g for g in keys for _ in cats],
                         "cat": [x for _ in keys for x in cats], "count": counts, "n": tot,
                         "share": share, "ci_low": lo, "ci_high": hi, "n_docs": np.nan},
                        columns=_SHARE_COLUMNS)


def _shares_by_bootstrap(rows: pd.DataFrame, groups: list[str], cat: str, *,
                         weight: str | None = None, n_boot: int = 2000,
                         random_state: int | None = 0) -> pd.DataFrame:
    """Shares of ``cat`` within each group of item rows (one row per hit, attribution or
    act, with ``doc_id``), with a percentile bootstrap interval over documents: documents
    are resampled within the group and the share recomputed as a ratio of sums
    (:func:`framing.compare.compare_outlets`' estimator, seeded per group)."""
    from .compare import _bootstrap, _rng

    if not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise FramingError(f"n_boot must be a positive integer, got {n_boot!r}")
    w = rows[weight].astype(float) if weight else pd.Series(1.0, index=rows.index)
    cats = sorted(pd.unique(rows[cat].astype(str)))
    rows = rows.assign(_w=w, **{cat: rows[cat].astype(str)})
    frames = []
    for key, g in rows.groupby(groups, sort=True):
        key = _group_key(key)
        num = g.pivot_table(index="doc_id", columns=cat, values="_w", aggfunc="sum",
                            fill_value=0.0, observed=True).reindex(columns=cats, fill_value=0.0)
        num = num.loc[num.sum(axis=1) > 0]
        if num.empty:
            continue
        nm = num.to_numpy(dtype=float)
        dn = np.repeat(nm.sum(axis=1, keepdims=True), nm.shape[1], axis=1)
        tot = float(nm.sum())
        lo, hi = _bootstrap(nm, dn, int(n_boot),
                            _rng(random_state, "\x1f".join(map(str, key))), 0.95)
        frames.append(pd.DataFrame({"group": [key] * nm.shape[1],
                                    "cat": [str(c) for c in num.columns],
                                    "count": nm.sum(axis=0), "n": tot,
                                    "share": nm.sum(axis=0) / tot, "ci_low": lo, "ci_high": hi,
                                    "n_docs": len(num)}))
    return (pd.concat(frames, ignore_index=True) if frames
            else pd.DataFrame(columns=_SHARE_COLUMNS))


def _given_intervals(s: pd.DataFrame, intervals: pd.DataFrame, prefix: str) -> pd.DataFrame:
    """``s`` with the intervals of a :func:`framing.compare_outlets` table: the row of
    outlet ``group[0]`` and feature ``prefix + cat``; no interval where it has none."""
    check_columns(intervals, ["outlet", "feature", "ci_low", "ci_high"], "intervals")
    iv = intervals.assign(outlet=intervals["outlet"].astype(str)) \
        .drop_duplicates(["outlet", "feature"]).set_index(["outlet", "feature"])
    keys = pd.MultiIndex.from_tuples([(str(g[0]), prefix + str(c))
                                      for g, c in zip(s["group"], s["cat"])])
    return s.assign(ci_low=iv["ci_low"].reindex(keys).to_numpy(dtype=float),
                    ci_high=iv["ci_high"].reindex(keys).to_numpy(dtype=float))


def _interval_note(method: str) -> str:
    """What the line around each dot is, for the x-axis label."""
    few = f"no line: n < {MIN_N_INTERVAL}"
    if method == "bootstrap":
        return (f"line: 95% bootstrap interval over documents ({few} or fewer than "
                f"{MIN_N_INTERVAL} documents)")
    if method == "wilson":
        return f"line: 95% Wilson interval on the counts, items taken as independent ({few})"
    if method == "given":
        return f"line: 95% bootstrap interval over documents, from the comparison table ({few})"
    return "no interval: the counts are not independent draws"


def _draw_share_dots(ax, s: pd.DataFrame, rows: list, cats: list[str], *, colors: dict,
                     cat_labels: dict, row_labels: dict, row_notes: dict, hollow_rows=(),
                     legend_extra=(), xlabel: str, method: str, title: str | None):
    """Draw ``s`` (``_SHARE_COLUMNS`` with a ``row`` column) as one dot per (row, cat).

    Rows from top to bottom in the order of ``rows``; within a row the categories are
    offset vertically in the order of ``cats``. The interval is drawn only where it
    rests on ``MIN_N_INTERVAL`` items (and documents, for the bootstrap) or more."""
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    k = max(1, len(cats))
    step = 0.72 / k
    ypos = {r: len(rows) - 1 - i for i, r in enumerate(rows)}
    hollow_rows = set(hollow_rows)
    for j, c in enumerate(cats):
        sub = s[s["cat"] == c]
        for rec in _records(sub):
            y = ypos[rec["row"]] + 0.36 - step * (j + 0.5)
            enough = rec["n"] >= MIN_N_INTERVAL and not (
                pd.notna(rec["n_docs"]) and rec["n_docs"] < MIN_N_INTERVAL)
            # the artists of ax.hlines and ax.plot, made directly (a few hundred dots: the
            # argument handling of those two took a fifth of the figure's drawing); the
            # limits are set below, so only the data limits are updated
            if enough and np.isfinite(rec["ci_low"]) and np.isfinite(rec["ci_high"]):
                seg = [(float(rec["ci_low"]), y), (float(rec["ci_high"]), y)]
                line = LineCollection([seg], colors=colors[c], linestyles="solid", label="")
                ax.add_collection(line, autolim=False)
                line.set(linewidth=1.6, alpha=0.9)
                ax.update_datalim(seg)
            hollow = rec["row"] in hollow_rows
            dot = Line2D(np.array([float(rec["share"])]), np.array([float(y)]),
                         linestyle="None", marker="o", markersize=5, color=colors[c],
                         markerfacecolor="white" if hollow else colors[c],
                         markeredgecolor=colors[c] if hollow else "white",
                         markeredgewidth=1.2 if hollow else 0.5, zorder=3)
            ax.add_line(dot)
    if row_notes:  # tick labels of a right-hand axis, so that the layout makes room for them
        notes = ax.secondary_yaxis("right")
        notes.set_yticks([ypos[r] for r in rows], [_plain(row_notes.get(r, "")) for r in rows])
        notes.tick_params(length=0, labelsize=7)
        notes.spines["right"].set_visible(False)
    ax.set_yticks([ypos[r] for r in rows], [_plain(row_labels[r]) for r in rows], fontsize=8)
    for y in range(1, len(rows)):
        ax.axhline(y - 0.5, color="#eeeeee", linewidth=0.6, zorder=0)
    ax.set_ylim(-0.5, len(rows) - 0.5)
    ax.set_xlim(-0.02, 1.02)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
    ax.grid(axis="x", color="#eeeeee")
    ax.set_axisbelow(True)
    ax.set_xlabel(f"{xlabel} (dot)\n{_interval_note(method)}", fontsize=8)
    handles = [Line2D([], [], marker="o", linestyle="-", color=colors[c], markersize=5,
                      markeredgecolor="white", label=_plain(cat_labels[c])) for c in cats]
    ncols = min(max(len(handles), 1), 4)
    blank = Line2D([], [], linestyle="", label=" ")
    if legend_extra:  # the extra keys on a row of their own
        handles += [blank] * (-len(handles) % ncols) + list(legend_extra)
    handles += [blank] * (-len(handles) % ncols)
    # matplotlib fills a legend column by column: reorder so that it reads row by row
    nrows = -(-len(handles) // ncols)
    grid = [handles[i * ncols:(i + 1) * ncols] for i in range(nrows)]
    handles = [row[c] for c in range(ncols) for row in grid if c < len(row)]
    ax.legend(handles=handles, ncols=ncols, fontsize=7, loc="lower center",
              bbox_to_anchor=(0.5, 1.0), frameon=False)
    if title:
        _title_above_legend(ax, title)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _dots_height(n_rows: int, n_per_row: int) -> float:
    """Figure height (inches) of a dot plot: legend, labels and ``n_rows`` rows of
    ``n_per_row`` dots each, about 0.07 inch apart (the report stays small)."""
    return 1.6 + max(2, n_rows) * (0.12 + 0.065 * max(1, n_per_row))


def _n_note(n, n_docs=None, *, unit: str = "") -> str:
    """The note at the right of a row: the number of items, and of documents when known."""
    unit = f" {unit}" if unit else ""
    if n is None or not n or pd.isna(n):
        return f"n=0{unit}"
    text = f"n={int(n)}{unit}"
    if n_docs is not None and pd.notna(n_docs):
        text += f" ({int(n_docs)} doc{'s' if n_docs != 1 else ''})"
    if n < MIN_N_INTERVAL or (n_docs is not None and pd.notna(n_docs)
                              and n_docs < MIN_N_INTERVAL):
        text += ", no interval"
    return text


def _with_outlet_column(rows: pd.DataFrame, corpus, what: str) -> pd.DataFrame:
    """``rows`` with an ``outlet`` column: its own, or mapped from ``corpus``'s doc_id."""
    if corpus is not None:
        check_columns(corpus, ["doc_id", "outlet"], "corpus")
        outlet = rows["doc_id"].map(dict(zip(corpus["doc_id"], corpus["outlet"])))
        if outlet.isna().any():
            bad = sorted(rows.loc[outlet.isna(), "doc_id"].astype(str).unique())[:5]
            raise FramingError(f"{what} has doc_id(s) not in corpus: {', '.join(bad)}")
        return rows.assign(outlet=outlet.astype(str))
    if "outlet" not in rows.columns:
        raise FramingError(f"{what} rows need the outlet of each document: pass corpus= "
                           "(columns doc_id, outlet) or add an 'outlet' column")
    return rows.assign(outlet=rows["outlet"].astype(str))


def plot_naming(table: pd.DataFrame, *, ax=None, lexicon: str | None = None,
                title: str | None = None, by_voice: bool = True, study=None,
                n_boot: int = 2000, random_state: int | None = 0):
    """Naming choices by outlet: share of a lexicon's hits by side, dots with intervals.

    Parameters
    ----------
    table : DataFrame
        A hits table joined with ``outlet`` (columns ``outlet, lexicon, side``,
        ``doc_id`` and optionally ``voice``), e.g. ``Analysis.hits_with_outlet()``, or
        pre-aggregated counts with a ``count`` column (rows with voice ``all``
        are ignored when ``own``/``quoted`` rows are present).
    ax : Axes, optional
    lexicon : str, optional
        Which lexicon's hits to show (default: the study's first naming lexicon).
    title : str, optional
    by_voice : bool, default True
        With a ``voice`` column, one row per outlet and voice: the outlet's own
        words (filled dots) and quoted words (hollow dots), so that a minister's
        "occupied territories" is not read as the outlet's framing.
    study : Study, optional
        Labels and colours of the sides (default: the default study).
    n_boot : int, default 2000
        Bootstrap resamples (hits tables with ``doc_id``).
    random_state : int or None, default 0
        Seed of the bootstrap (one stream per outlet and voice).

    Returns
    -------
    Axes
        One dot per outlet (and voice) and side: the side's share of the
        lexicon's hits there, coloured by side. The line is the 95 % interval:
        a percentile bootstrap over documents when the table has one row per hit
        with ``doc_id`` (documents resampled within the outlet); a Wilson
        interval on the counts when the table only has counts (it treats hits
        as independent, so it is narrower than a bootstrap would be). Rows with
        fewer than :data:`MIN_N_INTERVAL` hits (or documents) get a dot without
        a line. The number of hits (n) is printed at the right of each row.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"outlet": ["A", "A", "B"], "lexicon": "naming",
    ...                   "side": ["armenia", "azerbaijan", "armenia"], "voice": "own"})
    >>> ax = plot_naming(t)
    >>> [x.get_text() for x in ax.child_axes[0].get_yticklabels()]  # n of each row
    ['n=2, no interval', 'n=1, no interval']
    """
    from matplotlib.lines import Line2D

    check_columns(table, ["outlet", "lexicon", "side"], "table")
    st = _st(study)
    if lexicon is None:
        names = st.names("naming") or list(pd.unique(table["lexicon"]))[:1]
        lexicon = names[0] if names else ""
    what = st.lexicon_title(lexicon).lower()
    sub = table[table["lexicon"] == lexicon]
    split = by_voice and "voice" in sub.columns and sub["voice"].isin(["own", "quoted"]).any()
    n_rows = sub["outlet"].nunique() * (2 if split else 1)
    n_sides = max(1, sub["side"].nunique())
    ax = _new_ax(ax, figsize=(7, _dots_height(n_rows, n_sides)))
    if sub.empty:
        return _empty(ax, f"no {what} found")
    sub = sub.assign(side=sub["side"].fillna("").astype(str).replace("", "unassigned"),
                     outlet=sub["outlet"].astype(str))
    if split:
        sub = sub[sub["voice"].isin(["own", "quoted"])]
    else:
        if "voice" in sub.columns and (sub["voice"] == "all").any():
            sub = sub[sub["voice"] == "all"]
        sub = sub.assign(voice="all")
    keys = ["outlet", "voice"]
    if "count" in sub.columns:
        s, method = _shares_from_counts(sub, keys, "side", "count"), "wilson"
    elif "doc_id" in sub.columns:
        s, method = _shares_by_bootstrap(sub, keys, "side", n_boot=n_boot,
                                         random_state=random_state), "bootstrap"
    else:
        s, method = _shares_from_counts(sub.assign(count=1), keys, "side", "count"), "wilson"
    order = st.order([c for c in pd.unique(s["cat"]) if c != "unassigned"])
    order += ["unassigned"] if (s["cat"] == "unassigned").any() else []
    voices = [v for v in ("own", "quoted") if (sub["voice"] == v).any()] if split else ["all"]
    rows = [(o, v) for o in sorted(sub["outlet"].unique()) for v in voices]
    s = s.assign(row=s["group"])
    first = s.drop_duplicates("row").set_index("row")
    notes = {r: _n_note(first["n"].get(r, 0), first["n_docs"].get(r) if method == "bootstrap"
                        else None) for r in rows}
    voice_word = {"own": "own words", "quoted": "quoted", "all": ""}
    labels = {(o, v): (f"{o} · {voice_word[v]}" if split else o) for o, v in rows}
    extra = []
    if "quoted" in voices:
        extra = [Line2D([], [], marker="o", linestyle="", color="#555555", markersize=5,
                        label="own words (filled)"),
                 Line2D([], [], marker="o", linestyle="", color="#555555", markersize=5,
                        markerfacecolor="white", markeredgewidth=1.2, label="quoted (hollow)")]
    return _draw_share_dots(
        ax, s, rows, order, colors=dict(zip(order, side_colors(order, study=st))),
        cat_labels={c: ("no side" if c == "unassigned" else st.label(c)) for c in order},
        row_labels=labels, row_notes=notes,
        hollow_rows=[r for r in rows if r[1] == "quoted"], legend_extra=extra,
        xlabel=f"share of {what}, by side whose usage the term reflects", method=method,
        title=title)


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
              zip(sub["outlet"], sub["side"], sub["voice"], _records(sub))}
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
    check_columns(table, ["outlet", "feature", "value"], "table")
    if scale not in ("feature", "none"):
        raise FramingError(f"scale={scale!r} is not valid; choose 'feature' or 'none'")
    order = list(features) if features is not None else list(pd.unique(table["feature"]))
    present = set(table["feature"])
    piv = table.pivot_table(index="outlet", columns="feature", values="value", aggfunc="mean",
                            dropna=False).reindex(columns=[f for f in order if f in present])
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
                study=None, corpus: pd.DataFrame | None = None, n_boot: int = 2000,
                random_state: int | None = 0, intervals: pd.DataFrame | None = None):
    """Agency by outlet: who is the agent (or patient) of violent acts, with intervals.

    Parameters
    ----------
    table : DataFrame
        Either :func:`framing.agency.agency_by_outlet` (columns ``outlet, measure,
        side, count, n, value``), or the violent-act mentions themselves
        (:func:`framing.agency.extract_agency`: ``doc_id, voice, agent_side,
        patient_side``, with an ``outlet`` column or ``corpus``).
    role : {"agent", "patient", "agent_implied", "patient_implied"}, default "agent"
        Which share to draw (``agent_share``, ``patient_share``, or the same by the
        implied sides: the stated side, else the place's or the contrast's).
    ax : Axes, optional
    title : str, optional
    study : Study, optional
        Labels and colours of the sides (default: the default study).
    corpus : DataFrame, optional
        ``doc_id, outlet`` of the mentions' documents (mentions without ``outlet``).
    n_boot : int, default 2000
        Bootstrap resamples (mention rows).
    random_state : int or None, default 0
        Seed of the bootstrap (one stream per outlet).
    intervals : DataFrame, optional
        A :func:`framing.compare_outlets` table (``outlet, feature, ci_low,
        ci_high``): the lines are its intervals of ``agency:<role>:<side>``
        (bootstrap over documents), so that the figure agrees with the table.

    Returns
    -------
    Axes
        One row per outlet; one dot per side: the share of the outlet's
        violent-act mentions whose ``role`` is on that side ("none" = left out
        or unresolved), coloured by side. The line is the 95 % interval: a
        percentile bootstrap over documents for mention rows; a Wilson interval
        on ``count`` of ``n`` for the per-outlet table (mentions taken as
        independent). Outlets with fewer than :data:`MIN_N_INTERVAL` mentions
        (or documents) get dots without lines. The right margin gives the
        agentless rate (passive without agent + intransitive) and the number of
        mentions.

    Examples
    --------
    >>> t = pd.DataFrame({"outlet": ["A", "A", "A", "A"],
    ...     "measure": ["agent_share", "agent_share", "agentless_rate", "n_mentions"],
    ...     "side": ["x", "", "all", "all"], "count": [1, 1, 1, 2], "n": [2, 2, 2, 2],
    ...     "value": [0.5, 0.5, 0.5, 2.0]})
    >>> plot_agency(t).get_xlabel().splitlines()[0]
    'share of violent acts, by side of the agent (dot)'
    """
    roles = ("agent", "patient", "agent_implied", "patient_implied")
    if role not in roles:
        raise FramingError(f"role={role!r} is not valid; choose one of {', '.join(roles)}")
    who, _, implied = role.partition("_")
    col = f"{who}_side" + ("_implied" if implied else "")
    measure = f"{who}_share" + ("_implied" if implied else "")
    raw = "measure" not in table.columns and {"doc_id", "agent_side", "patient_side"} <= \
        set(table.columns)
    if raw:
        from .agency import agency_by_outlet

        check_columns(table, ["doc_id", "voice", "agent_side", "patient_side"], "table")
        mentions = _with_outlet_column(table, corpus, "agency")
        summary = agency_by_outlet(mentions, mentions[["doc_id", "outlet"]].drop_duplicates())
    else:
        check_columns(table, ["outlet", "measure", "side", "value"], "table")
        summary = table
    n_sides = summary.loc[summary["measure"] == measure, "side"].nunique()
    ax = _new_ax(ax, figsize=(6.5, _dots_height(summary["outlet"].nunique(), n_sides)))
    sub = summary[summary["measure"] == measure]
    if sub.empty:
        return _empty(ax, "no violent acts found")
    if raw:
        check_columns(mentions, [col], "table")
        m = mentions.assign(**{col: mentions[col].fillna("").astype(str).replace("", "none")})
        s, method = _shares_by_bootstrap(m, ["outlet"], col, n_boot=n_boot,
                                         random_state=random_state), "bootstrap"
    else:
        sub = sub.assign(side=sub["side"].fillna("").astype(str).replace("", "none"),
                         outlet=sub["outlet"].astype(str))
        if "count" not in sub.columns or "n" not in sub.columns:  # value only: n from mentions
            nm = summary[summary["measure"] == "n_mentions"].set_index("outlet")["value"]
            n = sub["outlet"].map(nm).astype(float)
            sub = sub.assign(n=n, count=(sub["value"] * n).round())
        s, method = _shares_from_counts(sub, ["outlet"], "side", "count", n="n"), "wilson"
    if intervals is not None:
        s, method = _given_intervals(s, intervals, f"agency:{role}:"), "given"
    st = _st(study)
    order = st.order([c for c in pd.unique(s["cat"]) if c != "none"])
    order += ["none"] if (s["cat"] == "none").any() else []
    rows = sorted(pd.unique(sub["outlet"].astype(str)))
    s = s.assign(row=[g[0] for g in s["group"]])
    rate = summary[(summary["measure"] == "agentless_rate") & (summary["side"] == "all")] \
        .assign(outlet=lambda d: d["outlet"].astype(str)).set_index("outlet")["value"]
    first = s.drop_duplicates("row").set_index("row")
    notes = {o: f"agentless {rate.get(o, float('nan')):.0%}, "
             + _n_note(first["n"].get(o, 0), first["n_docs"].get(o) if raw else None)
             for o in rows}
    return _draw_share_dots(
        ax, s, rows, order, colors=dict(zip(order, side_colors(order, study=st))),
        cat_labels={c: (("none (left out or unresolved)" if who == "agent" else
                         "none (no side told)") if c == "none" else st.label(c))
                    for c in order},
        row_labels={o: o for o in rows}, row_notes=notes,
        xlabel=f"share of violent acts, by side of the {who}"
        + (" (implied: stated, else place or contrast)" if implied else ""),
        method=method, title=title)


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
                        title: str | None = None, study=None, corpus: pd.DataFrame | None = None,
                        n_boot: int = 2000, random_state: int | None = 0,
                        intervals: pd.DataFrame | None = None):
    """Source balance by outlet: whose words each outlet reports, dots with intervals.

    Parameters
    ----------
    table : DataFrame
        Either :func:`framing.attribution.attribution_by_outlet` (``outlet, side,
        n_attributions, quoted_words, ...``), or the attributions themselves
        (:func:`framing.attribution.extract_attributions`: ``doc_id, side`` and
        for ``quoted_words`` ``kind`` and ``quote`` or ``n_words``; with an
        ``outlet`` column or ``corpus``).
    measure : {"attributions", "quoted_words"}, default "attributions"
        Share of attributions, or share of words in direct quotes.
    ax : Axes, optional
    title : str, optional
    study : Study, optional
        Labels and colours of the sides (default: the default study).
    corpus : DataFrame, optional
        ``doc_id, outlet`` of the attributions' documents.
    n_boot : int, default 2000
        Bootstrap resamples (attribution rows).
    random_state : int or None, default 0
        Seed of the bootstrap (one stream per outlet).
    intervals : DataFrame, optional
        A :func:`framing.compare_outlets` table (``outlet, feature, ci_low,
        ci_high``): the lines are its intervals of ``attribution:share:<side>``
        (or ``attribution:quoted_words:<side>``; bootstrap over documents), so that
        the figure agrees with the table.

    Returns
    -------
    Axes
        One row per outlet; one dot per side of the speaker (side "" is shown as
        "unresolved"), coloured by side. The line is the 95 % interval: a
        percentile bootstrap over documents for attribution rows; for the
        per-outlet table a Wilson interval on the attribution counts
        (attributions taken as independent), and no interval for quoted words
        (words are not independent draws). Outlets with fewer than
        :data:`MIN_N_INTERVAL` attributions (or documents) get dots without
        lines; n (attributions, or quoted words) is printed at the right.
    """
    from ._checks import check_choice

    check_choice("measure", measure, ["attributions", "quoted_words"])
    raw = "n_attributions" not in table.columns and "doc_id" in table.columns
    st = _st(study)
    if raw:
        check_columns(table, ["doc_id", "side"], "table")
        t = _with_outlet_column(table, corpus, "attributions")
        t = t.assign(side=t["side"].fillna("").astype(str).replace("", "unknown"))
        weight = None
        if measure == "quoted_words":
            check_columns(t, ["kind"], "table")
            t = t[t["kind"] == "direct"]
            if "n_words" not in t.columns:
                from .text import count_words

                check_columns(t, ["quote"], "table")
                t = t.assign(n_words=[count_words(q) if isinstance(q, str) else 0
                                      for q in t["quote"]])
            weight = "n_words"
        n_out, n_sides = t["outlet"].nunique(), t["side"].nunique()
    else:
        count_col = "n_attributions" if measure == "attributions" else "quoted_words"
        check_columns(table, ["outlet", "side", count_col], "table")
        n_out, n_sides = table["outlet"].nunique(), table["side"].nunique()
    ax = _new_ax(ax, figsize=(6.5, _dots_height(n_out, n_sides)))
    if table.empty or (raw and t.empty) or (not raw and table[count_col].sum() == 0):
        return _empty(ax, "no attributions found")
    if raw:
        s, method = _shares_by_bootstrap(t, ["outlet"], "side", weight=weight, n_boot=n_boot,
                                         random_state=random_state), "bootstrap"
        outlets = t["outlet"]
    else:
        c = table.assign(side=table["side"].fillna("").astype(str).replace("", "unknown"),
                         outlet=table["outlet"].astype(str))
        s = _shares_from_counts(c, ["outlet"], "side", count_col)
        method = "wilson"
        if measure == "quoted_words":
            s = s.assign(ci_low=float("nan"), ci_high=float("nan"))
            method = "none"
        outlets = c["outlet"]
    s = s[s["n"] > 0]
    if intervals is not None:
        feature = "share" if measure == "attributions" else "quoted_words"
        s, method = _given_intervals(s, intervals, f"attribution:{feature}:"), "given"
    order = st.order([x for x in pd.unique(s["cat"]) if x != "unknown"])
    order += ["unknown"] if (s["cat"] == "unknown").any() else []
    rows = sorted(pd.unique(outlets.astype(str)))
    s = s.assign(row=[g[0] for g in s["group"]])
    first = s.drop_duplicates("row").set_index("row")
    notes = {o: _n_note(first["n"].get(o, 0), first["n_docs"].get(o) if raw else None,
                        unit="words" if measure == "quoted_words" else "") for o in rows}
    return _draw_share_dots(
        ax, s, rows, order, colors=dict(zip(order, side_colors(order, study=st))),
        cat_labels={x: st.label(x) for x in order}, row_labels={o: o for o in rows},
        row_notes=notes, method=method, title=title,
        xlabel="share of attributions, by side of the speaker" if measure == "attributions"
        else "share of directly quoted words, by side of the speaker")


def plot_verb_class_by_side(table: pd.DataFrame, *, sides=None, ax=None,
                            title: str | None = None, study=None, n_boot: int = 2000,
                            random_state: int | None = 0):
    """How each side's words are introduced: shares of reporting-verb classes by side.

    Parameters
    ----------
    table : DataFrame
        Either :func:`framing.attribution.verb_class_by_side` (``side,
        verb_class, n, share``; with ``outlet`` the counts are pooled over
        outlets), or the attributions themselves (``doc_id, side, verb_class``;
        attributions without a verb class are left out).
    sides : list of str, optional
        Sides to show, in order (default: all, in the study's order).
    ax : Axes, optional
    title : str, optional
    study : Study, optional
        Labels and colours of the sides (default: the default study).
    n_boot : int, default 2000
        Bootstrap resamples (attribution rows).
    random_state : int or None, default 0
        Seed of the bootstrap (one stream per side).

    Returns
    -------
    Axes
        One row per verb class; one dot per side, coloured by side: the share
        of the side's attributions (with a reporting verb) introduced by a verb
        of that class. The line is the 95 % interval: a percentile bootstrap
        over documents for attribution rows, a Wilson interval on the counts
        for the counts table (attributions taken as independent). Sides with
        fewer than :data:`MIN_N_INTERVAL` attributions (or documents) get dots
        without lines; each side's n is given in the legend.
    """
    check_columns(table, ["side", "verb_class"], "table")
    raw = "n" not in table.columns and "doc_id" in table.columns
    if not raw:
        check_columns(table, ["side", "verb_class", "n"], "table")
    t = table[table["verb_class"].fillna("").astype(str) != ""]
    t = t.assign(side=t["side"].fillna("").astype(str).replace("", "unknown"),
                 verb_class=t["verb_class"].astype(str))
    n_classes = t["verb_class"].nunique()
    ax = _new_ax(ax, figsize=(6.5, _dots_height(n_classes, t["side"].nunique())))
    if t.empty:
        return _empty(ax, "no attributions found")
    present = set(t["side"])
    st = _st(study)
    if sides is not None:
        missing = [s for s in sides if s not in present]
        if missing:
            raise FramingError(f"sides not in the table: {missing}; sides present: "
                               f"{', '.join(map(str, sorted(present)))}")
        order = [str(s) for s in sides]
        t = t[t["side"].isin(order)]
    else:
        order = st.order([x for x in present if x != "unknown"])
        order += ["unknown"] if "unknown" in present else []
    if raw:
        s, method = _shares_by_bootstrap(t, ["side"], "verb_class", n_boot=n_boot,
                                         random_state=random_state), "bootstrap"
    else:
        s, method = _shares_from_counts(t, ["side"], "verb_class", "n"), "wilson"
    s = s.assign(cat=[g[0] for g in s["group"]], row=s["cat"])
    present = set(s["row"])
    classes = [c for c in _VERB_CLASS_COLORS if c in present] + \
        sorted(c for c in present if c not in _VERB_CLASS_COLORS)
    tot = s.drop_duplicates("cat").set_index("cat")
    labels = {}
    for x in order:
        n = tot["n"].get(x, 0)
        labels[x] = f"{st.label(x)} ({_n_note(n, tot['n_docs'].get(x) if raw else None)})"
    return _draw_share_dots(
        ax, s, classes, order, colors=dict(zip(order, side_colors(order, study=st))),
        cat_labels=labels, row_labels={c: c for c in classes}, row_notes={},
        xlabel="share of the side's attributions, by class of reporting verb", method=method,
        title=title)


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


__all__ += ["plot_validation"]  # noqa: E305


def plot_validation(table: pd.DataFrame, *, ax=None,
                    title: str | None = "Extractors against the hand-annotated gold set",
                    xlabel: str | None = None):
    """Precision and recall of extractors against a gold set, with 95 % Wilson intervals.

    Parameters
    ----------
    table : DataFrame
        One row per extractor: ``extractor, tp, fp, fn`` (true positives, false
        positives, false negatives, e.g. from :func:`framing.attribution.evaluate_attribution`
        or :func:`framing.agency.evaluate_agency`).
    ax : Axes, optional
    title : str or None, default "Extractors against the hand-annotated gold set"
    xlabel : str, optional
        What the scores were measured on (default: a generic label).

    Returns
    -------
    Axes
        One row per extractor: precision ``tp / (tp + fp)`` and recall
        ``tp / (tp + fn)`` as dots with their 95 % Wilson interval (the items taken
        as independent: mentions cluster within articles, so with few articles
        the true uncertainty is larger), F1 as a grey diamond without an interval;
        the counts behind each score are printed at the right, the legend sits
        outside the axes. Scores with fewer than :data:`MIN_N_INTERVAL` items get
        no interval.

    Examples
    --------
    >>> t = pd.DataFrame({"extractor": ["quotes"], "tp": [18], "fp": [2], "fn": [6]})
    >>> ax = plot_validation(t)
    >>> [round(float(x), 2) for x in ax.lines[0].get_xdata()]  # precision
    [0.9]
    """
    from matplotlib.lines import Line2D

    check_columns(table, ["extractor", "tp", "fp", "fn"], "table")
    ax = _new_ax(ax, figsize=(6.5, 1.5 + 0.55 * max(2, len(table))))
    if table.empty:
        return _empty(ax, "no extractors evaluated")
    t = table.reset_index(drop=True)
    tp, fp, fn = (t[c].to_numpy(dtype=float) for c in ("tp", "fp", "fn"))
    scores = {"precision": (tp, tp + fp, "#0072B2"), "recall": (tp, tp + fn, "#E69F00")}
    ys = np.arange(len(t))[::-1].astype(float)
    for j, (name, (k, n, color)) in enumerate(scores.items()):
        y = ys + 0.15 - 0.3 * j
        lo, hi = wilson_interval(k, n)
        with np.errstate(invalid="ignore", divide="ignore"):
            v = np.where(n > 0, k / np.where(n > 0, n, 1), np.nan)
        ok = (n >= MIN_N_INTERVAL) & np.isfinite(lo)
        ax.hlines(y[ok], lo[ok], hi[ok], color=color, linewidth=1.8)
        ax.plot(v, y, "o", color=color, markersize=6, markeredgecolor="white",
                markeredgewidth=0.5, linestyle="")
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / np.where(2 * tp + fp + fn > 0,
                                                               2 * tp + fp + fn, 1), np.nan)
    ax.plot(f1, ys, "D", color="#999999", markersize=4.5, linestyle="")
    ax.set_yticks(ys, [_plain(e) for e in t["extractor"]], fontsize=8)
    notes = ax.secondary_yaxis("right")
    notes.set_yticks(ys, [f"tp={int(a)}, fp={int(b)}, fn={int(c)}" for a, b, c in zip(tp, fp, fn)])
    notes.tick_params(length=0, labelsize=7)
    notes.spines["right"].set_visible(False)
    ax.set_ylim(-0.6, len(t) - 0.4)
    ax.set_xlim(-0.02, 1.02)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
    ax.grid(axis="x", color="#eeeeee")
    ax.set_axisbelow(True)
    ax.set_xlabel((xlabel or "score against the gold set") + " (dot)\nline: 95% Wilson "
                  f"interval, items taken as independent (no line: n < {MIN_N_INTERVAL})",
                  fontsize=8)
    handles = [Line2D([], [], marker="o", color=c, markersize=6, markeredgecolor="white",
                      label=f"{name} ({'tp/(tp+fp)' if name == 'precision' else 'tp/(tp+fn)'})")
               for name, (_, _, c) in scores.items()]
    handles.append(Line2D([], [], marker="D", color="#999999", linestyle="", markersize=4.5,
                          label="F1 (no interval)"))
    ax.legend(handles=handles, ncols=3, fontsize=7, loc="lower center",
              bbox_to_anchor=(0.5, 1.0), frameon=False)
    if title:
        _title_above_legend(ax, title)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
