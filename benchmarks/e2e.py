"""End-to-end benchmark: ``framing analyze`` as users run it (``make bench``).

Each row is one run of the ``framing`` command, in a subprocess, on a JSON Lines
corpus built by :func:`run.make_sample_corpus` (news-like documents made of the
sentences of the bundled sample articles), with every output written: tables,
figures, evidence and ``report.html``. The rows, in the same run:

* ``baseline``: a Python process that reads the JSON Lines file and ``str.split``\\ s
  every text (the floor: JSON parsing and one pass over the characters);
* ``--stages none``: cleaning, sentences, quotations, lexicon matching, aggregates
  and all outputs, no optional stage;
* ``all stages``: the default ``framing analyze`` (attribution, agency, tone),
  ``--n-jobs 1``;
* (all at every size) then, at the first size only, all stages with ``--n-jobs 2``
  and with ``--engine dask --n-jobs 2`` on the same file split into 8 shards.

Every measurement runs in a fresh helper process that itself starts the command, so
that ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` (the largest single process of the tree)
belongs to that row alone; the helper also samples, every 0.1 s, the summed resident
memory of the whole process tree (workers included), as proportional set size (PSS:
a page shared by several processes, as after ``fork``, counted once in all; the
resident sizes would count it in every process). Throughput is file MB (UTF-8
JSON Lines) per second of wall-clock time, including start-up (imports) and the
writing of every output; ``CPU s`` is user + system time of the whole tree.

The script prints a Markdown table, the ratios (speed-up of ``--n-jobs 2``,
linearity in the corpus size, memory flatness) and the issue's targets, each marked
met / not met, and writes the same to ``benchmarks/results/e2e.md``. Targets not met
do not change the exit status (this is a report); a run of ``framing`` that fails
does (exit 1). Timings vary with the machine and its load: the load average is
recorded with the results.

Generated corpora are cached in ``benchmarks/_data/`` (git-ignored); a corpus of N MB
is the first N MB of any larger one (same seed), so the sizes compare like with like.
Usage::

    python benchmarks/e2e.py [--sizes 20,100,400] [--repeat 1] [--no-dask] [--quick]
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "_data"
RESULTS = HERE / "results" / "e2e.md"

# the issue's targets
TARGET_ALL_MBS = 3.0      # all stages, one core
TARGET_NONE_MBS = 8.0     # --stages none, one core
TARGET_SPEEDUP = 1.8      # --n-jobs 2 over --n-jobs 1
LINEARITY_TOL = 0.10      # MB/s at the largest size within 10% of the smallest
MEMORY_LIMIT_MB = 1024    # peak memory at every size

CHUNK_MB = 10             # corpora are generated (and cached) in pieces of this size
N_SHARDS = 8

_BASELINE_CODE = r"""
import json, sys
n_docs = n_words = 0
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        if line.strip():
            n_docs += 1
            n_words += len(json.loads(line)["text"].split())
print(n_docs, n_words)
"""


# ----------------------------------------------------------------------------- corpora

def _framing_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("framing")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "import sys; from framing.cli import main; sys.exit(main())"]


def corpus_file(mb: float, seed: int, data: Path) -> tuple[Path, dict]:
    """The cached JSON Lines corpus of about ``mb`` MB and its metadata (bytes, docs).

    Built from pieces of ``CHUNK_MB`` MB, ``make_sample_corpus(CHUNK_MB, seed * 1000 + k)``
    for k = 0, 1, ... (the last piece smaller), with doc_ids numbered across pieces,
    so that memory stays bounded while generating and a smaller corpus is a prefix
    of a larger one.
    """
    data.mkdir(parents=True, exist_ok=True)
    path = data / f"e2e_sample_{mb:g}mb_{seed}.jsonl"
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        return path, json.loads(meta_path.read_text())
    sys.path.insert(0, str(HERE))
    try:
        from run import make_sample_corpus
    finally:
        sys.path.remove(str(HERE))
    t0 = time.perf_counter()
    tmp = path.with_suffix(".jsonl.tmp")
    n_docs, left, k = 0, mb, 0
    with open(tmp, "w", encoding="utf-8") as fh:
        while left > 1e-9:
            piece = min(CHUNK_MB, left)
            df = make_sample_corpus(piece, seed * 1000 + k)
            for outlet, text in zip(df["outlet"], df["text"]):
                fh.write(json.dumps({"doc_id": f"s{n_docs:08d}", "outlet": outlet,
                                     "text": text}) + "\n")
                n_docs += 1
            left -= piece
            k += 1
    tmp.replace(path)
    meta = {"bytes": path.stat().st_size, "docs": n_docs, "seed": seed, "mb": mb}
    meta_path.write_text(json.dumps(meta))
    print(f"  generated {path.name}: {meta['bytes'] / 1e6:.1f} MB, {n_docs:,} documents "
          f"in {time.perf_counter() - t0:.0f} s", flush=True)
    return path, meta


def shard_files(path: Path, n: int = N_SHARDS) -> str:
    """``path`` split into ``n`` JSON Lines shards of consecutive lines (cached); a glob."""
    folder = path.with_name(path.stem + f"_{n}shards")
    pattern = str(folder / "part-*.jsonl")
    if folder.exists() and len(list(folder.glob("part-*.jsonl"))) == n:
        return pattern
    with open(path, encoding="utf-8") as fh:
        n_lines = sum(1 for _ in fh)
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    per = -(-n_lines // n)
    with open(path, encoding="utf-8") as fh:
        outs = [open(tmp / f"part-{i:02d}.jsonl", "w", encoding="utf-8") for i in range(n)]
        try:
            for i, line in enumerate(fh):
                outs[i // per].write(line)
        finally:
            for o in outs:
                o.close()
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return pattern


# ------------------------------------------------------------------------ measurement

def _process_kb(pid: int) -> int:
    """Memory of one process in kB: its proportional set size (``Pss`` of
    /proc/PID/smaps_rollup: each page shared with other processes, as after ``fork``,
    divided among them), else its resident set size (``VmRSS``, shared pages counted in
    full in every process)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_rss_mb(root: int) -> float | None:
    """Summed memory (MB) of ``root`` and its descendants (Linux /proc), or None: PSS
    where the kernel gives it (pages shared by the processes counted once in all), else
    VmRSS (an upper bound)."""
    try:
        parent = {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat", "rb") as fh:
                        s = fh.read()
                    parent[int(d)] = int(s[s.rindex(b")") + 2:].split()[1])
                except (OSError, ValueError, IndexError):
                    pass
        tree, frontier = {root}, [root]
        while frontier:
            p = frontier.pop()
            for c, pp in parent.items():
                if pp == p and c not in tree:
                    tree.add(c)
                    frontier.append(c)
        return sum(_process_kb(p) for p in tree) / 1024
    except OSError:
        return None


def _measure(cmd: list[str]) -> dict:
    """Run ``cmd`` (this is the fresh helper process): wall time, CPU time and peak
    memory of the command's process tree alone."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_tree = [0.0]
    sampling = os.path.isdir("/proc")

    def sample():
        while proc.poll() is None:
            m = _tree_rss_mb(proc.pid)
            if m is not None:
                peak_tree[0] = max(peak_tree[0], m)
            time.sleep(0.1)

    th = threading.Thread(target=sample, daemon=True)
    if sampling:
        th.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - t0
    if sampling:
        th.join()
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return {"seconds": seconds, "cpu": ru.ru_utime + ru.ru_stime,
            "peak_mb": ru.ru_maxrss * scale / 2**20,
            "tree_mb": peak_tree[0] if sampling else None,
            "returncode": proc.returncode, "stderr": err[-3000:]}


def measure(cmd: list[str]) -> dict:
    """``_measure(cmd)`` in a fresh helper process (its own RUSAGE_CHILDREN)."""
    r = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--_measure",
                        json.dumps(cmd)], capture_output=True, text=True, cwd=ROOT)
    if r.returncode:
        return {"seconds": float("nan"), "cpu": float("nan"), "peak_mb": float("nan"),
                "tree_mb": None, "returncode": r.returncode, "stderr": r.stderr[-3000:]}
    return json.loads(r.stdout.strip().splitlines()[-1])


def run_row(label: str, cmd_for, size_mb: float, meta: dict, repeat: int, scratch: Path) -> dict:
    """Best (fastest) of ``repeat`` runs; peak memory is the largest over the runs."""
    runs = []
    for i in range(repeat):
        out = scratch / f"out_{len(list(scratch.iterdir()))}"
        m = measure(cmd_for(out))
        shutil.rmtree(out, ignore_errors=True)
        runs.append(m)
        if m["returncode"]:
            break
    best = min(runs, key=lambda m: m["seconds"] if not m["returncode"] else float("inf"))
    failed = [m for m in runs if m["returncode"]]
    row = {"label": label, "size": size_mb, "mb": meta["bytes"] / 1e6, "docs": meta["docs"],
           "seconds": best["seconds"], "cpu": best["cpu"],
           "peak_mb": max(m["peak_mb"] for m in runs),
           "tree_mb": max((m["tree_mb"] for m in runs if m["tree_mb"] is not None), default=None),
           "failed": bool(failed), "stderr": failed[0]["stderr"] if failed else ""}
    row["mbs"] = row["mb"] / row["seconds"] if not failed else float("nan")
    row["docs_s"] = row["docs"] / row["seconds"] if not failed else float("nan")
    status = "FAILED" if failed else f"{row['mbs']:.2f} MB/s"
    print(f"  {label:<34} {row['mb']:7.1f} MB  {row['seconds']:7.1f} s  {status:>12}  "
          f"peak {row['peak_mb']:6.0f} MB", flush=True)
    if failed:
        print("    " + row["stderr"].strip().replace("\n", "\n    "), flush=True)
    return row


# ---------------------------------------------------------------------------- report

def _fmt(x, spec=".2f", none="–"):
    if x is None or x != x:
        return none
    return format(x, spec)


def table(rows: list[dict]) -> str:
    base = {r["size"]: r for r in rows if r["label"] == "baseline"}
    lines = ["| run | size MB | docs | wall s | CPU s | MB/s | docs/s | × baseline time "
             "| peak MB (largest process) | peak MB (process tree) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        b = base.get(r["size"])
        ratio = r["seconds"] / b["seconds"] if b and not r["failed"] and not b["failed"] else None
        lines.append(
            f"| {r['label']}{' (FAILED)' if r['failed'] else ''} | {r['mb']:.1f} | {r['docs']:,} "
            f"| {_fmt(r['seconds'], '.1f')} | {_fmt(r['cpu'], '.1f')} | {_fmt(r['mbs'])} "
            f"| {_fmt(r['docs_s'], '.0f')} | {_fmt(ratio, '.1f')} | {_fmt(r['peak_mb'], '.0f')} "
            f"| {_fmt(r['tree_mb'], '.0f')} |")
    return "\n".join(lines)


def verdicts(rows: list[dict], sizes: list[float]) -> list[str]:
    def find(label, size):
        for r in rows:
            if r["label"] == label and r["size"] == size and not r["failed"]:
                return r
        return None

    def mark(ok):
        return "n/a" if ok is None else ("**met**" if ok else "**not met**")

    first, last = sizes[0], sizes[-1]
    out = []
    all1 = find("all stages, --n-jobs 1", last)
    none1 = find("--stages none", last)
    def per_cpu(r, target):
        # MB per CPU-second of the whole process tree: what one core would give if the
        # machine were not shared (start-up included)
        if r is None or not r["cpu"] or r["cpu"] != r["cpu"]:
            return ""
        v = r["mb"] / r["cpu"]
        return f"; per CPU-second {v:.2f} MB/s → {mark(v >= target)}"

    out.append(f"- all stages, one core, ≥ {TARGET_ALL_MBS:g} MB/s (at {last:g} MB): wall "
               f"{_fmt(all1 and all1['mbs'])} MB/s → "
               f"{mark(None if all1 is None else all1['mbs'] >= TARGET_ALL_MBS)}"
               + per_cpu(all1, TARGET_ALL_MBS))
    out.append(f"- `--stages none`, one core, ≥ {TARGET_NONE_MBS:g} MB/s (at {last:g} MB): wall "
               f"{_fmt(none1 and none1['mbs'])} MB/s → "
               f"{mark(None if none1 is None else none1['mbs'] >= TARGET_NONE_MBS)}"
               + per_cpu(none1, TARGET_NONE_MBS))
    a1, a2 = find("all stages, --n-jobs 1", first), find("all stages, --n-jobs 2", first)
    sp = a1["seconds"] / a2["seconds"] if a1 and a2 else None
    out.append(f"- `--n-jobs 2` speed-up over `--n-jobs 1` ≥ {TARGET_SPEEDUP:g}× (at {first:g} MB, "
               f"wall time): {_fmt(sp)}× → {mark(None if sp is None else sp >= TARGET_SPEEDUP)}")
    if a1 and a2 and a1["cpu"] and a2["cpu"]:
        c1, c2 = a1["cpu"] / a1["seconds"], a2["cpu"] / a2["seconds"]
        out.append(f"  - cores used on average (CPU s / wall s): {c1:.2f} with --n-jobs 1, "
                   f"{c2:.2f} with --n-jobs 2" + (
                       " (well below 1 and 2: the machine was busy with other work, so this "
                       "speed-up is not a measure of the engine)" if c1 < 0.9 or c2 < 1.6 else ""))
    d2 = find("all stages, dask, --n-jobs 2", first)
    if d2 and a1:
        out.append(f"- dask `--n-jobs 2` over local `--n-jobs 1` (at {first:g} MB): "
                   f"{a1['seconds'] / d2['seconds']:.2f}× (no target)")
    for label in ("all stages, --n-jobs 1", "--stages none", "baseline"):
        lo, hi = find(label, first), find(label, last)
        if lo and hi and first != last:
            ratio = hi["mbs"] / lo["mbs"]
            line = (f"- linearity, {label}: MB/s at {last:g} MB / at {first:g} MB = "
                    f"{ratio:.2f} in wall time (within {LINEARITY_TOL:.0%}: "
                    f"{mark(abs(ratio - 1) <= LINEARITY_TOL)})")
            if lo["cpu"] and hi["cpu"]:
                rc = (hi["mb"] / hi["cpu"]) / (lo["mb"] / lo["cpu"])
                line += (f", {rc:.2f} in CPU time (within {LINEARITY_TOL:.0%}: "
                         f"{mark(abs(rc - 1) <= LINEARITY_TOL)})")
            out.append(line)
            # t = fixed + MB / marginal: start-up (imports), figures and report cost the same
            # at every size, so the throughput of the streaming part is the slope
            for what, key in (("wall", "seconds"), ("CPU", "cpu")):
                slope = (hi[key] - lo[key]) / (hi["mb"] - lo["mb"])
                fixed = lo[key] - slope * lo["mb"]
                if slope > 0:
                    out.append(f"  - {what} time: fixed cost ≈ {fixed:.1f} s per run, marginal "
                               f"throughput ≈ {1 / slope:.2f} MB/s (line through the two sizes)")
        else:
            out.append(f"- linearity, {label}: n/a (needs two sizes)")
    ok_rows = [r for r in rows if not r["failed"]]
    if ok_rows:
        worst = max(ok_rows, key=lambda r: r["tree_mb"] or r["peak_mb"])
        worst_proc = max(ok_rows, key=lambda r: r["peak_mb"])
        out.append(f"- memory ≤ {MEMORY_LIMIT_MB} MB at every size: largest process "
                   f"{worst_proc['peak_mb']:.0f} MB ({worst_proc['label']}, {worst_proc['size']:g} MB) "
                   f"→ {mark(worst_proc['peak_mb'] <= MEMORY_LIMIT_MB)}; whole process tree "
                   f"{_fmt(worst['tree_mb'], '.0f')} MB ({worst['label']}, {worst['size']:g} MB)"
                   + ("" if worst["tree_mb"] is None else
                      f" → {mark(worst['tree_mb'] <= MEMORY_LIMIT_MB)}"))
        lo, hi = find("all stages, --n-jobs 1", first), find("all stages, --n-jobs 1", last)
        if lo and hi and first != last:
            out.append(f"- memory flatness, all stages: peak {lo['peak_mb']:.0f} MB at {first:g} MB, "
                       f"{hi['peak_mb']:.0f} MB at {last:g} MB ({hi['peak_mb'] / lo['peak_mb']:.2f}× "
                       f"for {hi['mb'] / lo['mb']:.0f}× the data)")
    return out


# ------------------------------------------------------------------------------ main

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="20,100,400", help="corpus sizes in MB (default 20,100,400)")
    p.add_argument("--quick", action="store_true", help="smoke test: sizes 2,8")
    p.add_argument("--repeat", type=int, default=1, help="runs per row, best kept (default 1)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--no-dask", action="store_true", help="skip the dask row")
    p.add_argument("--no-parallel", action="store_true", help="skip the --n-jobs 2 row")
    p.add_argument("--data", type=Path, default=DATA, help="cache of generated corpora "
                   "(default benchmarks/_data)")
    p.add_argument("--results", type=Path, default=RESULTS,
                   help="Markdown file written with the table (default benchmarks/results/e2e.md)")
    p.add_argument("--_measure", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args._measure:
        print(json.dumps(_measure(json.loads(args._measure))))
        return 0

    sizes = [2.0, 8.0] if args.quick else [float(s) for s in args.sizes.split(",") if s.strip()]
    sizes = sorted(set(sizes))
    framing = _framing_cmd()
    load0 = os.getloadavg() if hasattr(os, "getloadavg") else None
    started = datetime.datetime.now().isoformat(timespec="seconds")
    t_start = time.perf_counter()
    print(f"framing analyze end to end: sizes {', '.join(f'{s:g}' for s in sizes)} MB, "
          f"best of {args.repeat}, {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{x:.2f}' for x in load0) if load0 else '?'}", flush=True)
    args.data.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="e2e_out_", dir=args.data))
    rows = []
    try:
        for i, size in enumerate(sizes):
            path, meta = corpus_file(size, args.seed, args.data)
            f = str(path)
            rows.append(run_row("baseline", lambda out: [sys.executable, "-c", _BASELINE_CODE, f],
                                size, meta, args.repeat, scratch))
            rows.append(run_row("--stages none", lambda out: framing + [
                "analyze", f, "--out", str(out), "--quiet", "--stages", "none", "--n-jobs", "1"],
                size, meta, args.repeat, scratch))
            rows.append(run_row("all stages, --n-jobs 1", lambda out: framing + [
                "analyze", f, "--out", str(out), "--quiet", "--n-jobs", "1"],
                size, meta, args.repeat, scratch))
            if i == 0 and not args.no_parallel:
                rows.append(run_row("all stages, --n-jobs 2", lambda out: framing + [
                    "analyze", f, "--out", str(out), "--quiet", "--n-jobs", "2"],
                    size, meta, args.repeat, scratch))
            if i == 0 and not args.no_dask:
                shards = shard_files(path)
                rows.append(run_row("all stages, dask, --n-jobs 2", lambda out: framing + [
                    "analyze", shards, "--engine", "dask", "--n-jobs", "2", "--out", str(out),
                    "--quiet"], size, meta, args.repeat, scratch))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    load1 = os.getloadavg() if hasattr(os, "getloadavg") else None

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, cwd=ROOT).stdout.strip() or "?"
    except OSError:
        commit = "?"
    in_checkout = True
    try:
        import framing as _fr

        where = Path(_fr.__file__).resolve().parent
        in_checkout = ROOT in where.parents
        version = f"{_fr.__version__} from {where}"
    except Exception:  # pragma: no cover
        version = "?"
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "framing", "lexicons"],
                           capture_output=True, text=True, cwd=ROOT).stdout.strip()
    if not in_checkout:
        commit += " is the checkout's; framing was imported from elsewhere"
    elif dirty:
        commit += ", checkout has uncommitted changes to framing/ or lexicons/"
    tbl = table(rows)
    ver = verdicts(rows, sizes)
    env = (f"framing {version} (commit {commit}), Python {platform.python_version()}, "
           f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; started {started}, "
           f"{time.perf_counter() - t_start:.0f} s in all; load average (1, 5, 15 min) "
           f"before {' '.join(f'{x:.2f}' for x in load0) if load0 else '?'}, after "
           f"{' '.join(f'{x:.2f}' for x in load1) if load1 else '?'}; best of {args.repeat} "
           f"run(s) per row")
    notes = ("Wall-clock time of `framing analyze PATH --out DIR --quiet` as a subprocess "
             "(start-up, reading, analysis, every table, figures, evidence and report.html). "
             "MB = size of the JSON Lines file. Peak MB (largest process) = "
             "`getrusage(RUSAGE_CHILDREN).ru_maxrss` in a fresh helper process per run; "
             "peak MB (process tree) = the largest sum of PSS (proportional set size: pages "
             "shared after fork counted once in all) over the command and its workers, "
             "sampled every 0.1 s. Timings "
             "depend on the machine and on its load: on a shared machine treat them as "
             "noisy, ratios within one run less so.")
    md = "\n".join(["# framing analyze, end to end", "", env, "", tbl, "", *ver, "", notes, ""])
    print()
    print(tbl)
    print()
    print("\n".join(ver))
    print()
    print(env)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(md, encoding="utf-8")
    args.results.with_suffix(".json").write_text(json.dumps(
        {"environment": env, "sizes": sizes, "rows": rows}, indent=1), encoding="utf-8")
    print(f"written to {args.results} (and the rows to {args.results.with_suffix('.json').name})")
    failed = [r for r in rows if r["failed"]]
    if failed:
        print(f"{len(failed)} run(s) FAILED: " + ", ".join(f"{r['label']} at {r['size']:g} MB"
                                                          for r in failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
