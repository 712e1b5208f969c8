"""framing collect: against web servers on the loopback address that the tests start.

The fixture pages and API answers are written here; no test touches the internet.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

from framing import FramingError, __version__, load_corpus
from framing.collect import (METADATA_COLUMNS, _doc_id, collect, default_user_agent,
                             gdelt_urls, read_url_list)

FAST = dict(delay=0, retries=2, timeout=0.4, backoff=0.01, progress=False)

PARAS = [
    "The regional council met on Tuesday to discuss the flooding that damaged roads and "
    "bridges across the valley, officials said in a statement released after the session.",
    "Residents described water rising through the night. \"We lost the ground floor in two "
    "hours,\" said Maria Lopez, a teacher who lives near the river.",
    "Engineers from the national agency arrived on Wednesday and began inspecting the dam "
    "upstream, which had been scheduled for repairs last spring.",
    "The council approved an emergency fund of two million euros, to be spent on temporary "
    "housing, clean water and the reopening of the main road.",
    "Opposition members criticised the delay in the repairs and asked for an independent "
    "inquiry into how the maintenance budget had been used.",
]


def article(title: str, site: str, date: str, n: int = 0) -> str:
    paras = PARAS[n % 5:] + PARAS[:n % 5]
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T08:00:00+00:00">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>{title}</h1>
{body}</article></main>
<footer>Copyright {site}</footer></body></html>"""


NAV = ("<!DOCTYPE html><html><head><title>Sections</title></head><body><nav><ul>"
       + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(25))
       + "</ul></nav></body></html>")

ROBOTS = """User-agent: *
Disallow: /private/

User-agent: framing
Disallow: /private/
Disallow: /members/
"""

PAGES = {
    "/news/a1.html": ("Council approves flood fund after night of rising water", "Valley Herald",
                      "2023-10-02"),
    "/news/a2.html": ("Engineers inspect the dam upstream of the flooded valley", "Valley Herald",
                      "2023-10-03"),
    "/news/a3.html": ("Opposition asks for an inquiry into dam repairs", "Valley Herald",
                      "2023-10-04"),
    "/flaky": ("Residents count the cost of the flood", "Valley Herald", "2023-10-05"),
    "/busy": ("Emergency fund: where the money goes", "Valley Herald", "2023-10-06"),
    "/private/secret.html": ("Not for robots", "Valley Herald", "2023-10-07"),
    "/members/m.html": ("Members only", "Valley Herald", "2023-10-08"),
    "/slow": ("Too slow to matter", "Valley Herald", "2023-10-09"),
}
for i in range(10):
    PAGES[f"/batch/p{i}.html"] = (f"Batch story number {i} about the flood", "Batch Times",
                                  "2023-11-01")

GDELT_ARTICLES = [  # seendate, path on the first server
    ("20231001T020000Z", "/news/a1.html"),
    ("20231001T080000Z", "/news/a2.html"),
    ("20231001T140000Z", "/news/a3.html"),
    ("20231002T030000Z", "/flaky"),
    ("20231002T220000Z", "/busy"),
]


class Site:
    """A fixture web server: pages, errors, robots.txt and a fake GDELT API."""

    def __init__(self, host: str = "127.0.0.1", page_sleep: float = 0.0):
        self.lock = threading.Lock()
        self.log: list[dict] = []  # one entry per request: path, user agent, start, end
        self.hits: dict[str, int] = {}
        self.page_sleep = page_sleep
        self.robots: str | int = ROBOTS  # the text of robots.txt, or an HTTP status
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args):
                pass

            def do_GET(self):
                t0 = time.monotonic()
                parts = urllib.parse.urlsplit(self.path)
                entry = {"path": parts.path, "query": parts.query,
                         "agent": self.headers.get("User-Agent"), "start": t0, "end": None}
                with site.lock:
                    n = site.hits[parts.path] = site.hits.get(parts.path, 0) + 1
                    site.log.append(entry)
                try:
                    site.route(self, parts, n)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (time-out test)
                entry["end"] = time.monotonic()

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://{host}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def requests(self, path: str | None = None) -> int:
        with self.lock:
            return sum(1 for e in self.log if path is None or e["path"] == path)

    def paths(self) -> list[str]:
        with self.lock:
            return [e["path"] for e in self.log]

    @staticmethod
    def send(h, code: int, body: bytes | str = b"", ctype="text/html; charset=utf-8",
             headers=()):
        if isinstance(body, str):
            body = body.encode("utf-8")
        h.send_response(code)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(body)

    def route(self, h, parts, n: int) -> None:
        path = parts.path
        if path == "/robots.txt":
            if isinstance(self.robots, int):
                return self.send(h, self.robots, "no robots here")
            return self.send(h, 200, self.robots, "text/plain")
        if path == "/missing":
            return self.send(h, 404, "<html><body>Not found</body></html>")
        if path == "/flaky" and n == 1:
            return self.send(h, 500, "<html><body>Internal error</body></html>")
        if path == "/busy" and n == 1:
            return self.send(h, 429, "slow down", "text/plain", [("Retry-After", "0")])
        if path == "/always500":
            return self.send(h, 503, "down")
        if path == "/old":
            return self.send(h, 301, "", headers=[("Location", "/news/a2.html")])
        if path == "/nav":
            return self.send(h, 200, NAV)
        if path == "/doc.pdf":
            return self.send(h, 200, b"%PDF-1.4 fake", "application/pdf")
        if path == "/gdelt/api":
            return self.gdelt(h, urllib.parse.parse_qs(parts.query))
        if path == "/gdelt/bad":
            return self.send(h, 200, "Your search contained a keyword that was too short.",
                             "text/html")
        if path == "/slow":
            time.sleep(1.0)
        if path in PAGES:
            if self.page_sleep:
                time.sleep(self.page_sleep)
            title, site, date = PAGES[path]
            return self.send(h, 200, article(title, site, date, len(path)))
        return self.send(h, 404, "no such page")

    def gdelt(self, h, q) -> None:
        lo, hi = q["startdatetime"][0], q["enddatetime"][0]
        arts = []
        for seen, path in GDELT_ARTICLES:
            stamp = seen.replace("T", "").replace("Z", "")
            if lo <= stamp <= hi:
                arts.append({"url": self.url(path), "url_mobile": "", "title": PAGES[path][0],
                             "seendate": seen, "socialimage": "", "domain": "127.0.0.1",
                             "language": "English", "sourcecountry": "United Kingdom"})
        arts = arts[:int(q["maxrecords"][0])]
        self.send(h, 200, json.dumps({"articles": arts} if arts else {}), "application/json")

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy",
              "ALL_PROXY"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,127.0.0.2,localhost")
    monkeypatch.delenv("FRAMING_CONTACT", raising=False)


def write_list(tmp_path: Path, lines, name="urls.txt") -> Path:
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def cells(frame: pd.DataFrame) -> list[list[str]]:
    """The cells of a frame as the strings a CSV file holds ('' for a missing value)."""
    return [["" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)
             for v in row] for row in frame.astype(object).itertuples(index=False)]


def main_urls(site: Site) -> list[str]:
    return [site.url("/news/a1.html"), site.url("/old"), site.url("/missing"),
            site.url("/flaky"), site.url("/busy"), site.url("/slow"),
            site.url("/private/secret.html"), site.url("/members/m.html"), site.url("/nav"),
            site.url("/doc.pdf"), "ftp://example.org/file.txt", "not a url"]


# ------------------------------------------------------------------- statuses and metadata

def test_statuses_metadata_and_requests(site, tmp_path):
    urls = main_urls(site)
    lst = write_list(tmp_path, ["# one URL per line", *urls[:6], "", *urls[6:]])
    out = tmp_path / "corpus"
    df = collect(lst, out, **FAST)
    assert list(df["url"]) == urls
    assert dict(zip(df["url"], df["status"])) == {
        urls[0]: "fetched", urls[1]: "fetched", urls[2]: "http_error", urls[3]: "fetched",
        urls[4]: "fetched", urls[5]: "timeout", urls[6]: "disallowed", urls[7]: "disallowed",
        urls[8]: "no_text", urls[9]: "no_text", urls[10]: "invalid_url",
        urls[11]: "invalid_url"}
    assert not df["cached"].any()
    # requests: robots.txt once, a 404 and a disallowed page never retried or requested,
    # the 500 and the 429 retried once, the time-out tried 1 + 2 times
    assert site.requests("/robots.txt") == 1
    assert site.requests("/missing") == 1
    assert site.requests("/flaky") == 2
    assert site.requests("/busy") == 2
    assert site.requests("/slow") == 3
    assert site.requests("/private/secret.html") == 0
    assert site.requests("/members/m.html") == 0
    assert site.requests("/old") == 1 and site.requests("/news/a2.html") == 1
    assert site.requests() == 14

    meta = pd.read_csv(out / "metadata.csv", dtype=str, keep_default_na=False)
    assert list(meta.columns) == METADATA_COLUMNS
    assert cells(meta) == cells(df.drop(columns="cached"))  # the returned frame is the file
    ids = [_doc_id(u) for u in urls]
    host = site.base.split("//")[1].replace(":", "_")
    assert ids[0].startswith(f"{host}_") and len(set(ids)) == len(ids)
    files = ["" if s not in ("fetched",) and u not in (urls[8],) else f"{i}.html"
             for u, s, i in zip(urls, df["status"], ids)]
    assert list(meta["file"]) == files
    assert list(meta["doc_id"]) == ids
    vh = "Valley Herald"
    assert list(meta["outlet"]) == [vh, vh, "127.0.0.1", vh, vh, "127.0.0.1", "127.0.0.1",
                                    "127.0.0.1", "127.0.0.1", "127.0.0.1", "example.org", ""]
    assert list(meta["title"]) == [PAGES["/news/a1.html"][0], PAGES["/news/a2.html"][0], "",
                                   PAGES["/flaky"][0], PAGES["/busy"][0]] + [""] * 7
    assert list(meta["date"]) == ["2023-10-02", "2023-10-03", "", "2023-10-05",
                                  "2023-10-06"] + [""] * 7
    assert list(meta["http_status"]) == ["200", "200", "404", "200", "200", "", "", "", "200",
                                         "200", "", ""]
    assert list(meta["final_url"]) == ["", site.url("/news/a2.html")] + [""] * 10
    assert meta["detail"][2] == "HTTP 404 Not Found"
    assert meta["detail"][5].startswith("no answer within 0.4 s")
    assert meta["detail"][6] == meta["detail"][7] == "robots.txt disallows it"
    assert meta["detail"][8] == "no article text extracted"
    assert meta["detail"][9] == "not an HTML page (application/pdf)"
    assert meta["detail"][10] == "not an http(s) URL (scheme 'ftp')"
    assert meta["detail"][11] == "contains white space"
    assert (meta["event"] == "").all()
    # pages saved as fetched; nothing else in the folder but the journal
    saved = sorted(p.name for p in out.iterdir())
    assert saved == sorted([f for f in files if f] + ["collect.jsonl", "metadata.csv"])
    assert (out / files[0]).read_text(encoding="utf-8") == article(
        *PAGES["/news/a1.html"], len("/news/a1.html"))


def test_folder_loads_with_the_corpus_loader(site, tmp_path):
    urls = main_urls(site)
    out = tmp_path / "corpus"
    collect(urls, out, **FAST)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        corpus = load_corpus(out)
    assert any("have no usable text" in str(x.message) for x in w)
    assert list(corpus["doc_id"]) == [_doc_id(u) for u in urls]
    assert list(corpus["status"]) == [
        "ok", "ok", "not collected: http_error (HTTP 404)", "ok", "ok", "not collected: timeout",
        "not collected: disallowed", "not collected: disallowed", "no article text extracted",
        "not collected: no_text (HTTP 200)", "not collected: invalid_url",
        "not collected: invalid_url"]
    ok = corpus[corpus["status"] == "ok"]
    assert list(ok["outlet"]) == ["Valley Herald"] * 4
    assert list(ok["title"]) == [PAGES[p][0] for p in ("/news/a1.html", "/news/a2.html",
                                                       "/flaky", "/busy")]
    assert list(ok["date"].dt.strftime("%Y-%m-%d")) == ["2023-10-02", "2023-10-03",
                                                         "2023-10-05", "2023-10-06"]
    assert all(PARAS[3] in b for b in ok["body"])
    assert ok["source_status"].eq("fetched").all()


def test_framing_analyze_reads_the_folder(site, tmp_path, capsys):
    from framing.cli import main

    out = tmp_path / "corpus"
    collect([site.url("/news/a1.html"), site.url("/news/a3.html"), site.url("/missing")], out,
            **FAST)
    res = tmp_path / "res"
    assert main(["analyze", str(out), "--out", str(res), "--stages", "none", "--no-figures",
                 "--quiet"]) == 0
    docs = pd.read_csv(res / "documents.csv")
    assert list(docs["status"]) == ["ok", "ok", "not collected: http_error (HTTP 404)"]
    assert list(docs["outlet"]) == ["Valley Herald", "Valley Herald", "127.0.0.1"]


def test_csv_list_columns_win_and_are_kept(site, tmp_path):
    lst = tmp_path / "urls.csv"
    pd.DataFrame({"URL": [site.url("/news/a1.html"), site.url("/news/a2.html"),
                          site.url("/news/a1.html")],
                  "Outlet": ["The Herald", "", "ignored duplicate"],
                  "event": ["flood 2023", "flood 2023", "x"],
                  "language": ["en", "en", "x"]}).to_csv(lst, index=False)
    with pytest.warns(UserWarning, match="1 duplicate URL"):
        df = collect(lst, tmp_path / "c", **FAST)
    assert list(df["outlet"]) == ["The Herald", "Valley Herald"]
    assert list(df["event"]) == ["flood 2023", "flood 2023"]
    assert list(df["language"]) == ["en", "en"]
    meta = pd.read_csv(tmp_path / "c" / "metadata.csv")
    assert list(meta.columns) == METADATA_COLUMNS + ["language"]
    corpus = load_corpus(tmp_path / "c")
    assert list(corpus["event"]) == ["flood 2023", "flood 2023"]
    assert list(corpus["outlet"]) == ["The Herald", "Valley Herald"]


# ------------------------------------------------------------------- cache and resume

def test_rerun_makes_no_request(site, tmp_path):
    urls = main_urls(site)
    out = tmp_path / "corpus"
    first = collect(urls, out, **FAST)
    n = site.requests()
    before = (out / "metadata.csv").read_bytes()
    again = collect(urls, out, **FAST)
    assert site.requests() == n  # not even robots.txt
    assert again["cached"].all()
    assert again.drop(columns="cached").equals(first.drop(columns="cached"))
    assert (out / "metadata.csv").read_bytes() == before
    # --retry-failed asks again only for the passing failures: the time-out here
    third = collect(urls, out, retry_failed=True, **FAST)
    assert site.paths()[n:].count("/slow") == 3
    assert sorted(set(site.paths()[n:])) == ["/robots.txt", "/slow"]
    assert list(third["cached"]) == [u != site.url("/slow") for u in urls]


def test_deleted_page_and_new_urls_are_fetched(site, tmp_path):
    out = tmp_path / "corpus"
    a1, a2, a3 = (site.url(f"/news/a{i}.html") for i in (1, 2, 3))
    collect([a1, a2], out, **FAST)
    (out / f"{_doc_id(a2)}.html").unlink()
    n = site.requests()
    df = collect([a2, a3], out, **FAST)
    assert sorted(site.paths()[n:]) == ["/news/a2.html", "/news/a3.html", "/robots.txt"]
    assert list(df["url"]) == [a2, a3] and list(df["status"]) == ["fetched", "fetched"]
    # the folder keeps what earlier runs collected: input URLs first, then the others
    meta = pd.read_csv(out / "metadata.csv")
    assert list(meta["url"]) == [a2, a3, a1]
    assert len(load_corpus(out)) == 3


def test_torn_journal_line_is_ignored(site, tmp_path):
    out = tmp_path / "corpus"
    a1, a2 = site.url("/news/a1.html"), site.url("/news/a2.html")
    collect([a1], out, **FAST)
    with open(out / "collect.jsonl", "ab") as f:
        f.write(b'{"url": "' + a2.encode() + b'", "status": "fet')  # a crash mid-line
    n = site.requests()
    df = collect([a1, a2], out, **FAST)
    assert site.paths()[n:] == ["/robots.txt", "/news/a2.html"]
    assert list(df["status"]) == ["fetched", "fetched"]
    lines = (out / "collect.jsonl").read_bytes().splitlines()
    assert json.loads(lines[-1])["url"] == a2


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_run_resumes(tmp_path, sig):
    site = Site(page_sleep=0.15)
    try:
        urls = [site.url(f"/batch/p{i}.html") for i in range(10)]
        lst = write_list(tmp_path, urls)
        out = tmp_path / "corpus"
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        env["NO_PROXY"] = "127.0.0.1"
        proc = subprocess.Popen([sys.executable, "-m", "framing.cli", "collect", str(lst),
                                 "--out", str(out), "--delay", "0", "--quiet"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while sum(p.startswith("/batch/") for p in site.paths()) < 4:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.02)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
        if sig == signal.SIGINT:
            assert proc.returncode == 130
            assert err.strip().endswith(f"what was collected is in {out}/: run the same command "
                                        "again to go on")
            meta = pd.read_csv(out / "metadata.csv")  # written for what was done
            done = {json.loads(x)["url"] for x in (out / "collect.jsonl").read_text().splitlines()}
            assert set(meta["url"]) == done
        else:
            assert proc.returncode == -signal.SIGKILL
        records = [json.loads(x) for x in (out / "collect.jsonl").read_text().splitlines()
                   if x.strip()]
        done = [r["url"] for r in records]
        assert 3 <= len(done) < 10 and all(r["status"] == "fetched" for r in records)
        assert all((out / r["file"]).exists() for r in records)
        if (out / "metadata.csv").exists():  # never half-written: every row's page is there
            meta = pd.read_csv(out / "metadata.csv")
            assert set(meta["url"]) <= set(done)
            assert all((out / f).exists() for f in meta["file"])
        assert not [p for p in out.iterdir() if p.name.endswith(".tmp")] or sig == signal.SIGKILL
        n = len(site.paths())
        df = collect(lst, out, **FAST)
        again = [p for p in site.paths()[n:] if p != "/robots.txt"]
        assert sorted(again) == sorted(urllib.parse.urlsplit(u).path for u in urls
                                       if u not in done)
        assert list(df["status"]) == ["fetched"] * 10
        assert list(df["cached"]) == [u in done for u in urls]
        corpus = load_corpus(out)
        assert list(corpus["title"]) == [PAGES[f"/batch/p{i}.html"][0] for i in range(10)]
    finally:
        site.close()


# ------------------------------------------------------------------- politeness

def test_user_agent_is_sent_and_robots_rules_address_it(site, tmp_path):
    agent = default_user_agent()
    assert agent.startswith(f"framing/{__version__} (")
    assert default_user_agent("mailto:me@uni.example") == \
        f"framing/{__version__} (+mailto:me@uni.example; news framing research)"
    collect([site.url("/news/a1.html"), site.url("/members/m.html")], tmp_path / "a",
            contact="https://uni.example/me", **FAST)
    sent = {e["agent"] for e in site.log}
    assert sent == {f"framing/{__version__} (+https://uni.example/me; news framing research)"}
    # the 'framing' group of robots.txt does not bind another user agent
    n = len(site.log)
    df = collect([site.url("/news/a1.html"), site.url("/members/m.html"),
                  site.url("/private/secret.html")], tmp_path / "b",
                 user_agent="otherbot/2.0", **FAST)
    assert list(df["status"]) == ["fetched", "fetched", "disallowed"]
    assert {e["agent"] for e in site.log[n:]} == {"otherbot/2.0"}
    # and respect_robots=False asks robots.txt nothing
    n = site.requests("/robots.txt")
    df = collect([site.url("/private/secret.html")], tmp_path / "c", respect_robots=False,
                 **FAST)
    assert list(df["status"]) == ["fetched"] and site.requests("/robots.txt") == n


@pytest.mark.parametrize("robots, statuses, detail", [
    (404, ["fetched", "fetched"], ""),  # no robots.txt: everything allowed
    (403, ["fetched", "fetched"], ""),  # RFC 9309: any 4xx is 'unavailable', not a ban
    (503, ["disallowed", "disallowed"], "robots.txt unreachable (HTTP 503)"),
])
def test_robots_txt_answers(site, tmp_path, robots, statuses, detail):
    site.robots = robots
    df = collect([site.url("/news/a1.html"), site.url("/private/secret.html")], tmp_path / "c",
                 **FAST)
    assert list(df["status"]) == statuses
    assert set(df["detail"]) == {detail}
    assert site.requests("/robots.txt") == (3 if robots == 503 else 1)  # 5xx retried


def test_crawl_delay_of_robots_txt_wins(site, tmp_path):
    site.robots = "User-agent: *\nCrawl-delay: 1\n"  # whole seconds: urllib.robotparser
    collect([site.url(f"/batch/p{i}.html") for i in range(2)], tmp_path / "c", **FAST)
    iv = intervals(site)
    assert len(iv) == 3
    assert iv[2][0] - iv[1][1] >= 0.99


def intervals(site: Site):
    with site.lock:
        return sorted((e["start"], e["end"]) for e in site.log)


def test_per_host_requests_never_overlap(tmp_path):
    a, b = Site("127.0.0.1", page_sleep=0.05), Site("127.0.0.2", page_sleep=0.05)
    try:
        urls = [s.url(f"/batch/p{i}.html") for i in range(6) for s in (a, b)]
        df = collect(urls, tmp_path / "c", workers=4, **FAST)
        assert list(df["status"]) == ["fetched"] * 12
        for s in (a, b):
            iv = intervals(s)
            assert len(iv) == 7  # robots.txt and six pages
            # the server logs a request's end after its last byte is sent, so the next
            # request may be logged as starting a few milliseconds earlier; a real overlap
            # would be most of the 50 ms each page takes
            assert all(s1 >= e0 - 0.02 for (_, e0), (s1, _) in zip(iv, iv[1:])), iv
        # while the two hosts were fetched from at the same time
        both = [(s0, e0, x0, y0) for s0, e0 in intervals(a) for x0, y0 in intervals(b)
                if s0 < y0 and x0 < e0]
        assert both
    finally:
        a.close()
        b.close()


def test_delay_between_requests_to_a_host(site, tmp_path):
    urls = [site.url(f"/batch/p{i}.html") for i in range(3)]
    collect(urls, tmp_path / "c", **{**FAST, "delay": 0.25})
    iv = intervals(site)
    assert len(iv) == 4
    gaps = [s1 - e0 for (_, e0), (s1, _) in zip(iv, iv[1:])]
    assert min(gaps) >= 0.24


def test_server_errors_are_retried_with_backoff(site, tmp_path):
    t0 = time.monotonic()
    df = collect([site.url("/always500")], tmp_path / "c",
                 **{**FAST, "retries": 3, "backoff": 0.1})
    assert site.requests("/always500") == 4
    assert time.monotonic() - t0 >= 0.1 + 0.2 + 0.4
    assert df["status"][0] == "http_error" and df["http_status"][0] == 503


# ------------------------------------------------------------------- GDELT

def test_gdelt_urls(site, monkeypatch):
    df = gdelt_urls('"flood" sourcelang:english', "2023-10-01", "2023-10-02",
                    base_url=site.url("/gdelt/api"), delay=0)
    q = urllib.parse.parse_qs(site.log[0]["query"])
    assert {k: v[0] for k, v in q.items()} == {
        "query": '"flood" sourcelang:english', "mode": "ArtList", "format": "json",
        "maxrecords": "250", "sort": "DateAsc", "startdatetime": "20231001000000",
        "enddatetime": "20231002235959"}
    assert list(df.columns) == ["url", "title", "seendate", "domain", "language",
                                "sourcecountry"]
    assert list(df["url"]) == [site.url(p) for _, p in GDELT_ARTICLES]
    assert list(df["title"]) == [PAGES[p][0] for _, p in GDELT_ARTICLES]
    assert list(df["seendate"]) == [pd.Timestamp(s[:-1]) for s, _ in GDELT_ARTICLES]
    assert set(df["language"]) == {"English"}
    # the address from the environment; a narrower window; a time
    monkeypatch.setenv("FRAMING_GDELT_URL", site.url("/gdelt/api"))
    df = gdelt_urls("flood", "2023-10-01T06:00", "20231001150000", delay=0)
    assert list(df["url"]) == [site.url("/news/a2.html"), site.url("/news/a3.html")]


def test_gdelt_splits_full_windows(site):
    df = gdelt_urls("flood", "2023-10-01", "2023-10-02", base_url=site.url("/gdelt/api"),
                    delay=0, max_records=2)
    assert list(df["url"]) == [site.url(p) for _, p in GDELT_ARTICLES]
    assert site.requests("/gdelt/api") > 1


def test_gdelt_errors(site):
    with pytest.raises(FramingError, match="^GDELT API: Your search contained a keyword that "
                                           "was too short.$"):
        gdelt_urls("a", "2023-10-01", "2023-10-02", base_url=site.url("/gdelt/bad"), delay=0)
    with pytest.raises(FramingError, match="is after end"):
        gdelt_urls("flood", "2023-10-03", "2023-10-02", base_url=site.url("/gdelt/api"))
    with pytest.raises(FramingError, match="start='yesterday' is not a date"):
        gdelt_urls("flood", "yesterday", "2023-10-02", base_url=site.url("/gdelt/api"))
    with pytest.raises(FramingError, match="answered HTTP 404"):
        gdelt_urls("flood", "2023-10-01", "2023-10-02", base_url=site.url("/nothing"),
                   delay=0)


def test_collect_from_gdelt_dates_fall_back_to_seendate(site, tmp_path):
    found = gdelt_urls("flood", "2023-10-01", "2023-10-02", base_url=site.url("/gdelt/api"),
                       delay=0)
    found.loc[len(found)] = [site.url("/nav"), "Sections", pd.Timestamp("2023-10-02 05:00"),
                             "127.0.0.1", "English", "United Kingdom"]
    df = collect(found, tmp_path / "c", **FAST)
    assert list(df["status"]) == ["fetched"] * 5 + ["no_text"]
    # the list's titles win; the page's date, else the day GDELT saw the page
    assert list(df["title"]) == [PAGES[p][0] for _, p in GDELT_ARTICLES] + ["Sections"]
    assert list(df["date"]) == ["2023-10-02", "2023-10-03", "2023-10-04", "2023-10-05",
                                "2023-10-06", "2023-10-02"]


# ------------------------------------------------------------------- CLI and bad input

def test_cli_collect_and_gdelt(site, tmp_path, capsys, monkeypatch):
    from framing.cli import main

    lst = write_list(tmp_path, [site.url("/news/a1.html"), site.url("/missing")])
    out = tmp_path / "c"
    assert main(["collect", str(lst), "--out", str(out), "--delay", "0", "--retries", "0"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines() == [
        "framing collect: 2 URLs: 1 fetched, 1 http_error (0 settled by an earlier run; "
        f"3 requests, {(out / (_doc_id(site.url('/news/a1.html')) + '.html')).stat().st_size / 1e6:.1f} MB)",
        f"  http_error: {site.url('/missing')} (HTTP 404 Not Found)",
        f"corpus in {out}/ (metadata.csv); analyse it with: framing analyze {out}"]
    monkeypatch.setenv("FRAMING_GDELT_URL", site.url("/gdelt/api"))
    out2 = tmp_path / "g"
    assert main(["collect", "--gdelt", "flood", "--start", "2023-10-01", "--end", "2023-10-01",
                 "--out", str(out2), "--delay", "0", "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert len(pd.read_csv(out2 / "gdelt.csv")) == 3
    assert list(pd.read_csv(out2 / "metadata.csv")["status"]) == ["fetched"] * 3


@pytest.mark.parametrize("setup, message", [
    (lambda d: ["collect", str(d / "nope.txt"), "--out", str(d / "o")],
     "{d}/nope.txt: no such file"),
    (lambda d: ["collect", str(d / "list.csv"), "--out", str(d / "o")],
     "{d}/list.csv: no 'url' column; columns found: link, outlet"),
    (lambda d: ["collect", str(d / "u.txt"), "--out", str(d / "u.txt")],
     "{d}/u.txt: is a file, not a folder"),
    (lambda d: ["collect", "--out", str(d / "o")], "framing collect needs a URL file"),
    (lambda d: ["collect", "--gdelt", "x", "--out", str(d / "o")],
     "--gdelt needs --start and --end"),
    (lambda d: ["collect", str(d / "u.txt"), "--out", str(d / "made")],
     "{d}/made: holds a metadata.csv that framing collect did not write"),
])
def test_cli_bad_input_is_one_line(tmp_path, capsys, setup, message):
    from framing.cli import main

    (tmp_path / "list.csv").write_text("link,outlet\nhttp://127.0.0.1:9/x,A\n")
    (tmp_path / "u.txt").write_text("http://127.0.0.1:9/x\n")
    (tmp_path / "made").mkdir()
    (tmp_path / "made" / "metadata.csv").write_text("file,outlet\na.txt,A\n")
    assert main(setup(tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error: " + message.format(d=tmp_path))
    assert err.count("\n") == 1
    assert not (tmp_path / "o").exists()


def test_read_url_list_forms(tmp_path):
    assert list(read_url_list(["http://a.example/1", " http://a.example/2 ", ""])["url"]) == \
        ["http://a.example/1", "http://a.example/2"]
    p = tmp_path / "list.txt"
    p.write_text("url,outlet\nhttp://a.example/1,A\n")  # a CSV under another name
    assert read_url_list(p).to_dict("records") == [{"url": "http://a.example/1", "outlet": "A"}]
    with pytest.raises(FramingError, match=r"no 'url' column; columns found: urls "
                                           r"\(is 'urls' it\?\); name the column holding the URLs 'url'"):
        read_url_list(pd.DataFrame({"urls": ["x"]}))
    with pytest.raises(FramingError, match="urls must be strings; got int 3"):
        read_url_list(["http://a.example/1", 3])
    for bad in (dict(delay=-1), dict(retries=1.5), dict(timeout=0), dict(workers=0)):
        with pytest.raises(FramingError):
            collect(["http://a.example/1"], tmp_path / "x", **{**FAST, **bad})


def test_loader_keeps_blank_file_rows_only_for_collect_statuses(tmp_path):
    from framing import CorpusError

    (tmp_path / "a.txt").write_text("Some article text about the council.\n")
    (tmp_path / "metadata.csv").write_text("file,doc_id,outlet,status,http_status\n"
                                           "a.txt,a,A,fetched,200\n,b,B,timeout,\n"
                                           ",c,C,http_error,410\n")
    with pytest.warns(UserWarning, match="2 of 3 document"):
        corpus = load_corpus(tmp_path)
    assert list(corpus["status"]) == ["ok", "not collected: timeout",
                                      "not collected: http_error (HTTP 410)"]
    (tmp_path / "metadata.csv").write_text("file,doc_id,outlet,status\na.txt,a,A,published\n"
                                           ",b,B,draft\n")
    with pytest.raises(CorpusError, match="line 3: blank 'file' cell"):
        load_corpus(tmp_path)


def test_collect_benchmark_smoke():
    root = Path(__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    r = subprocess.run([sys.executable, str(root / "benchmarks" / "bench_collect.py"),
                        "--pages", "12", "--hosts", "2", "--no-write"],
                       capture_output=True, text=True, cwd=root, timeout=300, env=env)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
            for line in r.stdout.splitlines() if line.startswith("| ") and "---" not in line}
    assert list(rows) == ["run", "1 host, 1 worker", "2 hosts, 2 workers", "rerun (all cached)",
                          "extract only (no HTTP)"]
    assert rows["1 host, 1 worker"][0] == "12" and rows["1 host, 1 worker"][4] == "13"
    assert rows["2 hosts, 2 workers"][4] == "14" and rows["rerun (all cached)"][4] == "0"
    assert float(rows["1 host, 1 worker"][2]) > 0 and float(rows["1 host, 1 worker"][3]) > 0
    assert "Peak memory of the collecting process" in r.stdout
