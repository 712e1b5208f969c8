"""Collection throughput of ``framing collect`` against local web servers (``make bench``).

A child process serves ``--pages`` generated news pages (paragraphs of the bundled
sample corpus drawn at random, in a realistic page: head with Open Graph metadata,
navigation, a script block, related links, footer; about 70 KB each) from ``--hosts``
servers on 127.0.0.1, 127.0.0.2, ... (loopback only). This process collects them
with :func:`framing.collect.collect` at ``delay=0``:

* ``1 host``: every page from one host, so one request at a time (the per-host rule);
* ``N hosts``: the pages spread over the hosts, ``workers=N``;
* ``rerun``: the same call again on the finished folder (must make 0 requests);
* ``extract only``: trafilatura on the same pages, in memory, no HTTP: the share of
  the time that is article extraction rather than fetching.

It prints pages/s and MB/s (bytes received) of each, the peak memory of this process
(``ru_maxrss``, the server is another process) and the peak of Python allocations
during an ``N hosts`` run (``tracemalloc``, a separate run: it slows Python down), and
writes ``benchmarks/results/collect.md`` and ``collect.json``. Exit status 1 if a
page is not ``fetched`` or the rerun makes a request. Usage::

    python benchmarks/bench_collect.py [--pages 400] [--hosts 4] [--no-write]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------- the server

def make_pages(n: int, seed: int = 0) -> list[bytes]:
    from framing import load_sample_corpus

    paras = [p.strip() for body in load_sample_corpus()["body"] for p in body.split("\n")
             if len(p.split()) >= 12]
    rng = random.Random(seed)
    sites = ["Valley Herald", "The Daily Ledger", "Northern Times", "Capital Post"]
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(30))
    # a page's scripts and state: most of the bytes of a real news page
    script = "<script>window.__STATE__=" + json.dumps({f"key{i}": f"value {i} " * 6
                                                      for i in range(800)}) + "</script>"
    pages = []
    for i in range(n):
        site = sites[i % len(sites)]
        body = "".join(f"<p>{rng.choice(paras)}</p>\n" for _ in range(rng.randint(8, 30)))
        title = f"Story {i}: " + " ".join(rng.choice(paras).split()[:8])
        related = "".join(f'<li><a href="/p/{rng.randrange(n)}.html">Related story '
                          f'{rng.randrange(10_000)}</a></li>' for _ in range(15))
        html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title><meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2023-{1 + i % 12:02d}-{1 + i % 28:02d}T08:00:00Z">
<link rel="stylesheet" href="/static/site.css">{script}</head><body>
<header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Staff Reporter</p>
{body}</article><aside><h2>Related</h2><ul>{related}</ul></aside></main>
<footer><p>Copyright {site}. All rights reserved.</p><ul>{nav}</ul></footer></body></html>"""
        pages.append(html.encode("utf-8"))
    return pages


def serve(n: int, hosts: int) -> None:
    """Serve the pages from ``hosts`` servers; print their addresses; run until stdin ends."""
    pages = make_pages(n)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path == "/robots.txt":
                body, ctype = b"User-agent: *\nDisallow: /private/\n", "text/plain"
            elif self.path.startswith("/p/") and self.path.endswith(".html"):
                body, ctype = pages[int(self.path[3:-5])], "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    bases = []
    for h in range(hosts):
        srv = ThreadingHTTPServer((f"127.0.0.{h + 1}", 0), Handler)
        srv.daemon_threads = True
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        bases.append(f"http://127.0.0.{h + 1}:{srv.server_address[1]}")
    print(json.dumps({"bases": bases, "bytes": sum(map(len, pages))}), flush=True)
    sys.stdin.read()  # until the parent closes the pipe


# --------------------------------------------------------------------------- the client

def run(urls, out, workers: int, nbytes: int) -> dict:
    from framing.collect import collect

    t0 = time.perf_counter()
    c0 = time.process_time()
    df = collect(urls, out, delay=0, workers=workers, progress=False)
    wall = time.perf_counter() - t0
    return {"pages": len(df), "seconds": round(wall, 3),
            "cpu_seconds": round(time.process_time() - c0, 3),
            "pages_per_s": round(len(df) / wall, 1),
            "mb_per_s": round(df.attrs["bytes"] / 1e6 / wall, 2),
            "requests": df.attrs["requests"], "mb": round(df.attrs["bytes"] / 1e6, 2),
            "not_fetched": int((df["status"] != "fetched").sum()),
            "cached": int(df["cached"].sum())}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=400)
    ap.add_argument("--hosts", type=int, default=4)
    ap.add_argument("--no-write", action="store_true", help="do not write benchmarks/results")
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.serve:
        serve(args.pages, args.hosts)
        return 0
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    os.environ.update(NO_PROXY="127.0.0.0/8," + ",".join(f"127.0.0.{h + 1}"
                                                         for h in range(args.hosts)))
    for k in [k for k in os.environ if "proxy" in k.lower() and k != "NO_PROXY"]:
        del os.environ[k]
    server = subprocess.Popen([sys.executable, __file__, "--serve", "--pages", str(args.pages),
                               "--hosts", str(args.hosts)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env)
    try:
        info = json.loads(server.stdout.readline())
        bases, nbytes = info["bases"], info["bytes"]
        import framing.collect  # noqa: F401 - imports out of the clock
        from framing.corpus import _extract_html

        rows = {}
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            one = [f"{bases[0]}/p/{i}.html" for i in range(args.pages)]
            many = [f"{bases[i % len(bases)]}/p/{i}.html" for i in range(args.pages)]
            rows["1 host, 1 worker"] = run(one, tmp / "a", 1, nbytes)
            rows[f"{len(bases)} hosts, {len(bases)} workers"] = run(many, tmp / "b", len(bases),
                                                                    nbytes)
            rows["rerun (all cached)"] = run(many, tmp / "b", len(bases), nbytes)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            # extraction alone, on the pages as saved
            files = sorted((tmp / "b").glob("*.html"))
            texts = [f.read_text(encoding="utf-8") for f in files]
            t0 = time.perf_counter()
            for t in texts:
                _extract_html(t)
            ex = time.perf_counter() - t0
            rows["extract only (no HTTP)"] = {
                "pages": len(texts), "seconds": round(ex, 3), "cpu_seconds": None,
                "pages_per_s": round(len(texts) / ex, 1),
                "mb_per_s": round(sum(map(len, texts)) / 1e6 / ex, 2), "requests": 0,
                "mb": round(sum(map(len, texts)) / 1e6, 2), "not_fetched": 0, "cached": 0}
            tracemalloc.start()
            run(many, tmp / "c", len(bases), nbytes)
            traced = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    width = max(map(len, rows))
    lines = [f"# framing collect: throughput against local servers (delay 0)", "",
             f"{args.pages} generated pages, {nbytes / 1e6:.1f} MB "
             f"({nbytes / args.pages / 1e3:.0f} KB a page), {os.cpu_count()} cores; "
             "the server runs in another process on the same machine.", "",
             "| run | pages | s | pages/s | MB/s | requests |", "|---|---:|---:|---:|---:|---:|"]
    for name, r in rows.items():
        lines.append(f"| {name} | {r['pages']} | {r['seconds']:.2f} | {r['pages_per_s']:.1f} | "
                     f"{r['mb_per_s']:.2f} | {r['requests']} |")
    lines += ["", f"Peak memory of the collecting process (ru_maxrss, whole run): {rss:.0f} MB; "
              f"peak of Python allocations during one {len(bases)}-host run (tracemalloc): "
              f"{traced:.1f} MB."]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        res = HERE / "results"
        res.mkdir(exist_ok=True)
        (res / "collect.md").write_text(text, encoding="utf-8")
        (res / "collect.json").write_text(json.dumps(
            {"pages": args.pages, "bytes": nbytes, "runs": rows, "peak_rss_mb": round(rss),
             "tracemalloc_peak_mb": round(traced, 1)}, indent=2) + "\n", encoding="utf-8")
    bad = [n for n, r in rows.items() if r["not_fetched"]]
    if bad or rows["rerun (all cached)"]["requests"]:
        print(f"FAILED: pages not fetched in {bad}, or requests on the rerun", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
