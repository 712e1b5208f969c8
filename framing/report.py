"""Writing the outputs of ``framing analyze``: CSV tables, figures and ``report.html``.

The report is one self-contained HTML page (figures embedded as base64 PNG), so it
opens in any browser without a server and can be attached to an e-mail.
"""
from __future__ import annotations

import base64
import html
import io
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
        naming = o[(o["dimension"] == "side") & (o["voice"] == "all")]
        for lex, fname, title in (("naming", "naming_by_outlet", "Naming choices by outlet"),
                                  ("loaded", "loaded_terms_by_outlet",
                                   "Loaded terms by outlet (side whose framing they reflect)")):
            ax = plot_naming(naming.rename(columns={"value": "side"}), lexicon=lex, title=title)
            figs[fname] = save_figure(ax, fig_dir / fname)[0]
            plt.close(ax.figure)
        extra = _stage_figures(tables, corpus, fig_dir)
        figs.update(extra)
        written.extend(figs.values())
        evidence = _evidence(hits_path, corpus)
        if len(evidence):
            p = out / "evidence.csv"
            evidence.to_csv(p, index=False)
            written.append(p)
        rp = out / "report.html"
        rp.write_text(render_report(tables, figs, evidence), encoding="utf-8")
        written.append(rp)
    return written


def _stage_figures(tables: dict, corpus: pd.DataFrame, fig_dir: Path) -> dict[str, Path]:
    """Figures of the attribution, agency and tone stages (when they ran)."""
    return {}


def _img(path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img alt="{html.escape(path.stem)}" src="data:image/png;base64,{data}">'


def render_report(tables: dict, figures: dict, evidence: pd.DataFrame) -> str:
    """One self-contained HTML page with tables, figures and evidence sentences."""
    docs = tables["documents"]
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<title>framing report</title><style>",
        "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
        "color:#222}table{border-collapse:collapse;font-size:13px;margin:1em 0}"
        "td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#f3f3f3}"
        "img{max-width:100%;border:1px solid #eee;margin:1em 0}.kw{font-weight:bold;"
        "background:#fff3b0}.ctx{color:#555}</style></head><body>",
        "<h1>framing report</h1>",
        f"<p>{len(docs)} documents from {docs['outlet'].nunique()} outlets; "
        f"{int((docs['status'] != 'ok').sum())} without usable text (listed below). "
        "Counts are traceable: every number comes from rows of <code>hits.csv</code> "
        "(character offsets into the cleaned text) and the evidence sentences below.</p>",
        "<h2>Documents</h2>",
        docs.to_html(index=False, border=0, na_rep=""),
    ]
    for name, path in figures.items():
        parts.append(f"<h2>{html.escape(name.replace('_', ' ').capitalize())}</h2>")
        parts.append(_img(path))
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
