"""A simulated large run: hundreds of thousands of generated articles, streamed from
sharded JSON Lines through the Dask engine on a local cluster.

Generates (and caches) one corpus of ``--mb`` MB with ``benchmarks/e2e.py``'s
sample-based generator (about 3.5 KB per article: 1,000 MB is about 297,000
articles), splits it into ``--shards`` JSON Lines shards, and runs

    framing analyze 'shards/part-*.jsonl' --engine dask --n-jobs N --out DIR --quiet

as a subprocess, sampling the summed memory of the whole process tree (scheduler,
workers and the command; proportional set size, so pages shared after ``fork`` count
once) every 0.1 s. Prints and writes (``benchmarks/results/
dask_large.md``) the wall time, MB/s, documents/s and peak memory, and the memory
sampled at each tenth of the run, so that a flat profile can be seen.

Run:  python benchmarks/bench_dask_large.py [--mb 1000] [--shards 40] [--n-jobs 2]
      (slow: about half an hour on two cores; not part of the test suite)
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from e2e import DATA, _framing_cmd, _tree_rss_mb, corpus_file, shard_files  # noqa: E402


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--mb", type=float, default=1000, help="corpus size in MB (default 1000)")
    p.add_argument("--shards", type=int, default=40)
    p.add_argument("--n-jobs", type=int, default=2)
    p.add_argument("--partitions", type=int, default=None)
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--results", type=Path, default=HERE / "results" / "dask_large.md")
    args = p.parse_args(argv)

    path, meta = corpus_file(args.mb, 0, args.data)
    shards = shard_files(path, args.shards)
    out = args.data / "dask_large_out"
    shutil.rmtree(out, ignore_errors=True)
    cmd = _framing_cmd() + ["analyze", shards, "--engine", "dask", "--n-jobs", str(args.n_jobs),
                            "--out", str(out), "--quiet"]
    if args.partitions:
        cmd += ["--partitions", str(args.partitions)]
    print(f"{meta['docs']:,} documents, {meta['bytes'] / 1e6:.0f} MB in {args.shards} shards: "
          + " ".join(cmd), flush=True)
    samples: list[tuple[float, float]] = []
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def sample():
        while proc.poll() is None:
            m = _tree_rss_mb(proc.pid)
            if m is not None:
                samples.append((time.perf_counter() - t0, m))
            time.sleep(0.1)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - t0
    th.join()
    if proc.returncode:
        print(err[-3000:], file=sys.stderr)
        return 1
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    peak = max(m for _, m in samples) if samples else float("nan")
    tenths = []
    for k in range(1, 11):
        window = [m for t, m in samples if (k - 1) * seconds / 10 <= t < k * seconds / 10]
        tenths.append(max(window) if window else float("nan"))
    mbs = meta["bytes"] / 1e6 / seconds
    lines = [
        "# Simulated large run: the Dask engine on a local cluster",
        "",
        f"`{' '.join(cmd[1:])}` on {os.cpu_count()} CPUs, "
        f"{time.strftime('%Y-%m-%dT%H:%M:%S')}",
        "",
        "| documents | MB | shards | wall s | MB/s | docs/s | peak MB (process tree) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {manifest['n_docs']:,} | {meta['bytes'] / 1e6:.0f} | {args.shards} | {seconds:.0f} | "
        f"{mbs:.2f} | {manifest['n_docs'] / seconds:.0f} | {peak:.0f} |",
        "",
        "Peak memory of the process tree in each tenth of the run (MB): "
        + ", ".join(f"{m:.0f}" for m in tenths),
        "",
        f"At this rate 1,000,000 articles of the same size ({meta['bytes'] / meta['docs'] / 1e3:.1f}"
        f" KB each) would take about {1e6 / (manifest['n_docs'] / seconds) / 3600:.1f} h on "
        f"these {args.n_jobs} workers; throughput scales with workers (each runs the same "
        "per-partition function), so about that time divided by the cluster's workers.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(text, encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
