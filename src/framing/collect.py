"""Collecting a corpus from the web: ``framing collect``.

:func:`collect` downloads a list of URLs politely and writes a folder corpus that
:func:`framing.load_corpus` and ``framing analyze`` read: each page saved as fetched
(``<doc_id>.html``, in UTF-8), ``metadata.csv`` with one row per URL (``file, doc_id,
url, outlet, title, date, event, status, http_status, detail, final_url,
fetched_at`` plus the other columns of the URL list), and ``collect.jsonl``, the
journal of what was done, which makes a rerun fetch only what is missing.

The ``status`` of a URL is one of :data:`STATUSES`:

``fetched``
    the page was saved and trafilatura found article text in it;
``no_text``
    the page was fetched but holds no article text (a section front, a page of
    links, a PDF); an HTML page is still saved;
``http_error``
    the server answered with an error (``http_status`` holds the code: 404, 410,
    and 429 or 5xx once the retries are spent);
``timeout``
    no answer within ``timeout`` seconds, retries included;
``disallowed``
    the site's robots.txt forbids the page to this user agent (or robots.txt could
    not be read because of a server error, which RFC 9309 counts as a disallow);
``invalid_url``
    not an ``http``/``https`` URL with a host; nothing was requested;
``error``
    any other network failure (unknown host, refused connection, too many
    redirects); ``detail`` says which.

:func:`gdelt_urls` asks the GDELT DOC 2.0 API for the articles matching a query
between two dates, to feed :func:`collect`.

Only the standard library speaks HTTP here (``urllib.request``): no dependency to
install, and every request goes through one function that enforces the politeness
rules (robots.txt, one request at a time per host, a delay between two requests to
the same host, a User-Agent that names the tool).
"""
from __future__ import annotations

import datetime as _dt
import difflib
import gzip
import hashlib
import http.client
import json
import os
import queue
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
import warnings
import zlib
from pathlib import Path

import pandas as pd

from ._checks import FramingError, one_line

__all__ = ["collect", "gdelt_urls", "read_url_list", "default_user_agent", "STATUSES",
           "METADATA_COLUMNS", "DEFAULT_GDELT_URL"]

#: Every status a URL can end with, in the order of the summary.
STATUSES = ("fetched", "no_text", "http_error", "timeout", "disallowed", "invalid_url", "error")
#: Columns of ``metadata.csv`` before the other columns of the URL list.
METADATA_COLUMNS = ["file", "doc_id", "url", "outlet", "title", "date", "event", "status",
                    "http_status", "detail", "final_url", "fetched_at"]
#: The GDELT DOC 2.0 API (``FRAMING_GDELT_URL`` replaces it, e.g. for tests).
DEFAULT_GDELT_URL = "https://api.gdeltproject.org/api/v2/doc/doc"
JOURNAL = "collect.jsonl"
METADATA = "metadata.csv"
_INPUT_COLUMNS = ("outlet", "title", "date", "event")  # from the URL list, case-insensitively
_REDIRECTS = (301, 302, 303, 307, 308)
_MAX_REDIRECTS = 10
_MAX_BYTES = 20_000_000  # a page larger than this is not an article: not downloaded further
_MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay is honoured up to this many seconds
_MAX_RETRY_AFTER = 120.0
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


def default_user_agent(contact: str | None = None) -> str:
    """The User-Agent header: ``framing/<version> (+<contact>; news framing research)``.

    Parameters
    ----------
    contact : str, optional
        A URL or e-mail address where site owners can reach the person collecting
        (default: the ``FRAMING_CONTACT`` environment variable, else the project's
        home page from the package metadata, if it has one).

    Returns
    -------
    str
        The header value. Its first word, ``framing``, is the name robots.txt rules
        address (``User-agent: framing``).
    """
    from . import __version__

    contact = contact or os.environ.get("FRAMING_CONTACT") or _project_url()
    where = f"+{contact}; " if contact else ""
    return f"framing/{__version__} ({where}news framing research)"


def _project_url() -> str | None:
    try:
        from importlib.metadata import metadata

        md = metadata("framing")
    except Exception:  # not installed: no URL to give
        return None
    for entry in md.get_all("Project-URL") or []:
        return entry.split(",", 1)[-1].strip()
    return md.get("Home-page") or None


# --------------------------------------------------------------------------- URL lists

def read_url_list(source) -> pd.DataFrame:
    """A list of URLs as a DataFrame with a ``url`` column (one row per distinct URL).

    Parameters
    ----------
    source : str, Path, DataFrame or iterable of str
        A text file with one URL per line (blank lines and lines starting with
        ``#`` are skipped), a CSV/TSV file with a ``url`` column and optional
        ``outlet``, ``title``, ``date``, ``event`` and other columns (names
        matched case-insensitively), a DataFrame with such columns, or URLs.

    Returns
    -------
    pandas.DataFrame
        ``url`` first, then the other columns; duplicate URLs are dropped (the first
        row of each is kept, with a warning giving the count).

    Raises
    ------
    FramingError
        The file does not exist, or a table has no ``url`` column.
    """
    label = "URL list"
    if isinstance(source, pd.DataFrame):
        df = source.copy()
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        label = str(path)
        if not path.exists():
            raise FramingError(f"{path}: no such file (a URL list: one URL per line, or a CSV "
                               "with a 'url' column)")
        if path.is_dir():
            raise FramingError(f"{path}: is a folder, not a URL list (one URL per line, or a "
                               "CSV with a 'url' column)")
        df = _read_url_file(path)
    else:
        try:
            urls = list(source)
        except TypeError:
            raise FramingError(f"urls must be a file, a DataFrame or a list of URLs, got "
                               f"{type(source).__name__}") from None
        if any(not isinstance(u, str) for u in urls):
            bad = next(u for u in urls if not isinstance(u, str))
            raise FramingError(f"urls must be strings; got {type(bad).__name__} {bad!r}")
        df = pd.DataFrame({"url": pd.Series(urls, dtype=object)})
    lower = {str(c).strip().lower(): c for c in df.columns}
    if "url" not in lower:
        found = ", ".join(map(str, df.columns)) or "(none)"
        close = difflib.get_close_matches("url", [str(c).lower() for c in df.columns], n=1,
                                          cutoff=0.5)
        hint = f" (is {close[0]!r} it?)" if close else ""
        raise FramingError(f"{label}: no 'url' column; columns found: {found}{hint}; name the "
                           "column holding the URLs 'url'")
    df = df.rename(columns={lower[k]: k for k in ("url", *_INPUT_COLUMNS) if k in lower})
    df["url"] = [u.strip() if isinstance(u, str) else "" for u in df["url"]]
    df = df[df["url"] != ""]
    n = len(df)
    df = df.drop_duplicates("url", keep="first").reset_index(drop=True)
    if len(df) < n:
        warnings.warn(f"{label}: {n - len(df)} duplicate URL(s) left out (the first row of "
                      "each is kept)", stacklevel=3)
    return df[["url", *[c for c in df.columns if c != "url"]]]


def _read_url_file(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig", errors="replace")
    lines = [ln.strip() for ln in text.splitlines()]
    first = next((ln for ln in lines if ln and not ln.startswith("#")), "")
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    fields = [f.strip().strip('"').lower() for f in first.split(sep)]
    if path.suffix.lower() in (".csv", ".tsv") or (len(fields) > 1 and "url" in fields):
        try:
            return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False,
                               encoding="utf-8-sig", skip_blank_lines=True)
        except pd.errors.EmptyDataError:
            raise FramingError(f"{path}: empty; no URL to collect") from None
        except (pd.errors.ParserError, UnicodeDecodeError) as e:
            raise FramingError(f"{path}: not a readable CSV file: {one_line(e)}") from None
    urls = [ln for ln in lines if ln and not ln.startswith("#")]
    return pd.DataFrame({"url": pd.Series(urls, dtype=object)})


def _check_url(url: str) -> str | None:
    """Why ``url`` cannot be fetched, or None."""
    if any(c.isspace() for c in url):
        return "contains white space"
    if not url.isascii():  # urllib cannot send it: the whole run ended in a UnicodeEncodeError
        return ("contains characters outside ASCII (write the host in its xn-- form and "
                "percent-encode the path)")
    try:
        p = urllib.parse.urlsplit(url)
        p.port  # noqa: B018 - raises on a bad port
    except ValueError as e:
        return one_line(e)
    if p.scheme.lower() not in ("http", "https"):
        return f"not an http(s) URL (scheme {p.scheme!r})" if p.scheme else "not an http(s) URL"
    if not p.hostname:
        return "no host name"
    return None


def _host(url: str) -> str:
    """The host a politeness gate is kept for (the name, without the port)."""
    return (urllib.parse.urlsplit(url).hostname or "").lower()


def _origin(url: str) -> str:
    p = urllib.parse.urlsplit(url)
    return f"{p.scheme.lower()}://{p.netloc.lower()}"


def _domain(url: str) -> str:
    h = _host(url)
    return h[4:] if h.startswith("www.") else h


def _doc_id(url: str) -> str:
    """A file-safe id from the URL: ``<host>_<10 hex digits of its SHA-1>``."""
    netloc = urllib.parse.urlsplit(url).netloc.lower() if _check_url(url) is None else ""
    host = re.sub(r"[^a-z0-9.-]+", "_", netloc.split("@")[-1]).strip("._")[:50] or "url"
    return f"{host}_{hashlib.sha1(url.encode('utf-8')).hexdigest()[:10]}"


# --------------------------------------------------------------------------- HTTP

class _Failed(Exception):
    """A URL could not be fetched: its status, detail and HTTP status."""

    def __init__(self, status: str, detail: str, http_status: int | None = None):
        super().__init__(detail)
        self.status, self.detail, self.http_status = status, detail, http_status


class _Response:
    __slots__ = ("status", "reason", "url", "headers", "body")

    def __init__(self, status, reason, url, headers, body):
        self.status, self.reason, self.url, self.headers, self.body = \
            status, reason, url, headers, body


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as responses: each hop goes through the politeness gate and
    the robots.txt check of its own host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class _Gate:
    """One request at a time to a host, ``delay`` seconds apart."""

    def __init__(self, delay: float, stop: threading.Event):
        self.lock = threading.Lock()
        self.delay = delay
        self.next_time = 0.0
        self.stop = stop

    def __enter__(self):
        self.lock.acquire()
        wait = self.next_time - time.monotonic()
        if wait > 0:
            self.stop.wait(wait)
        return self

    def __exit__(self, *exc):
        self.next_time = time.monotonic() + self.delay
        self.lock.release()


class _Robots:
    """What robots.txt allows: RFC 9309 (4xx: everything; 5xx or no answer: nothing)."""

    def __init__(self, parser=None, *, allow_all: bool = False, why: str = ""):
        self.parser, self.allow_all, self.why = parser, allow_all, why

    def allowed(self, url: str, agent: str) -> bool:
        if self.allow_all:
            return True
        return self.parser is not None and self.parser.can_fetch(agent, url)

    def crawl_delay(self, agent: str) -> float:
        if self.parser is None:
            return 0.0
        try:
            return float(self.parser.crawl_delay(agent) or 0.0)
        except (TypeError, ValueError):
            return 0.0


class _Fetcher:
    """Polite HTTP GET: per-host gates, robots.txt, retries with exponential back-off."""

    def __init__(self, *, delay: float, retries: int, timeout: float, backoff: float,
                 agent: str, respect_robots: bool, stop: threading.Event | None = None):
        self.delay, self.retries, self.timeout, self.backoff = delay, retries, timeout, backoff
        self.agent, self.respect_robots = agent, respect_robots
        self.stop = stop or threading.Event()
        self.opener = urllib.request.build_opener(_NoRedirect())
        self._lock = threading.Lock()
        self._gates: dict[str, _Gate] = {}
        self._robots: dict[str, _Robots] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self.n_requests = 0
        self.n_bytes = 0

    def gate(self, url: str) -> _Gate:
        host = _host(url)
        with self._lock:
            if host not in self._gates:
                self._gates[host] = _Gate(self.delay, self.stop)
            return self._gates[host]

    def _once(self, url: str) -> _Response:
        req = urllib.request.Request(url, headers={
            "User-Agent": self.agent, "Accept-Encoding": "gzip, deflate",
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"})
        with self.gate(url):
            with self._lock:
                self.n_requests += 1
            try:
                resp = self.opener.open(req, timeout=self.timeout)
            except urllib.error.HTTPError as e:  # an answer all the same: 3xx, 4xx, 5xx
                resp = e
            try:
                body = resp.read(_MAX_BYTES + 1) if resp.fp is not None else b""
                status = resp.status if getattr(resp, "status", None) else resp.code
                headers, reason = resp.headers, getattr(resp, "reason", "") or ""
            finally:
                resp.close()
        with self._lock:
            self.n_bytes += len(body)
        enc = (headers.get("Content-Encoding") or "").strip().lower()
        try:
            if enc in ("gzip", "x-gzip"):
                body = gzip.decompress(body)
            elif enc == "deflate":
                try:
                    body = zlib.decompress(body)
                except zlib.error:
                    body = zlib.decompress(body, -zlib.MAX_WBITS)
        except (OSError, EOFError, zlib.error) as e:
            raise _Failed("error", f"bad {enc} content: {one_line(e)}") from None
        return _Response(int(status), str(reason), url, headers, body)

    def get(self, url: str) -> _Response:
        """GET with retries on 429, 5xx, time-outs and dropped connections.

        Returns the last answer (any status); raises :class:`_Failed` when there was
        none (time-out or network error once the retries are spent).
        """
        attempt = 0
        while True:
            wait = None
            try:
                r = self._once(url)
            except _Failed:
                raise
            except (TimeoutError, socket.timeout) as e:
                fail = _Failed("timeout", f"no answer within {self.timeout:g} s ({one_line(e)})")
            except urllib.error.URLError as e:
                reason = e.reason
                if isinstance(reason, (TimeoutError, socket.timeout)):
                    fail = _Failed("timeout", f"no answer within {self.timeout:g} s")
                elif isinstance(reason, socket.gaierror):
                    raise _Failed("error", f"unknown host: {one_line(reason)}") from None
                else:
                    fail = _Failed("error", f"network error: {one_line(reason)}")
            except (http.client.HTTPException, ConnectionError, OSError) as e:
                fail = _Failed("error", f"network error: {type(e).__name__}: {one_line(e)}")
            else:
                if r.status != 429 and r.status < 500:
                    return r
                fail = None
                wait = _retry_after(r.headers.get("Retry-After"))
            if attempt >= self.retries or self.stop.is_set():
                if fail is not None:
                    raise fail
                return r
            self.stop.wait(self.backoff * 2 ** attempt if wait is None else wait)
            attempt += 1

    def robots(self, url: str) -> _Robots:
        """The robots.txt rules of the URL's origin (fetched once per run)."""
        origin = _origin(url)
        with self._lock:
            if origin in self._robots:
                return self._robots[origin]
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            with self._lock:
                if origin in self._robots:
                    return self._robots[origin]
            rules = self._fetch_robots(origin)
            crawl = min(rules.crawl_delay(self.agent), _MAX_CRAWL_DELAY)
            if crawl > self.delay:
                gate = self.gate(url)
                gate.delay = max(gate.delay, crawl)
            with self._lock:
                self._robots[origin] = rules
            return rules

    def _fetch_robots(self, origin: str) -> _Robots:
        where = origin + "/robots.txt"
        for _ in range(6):  # RFC 9309: follow at least five redirects
            try:
                r = self.get(where)
            except _Failed as e:
                return _Robots(why=f"robots.txt unreachable ({e.status}: {e.detail})")
            if r.status in _REDIRECTS and r.headers.get("Location"):
                where = urllib.parse.urljoin(where, r.headers["Location"])
                continue
            if 200 <= r.status < 300:
                parser = urllib.robotparser.RobotFileParser(where)
                parser.parse(r.body.decode("utf-8", errors="replace").splitlines())
                return _Robots(parser, why="robots.txt disallows it")
            if 400 <= r.status < 500:
                return _Robots(allow_all=True)
            return _Robots(why=f"robots.txt unreachable (HTTP {r.status})")
        return _Robots(allow_all=True)  # a redirect loop: treated as not found

    def fetch(self, url: str) -> _Response:
        """The page at ``url``, following redirects; raises :class:`_Failed`."""
        current = url
        for _ in range(_MAX_REDIRECTS + 1):
            if self.stop.is_set():
                raise _Interrupted
            if self.respect_robots:
                rules = self.robots(current)
                if not rules.allowed(current, self.agent):
                    where = "" if current == url else f" (redirected to {current})"
                    raise _Failed("disallowed", rules.why + where)
            r = self.get(current)
            if r.status in _REDIRECTS:
                loc = r.headers.get("Location")
                if not loc:
                    raise _Failed("http_error", f"HTTP {r.status} without a Location", r.status)
                current = urllib.parse.urljoin(current, loc.strip())
                why = _check_url(current)
                if why:
                    raise _Failed("error", f"redirected to {current!r}: {why}")
                continue
            if not 200 <= r.status < 300:
                raise _Failed("http_error", f"HTTP {r.status} {r.reason}".strip(), r.status)
            return r
        raise _Failed("error", f"more than {_MAX_REDIRECTS} redirects")


class _Interrupted(Exception):
    pass


def _retry_after(value) -> float | None:
    if not value:
        return None
    try:
        return min(max(float(value), 0.0), _MAX_RETRY_AFTER)
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        when = parsedate_to_datetime(value)
        now = _dt.datetime.now(when.tzinfo)
        return min(max((when - now).total_seconds(), 0.0), _MAX_RETRY_AFTER)
    except (TypeError, ValueError):
        return None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _decode_page(body: bytes, content_type: str) -> str:
    """The text of a page: the charset of the header, else of a <meta>, else UTF-8, else
    cp1252."""
    candidates = []
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    if m:
        candidates.append(m.group(1))
    m = _META_CHARSET.search(body[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii"))
    for enc in [*candidates, "utf-8"]:
        try:
            return body.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", errors="replace")


# --------------------------------------------------------------------------- the corpus folder

def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _write_atomic(path: Path, data: bytes) -> None:
    """Write to a hidden temporary file beside ``path``, then rename it into place."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _read_journal(path: Path) -> dict[str, dict]:
    """The last record of each URL in the journal (a torn last line is ignored)."""
    records: dict[str, dict] = {}
    if not path.exists():
        return records
    with open(path, "rb") as f:
        for line in f:
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if isinstance(rec, dict) and isinstance(rec.get("url"), str):
                records[rec["url"]] = rec
    return records


def _is_done(rec: dict | None, out: Path, retry_failed: bool) -> bool:
    """Whether a journal record settles its URL (no request needed this run)."""
    if rec is None:
        return False
    if rec.get("file") and not (out / rec["file"]).exists():
        return False  # the saved page was deleted: fetch it again
    if not retry_failed:
        return True
    st, code = rec.get("status"), rec.get("http_status")
    transient = st in ("timeout", "error") or (st == "http_error" and code is not None
                                              and (code == 429 or code >= 500)) \
        or (st == "disallowed" and "unreachable" in str(rec.get("detail", "")))
    return not transient


def _row(rec: dict, inp: dict) -> dict:
    """A metadata.csv row: the URL list's outlet, title and date win over the page's."""
    def given(key):
        v = inp.get(key)
        if isinstance(v, str):
            return v.strip() or None
        return None if v is None or (pd.api.types.is_scalar(v) and pd.isna(v)) else v

    seen = given("seendate")
    seen_day = None
    if seen is not None:
        try:
            seen_day = pd.Timestamp(seen).strftime("%Y-%m-%d")
        except (ValueError, TypeError):
            seen_day = None
    row = {
        "file": rec.get("file") or "",
        "doc_id": rec["doc_id"],
        "url": rec["url"],
        "outlet": given("outlet") or rec.get("page_outlet") or _domain(rec.get("final_url")
                                                                      or rec["url"]) or None,
        "title": given("title") or rec.get("page_title"),
        "date": given("date") or rec.get("page_date") or seen_day,
        "event": given("event"),
        "status": rec["status"],
        "http_status": rec.get("http_status"),
        "detail": rec.get("detail") or "",
        "final_url": rec.get("final_url") or "",
        "fetched_at": rec.get("fetched_at"),
    }
    for k, v in inp.items():
        if k not in row:
            row[k] = v
    return row


class _Run:
    """One collection run: the records, the journal and metadata.csv of a folder."""

    def __init__(self, out: Path, urls: pd.DataFrame, flush_every: float):
        self.out = out
        self.inputs = {r["url"]: {k: v for k, v in r.items() if k != "url"}
                       for r in urls.to_dict("records")}
        self.order = list(urls["url"])
        self.journal_path = out / JOURNAL
        self.records = _read_journal(self.journal_path)
        self.before = dict(self.records)
        self.lock = threading.Lock()
        self.flush_every = flush_every
        self.last_flush = 0.0
        self.dirty = False
        if self.journal_path.exists() and self.journal_path.stat().st_size:
            with open(self.journal_path, "rb") as f:  # a torn last line must not swallow the next
                f.seek(-1, os.SEEK_END)
                torn = f.read(1) != b"\n"
        else:
            torn = False
        self.journal = open(self.journal_path, "ab")
        if torn:
            self.journal.write(b"\n")

    def add(self, rec: dict) -> None:
        rec["input"] = self.inputs.get(rec["url"], {})
        line = (json.dumps(rec, ensure_ascii=False, default=str) + "\n").encode("utf-8")
        with self.lock:
            if self.journal.closed:  # a thread still running after an interruption
                return
            self.journal.write(line)
            self.journal.flush()
            self.records[rec["url"]] = rec
            self.dirty = True
            if time.monotonic() - self.last_flush >= self.flush_every:
                self._write_metadata()

    def rows(self, *, only_input: bool = False) -> list[dict]:
        urls = [u for u in self.order if u in self.records]
        if not only_input:
            given = set(self.order)
            urls += [u for u in self.records if u not in given]  # earlier runs' URLs
        return [_row(self.records[u], self.inputs.get(u, self.records[u].get("input") or {}))
                for u in urls]

    def _write_metadata(self) -> None:
        df = _frame(self.rows())
        _write_atomic(self.out / METADATA, df.to_csv(index=False).encode("utf-8"))
        self.last_flush = time.monotonic()
        self.dirty = False

    def close(self) -> None:
        with self.lock:
            if self.dirty or not (self.out / METADATA).exists():
                self._write_metadata()
            self.journal.close()


def _frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    for c in METADATA_COLUMNS:
        if c not in df.columns:
            df[c] = pd.Series([None] * len(df), dtype=object)
    df["http_status"] = pd.array(df["http_status"], dtype="Int64")
    return df[METADATA_COLUMNS + [c for c in df.columns if c not in METADATA_COLUMNS]]


def _check_out(out) -> Path:
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise FramingError(f"{out}: is a file, not a folder; choose a folder for the corpus")
    if (out / METADATA).exists() and not (out / JOURNAL).exists():
        raise FramingError(f"{out}: holds a metadata.csv that framing collect did not write; "
                           "choose an empty folder or one that framing collect wrote")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise FramingError(f"{out}: cannot create the folder: {e.strerror or one_line(e)}") from None
    return out


def _collect_one(fetcher: _Fetcher, url: str, out: Path) -> dict:
    """Fetch, save and extract one URL; the journal record (never raises _Failed)."""
    from .corpus import _extract_html

    doc_id = _doc_id(url)
    rec = {"url": url, "doc_id": doc_id, "file": "", "status": "", "http_status": None,
           "detail": "", "final_url": "", "fetched_at": _now()}
    try:
        r = fetcher.fetch(url)
    except _Failed as e:
        rec.update(status=e.status, detail=e.detail, http_status=e.http_status)
        return rec
    rec.update(http_status=r.status, final_url=r.url if r.url != url else "")
    ctype = r.headers.get("Content-Type") or ""
    mime = ctype.split(";")[0].strip().lower()
    if len(r.body) > _MAX_BYTES:
        rec.update(status="no_text", detail=f"larger than {_MAX_BYTES:,} bytes: not downloaded")
        return rec
    if mime not in _HTML_TYPES:
        rec.update(status="no_text", detail=f"not an HTML page ({mime})")
        return rec
    html = _decode_page(r.body, ctype)
    name = f"{doc_id}.html"
    _write_atomic(out / name, html.encode("utf-8"))
    rec["file"] = name
    try:
        text, meta = _extract_html(html)
    except Exception as e:  # one page the extractor cannot handle must not stop the run
        text, meta = "", {}
        rec["detail"] = f"no article text extracted ({type(e).__name__}: {one_line(e)})"
    rec.update(page_title=meta.get("title"), page_date=meta.get("date"),
               page_outlet=meta.get("outlet"))
    if text.strip():
        rec["status"] = "fetched"
    else:
        rec["status"] = "no_text"
        rec["detail"] = rec["detail"] or "no article text extracted"
    return rec


def collect(urls, out, *, delay: float = 1.0, retries: int = 2, timeout: float = 20,
            respect_robots: bool = True, user_agent: str | None = None, progress: bool = True,
            workers: int = 4, backoff: float = 1.0, retry_failed: bool = False,
            contact: str | None = None, flush_every: float = 2.0) -> pd.DataFrame:
    """Download web pages into a folder corpus, politely and resumably.

    Parameters
    ----------
    urls : str, Path, DataFrame or iterable of str
        A URL list (see :func:`read_url_list`): a text file with one URL per line,
        a CSV with a ``url`` column and optional ``outlet``, ``title``, ``date``,
        ``event`` and other columns (copied to ``metadata.csv``), a DataFrame such
        as :func:`gdelt_urls` returns, or URLs.
    out : str or Path
        The corpus folder (created if needed). A folder written by an earlier run
        is completed: URLs it already settled are not requested again.
    delay : float, default 1.0
        Seconds between the end of a request to a host and the start of the next
        (a longer ``Crawl-delay`` of robots.txt wins, up to 60 s).
    retries : int, default 2
        Further attempts after a 429, a 5xx, a time-out or a dropped connection,
        ``backoff``, ``2 * backoff``, ``4 * backoff`` ... seconds apart (a
        ``Retry-After`` header wins, up to 120 s).
    timeout : float, default 20
        Seconds to wait for the server at each step of a request.
    respect_robots : bool, default True
        Obey each site's robots.txt (RFC 9309; ``urllib.robotparser``).
    user_agent : str, optional
        The User-Agent header (default: :func:`default_user_agent`, naming framing and its
        version, with ``contact``).
    progress : bool, default True
        Show a progress bar on stderr.
    workers : int, default 4
        Threads fetching from different hosts at once; never more than one request
        in flight per host.
    backoff : float, default 1.0
        First wait before a retry, in seconds.
    retry_failed : bool, default False
        Also request again the URLs that an earlier run left with a passing failure
        (time-out, network error, 429 or 5xx, robots.txt unreachable). By default a
        rerun requests only URLs with no status yet (or whose saved page is gone).
    contact : str, optional
        A URL or e-mail address put in the default User-Agent (see
        :func:`default_user_agent`).
    flush_every : float, default 2.0
        Most seconds between two rewrites of ``metadata.csv`` during the run (it is
        always written at the end, and after an interruption).

    Returns
    -------
    pandas.DataFrame
        One row per URL of ``urls``, in their order: the columns of
        ``metadata.csv`` (:data:`METADATA_COLUMNS`, then the URL list's other
        columns) and ``cached`` (True when an earlier run had settled the URL).

    Raises
    ------
    FramingError
        Bad input: no such URL file, no ``url`` column, ``out`` is a file, or a
        ``metadata.csv`` there that framing collect did not write.
    KeyboardInterrupt
        Re-raised after ``metadata.csv`` is written for what was done: run again
        to resume.

    Notes
    -----
    Each page is saved as ``<doc_id>.html`` (in UTF-8) before its record is
    appended to ``collect.jsonl``, and ``metadata.csv`` is rewritten whole and
    renamed into place, so a run stopped at any moment (Ctrl-C, a crash, a lost
    machine) leaves a folder that loads, and a rerun carries on where it stopped.
    A row whose page was not saved has an empty ``file`` cell: the corpus loader
    keeps it as a document with the status ``not collected: <status>``.
    """
    for name, v, lo in (("delay", delay, 0), ("timeout", timeout, 0), ("backoff", backoff, 0)):
        if not isinstance(v, (int, float)) or isinstance(v, bool) or v < lo or v != v:
            raise FramingError(f"{name} must be a number of seconds >= {lo}, got {v!r}")
    if timeout == 0:
        raise FramingError("timeout must be more than 0 seconds")
    for name, v, lo in (("retries", retries, 0), ("workers", workers, 1)):
        if not isinstance(v, int) or isinstance(v, bool) or v < lo:
            raise FramingError(f"{name} must be a whole number >= {lo}, got {v!r}")
    table = read_url_list(urls)
    out = _check_out(out)
    agent = user_agent or default_user_agent(contact)
    run = _Run(out, table, flush_every)
    stop = threading.Event()
    fetcher = _Fetcher(delay=float(delay), retries=retries, timeout=float(timeout),
                       backoff=float(backoff), agent=agent, respect_robots=respect_robots,
                       stop=stop)
    todo: dict[str, list[str]] = {}
    invalid = []
    for url in table["url"]:
        if _is_done(run.records.get(url), out, retry_failed):
            continue
        why = _check_url(url)
        if why:
            invalid.append((url, why))
        else:
            todo.setdefault(_host(url), []).append(url)
    from tqdm.auto import tqdm

    n_todo = sum(map(len, todo.values()))
    bar = tqdm(total=n_todo + len(invalid), unit="page", desc="collecting", leave=False,
               disable=not progress, dynamic_ncols=True)
    errors: list[BaseException] = []
    try:
        for url, why in invalid:
            run.add({"url": url, "doc_id": _doc_id(url), "file": "", "status": "invalid_url",
                     "http_status": None, "detail": why, "final_url": "", "fetched_at": _now()})
            bar.update(1)
        hosts: queue.Queue = queue.Queue()
        for host in sorted(todo, key=lambda h: -len(todo[h])):  # the longest queues first
            hosts.put(todo[host])

        def work():
            try:
                while not stop.is_set():
                    try:
                        items = hosts.get_nowait()
                    except queue.Empty:
                        return
                    for url in items:
                        if stop.is_set():
                            return
                        try:
                            rec = _collect_one(fetcher, url, out)
                        except _Interrupted:
                            return
                        run.add(rec)
                        bar.update(1)
            except BaseException as e:  # a bug: stop the run and report it in the caller
                errors.append(e)
                stop.set()

        threads = [threading.Thread(target=work, daemon=True, name=f"framing-collect-{i}")
                   for i in range(min(workers, len(todo)))]
        for t in threads:
            t.start()
        for t in threads:
            while t.is_alive():
                t.join(0.1)
    except BaseException:
        stop.set()
        raise
    finally:
        bar.close()
        run.close()
    if errors:
        raise errors[0]
    df = _frame(run.rows(only_input=True))
    df["cached"] = [u in run.before and run.records[u] is run.before[u] for u in df["url"]]
    df.attrs.update(requests=fetcher.n_requests, bytes=fetcher.n_bytes)
    return df


# --------------------------------------------------------------------------- GDELT

def _gdelt_time(value, name: str, *, end: bool) -> _dt.datetime:
    """A start or end as a UTC datetime; a day alone is its first (start) or last (end)
    second."""
    if isinstance(value, _dt.datetime):
        ts = pd.Timestamp(value)
        day_only = False
    elif isinstance(value, _dt.date):
        ts, day_only = pd.Timestamp(value), True
    elif isinstance(value, str) and value.strip():
        s = value.strip()
        day_only = bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{8}", s))
        try:
            ts = pd.Timestamp(_dt.datetime.strptime(s, "%Y%m%d%H%M%S")) if re.fullmatch(
                r"\d{14}", s) else pd.Timestamp(s)
        except ValueError:
            ts = None
    else:
        ts, day_only = None, False
    if ts is None or pd.isna(ts):
        raise FramingError(f"{name}={value!r} is not a date or time; e.g. 2023-10-01, "
                           "2023-10-01T12:00 or 20231001120000")
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    if day_only and end:
        ts = ts + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)
    return ts.to_pydatetime()


def gdelt_urls(query: str, start, end, *, base_url: str | None = None,
               max_records: int = 250, timeout: float = 30, retries: int = 2,
               delay: float = 5.0, user_agent: str | None = None,
               max_requests: int = 64) -> pd.DataFrame:
    """Articles matching a query in the GDELT DOC 2.0 API, to feed :func:`collect`.

    Parameters
    ----------
    query : str
        A GDELT DOC query (``'"Nagorno-Karabakh" sourcelang:english'``).
    start, end : str, date or datetime
        The window, in UTC: ``2023-10-01``, ``2023-10-01T12:00``, ``20231001120000``
        (an ``end`` given as a day includes that whole day).
    base_url : str, optional
        The API address (default: the ``FRAMING_GDELT_URL`` environment variable,
        else :data:`DEFAULT_GDELT_URL`).
    max_records : int, default 250
        Articles per request (the API's most). A request that returns this many is
        split into two half windows, again and again, down to one hour, so that a
        busy query is not silently cut at 250.
    timeout, retries : float, int
        As in :func:`collect`.
    delay : float, default 5.0
        Seconds between two requests to the API (GDELT asks for one request every
        5 seconds).
    user_agent : str, optional
        The User-Agent header (default: framing's, see :func:`default_user_agent`).
    max_requests : int, default 64
        Most requests for one call; a warning says when the windows could not all be
        asked for.

    Returns
    -------
    pandas.DataFrame
        One row per distinct URL, by ``seendate``: ``url, title, seendate`` (naive
        UTC datetime), ``domain, language, sourcecountry``.

    Raises
    ------
    FramingError
        A bad query or dates, or the API answered with an error (its message is
        given) or not at all.
    """
    if not isinstance(query, str) or not query.strip():
        raise FramingError("the GDELT query is empty; e.g. '\"Nagorno-Karabakh\" "
                           "sourcelang:english'")
    t0 = _gdelt_time(start, "start", end=False)
    t1 = _gdelt_time(end, "end", end=True)
    if t0 > t1:
        raise FramingError(f"start {t0:%Y-%m-%d %H:%M:%S} is after end {t1:%Y-%m-%d %H:%M:%S}")
    base = base_url or os.environ.get("FRAMING_GDELT_URL") or DEFAULT_GDELT_URL
    fetcher = _Fetcher(delay=float(delay), retries=retries, timeout=float(timeout), backoff=1.0,
                       agent=user_agent or default_user_agent(), respect_robots=False)
    found: list[dict] = []
    windows = [(t0, t1)]
    n = 0
    while windows:
        if n >= max_requests:
            warnings.warn(f"GDELT: stopped after {max_requests} requests; {len(windows)} "
                          "time window(s) not asked for (narrow the query or the dates, or "
                          "raise max_requests)", stacklevel=2)
            break
        a, b = windows.pop(0)
        arts = _gdelt_request(fetcher, base, query, a, b, max_records)
        n += 1
        if len(arts) >= max_records and (b - a) > _dt.timedelta(hours=1):
            mid = a + (b - a) / 2
            mid = mid.replace(microsecond=0)
            windows[:0] = [(a, mid), (mid + _dt.timedelta(seconds=1), b)]
            continue
        if len(arts) >= max_records:
            warnings.warn(f"GDELT: {max_records} articles between {a:%Y-%m-%d %H:%M} and "
                          f"{b:%H:%M}, the most one request returns; some may be missing",
                          stacklevel=2)
        found.extend(arts)
    cols = ["url", "title", "seendate", "domain", "language", "sourcecountry"]
    df = pd.DataFrame([{c: a.get(c) for c in cols} for a in found if isinstance(a, dict)
                       and isinstance(a.get("url"), str)], columns=cols)
    df["seendate"] = pd.to_datetime(df["seendate"], format="%Y%m%dT%H%M%SZ", errors="coerce")
    df = df.drop_duplicates("url").sort_values("seendate", kind="stable")
    return df.reset_index(drop=True)


def _gdelt_request(fetcher: _Fetcher, base: str, query: str, a, b, max_records: int) -> list:
    params = {"query": query, "mode": "ArtList", "format": "json",
              "maxrecords": str(max_records), "sort": "DateAsc",
              "startdatetime": a.strftime("%Y%m%d%H%M%S"),
              "enddatetime": b.strftime("%Y%m%d%H%M%S")}
    url = base + ("&" if "?" in base else "?") + urllib.parse.urlencode(params)
    try:
        r = fetcher.get(url)
    except _Failed as e:
        raise FramingError(f"GDELT API at {base}: {e.status}: {e.detail}") from None
    text = r.body.decode("utf-8", errors="replace").strip()
    if r.status != 200:
        raise FramingError(f"GDELT API at {base} answered HTTP {r.status}: "
                           f"{one_line(text)[:200] or r.reason}")
    if not text:
        return []
    try:
        data = json.loads(text, strict=False)
    except ValueError:
        # the API answers a bad query with a sentence, not JSON
        raise FramingError(f"GDELT API: {one_line(text)[:300]}") from None
    arts = data.get("articles", []) if isinstance(data, dict) else None
    if not isinstance(arts, list):
        raise FramingError(f"GDELT API at {base}: unexpected answer (no 'articles' list): "
                           f"{one_line(text)[:200]}")
    return arts
