"""How many worker processes a run uses (pipeline.resolve_jobs, ``--n-jobs auto``), and
that a folder corpus is analysed in chunks like a file (same tables)."""
from __future__ import annotations

import json
import os

import pandas as pd
import pytest

import framing
from framing import pipeline
from framing.cli import main
from framing.pipeline import resolve_jobs, usable_cores


def test_usable_cores_is_the_affinity():
    assert usable_cores() == len(os.sched_getaffinity(0))


@pytest.mark.parametrize("total, chunksize, cores, expected", [
    (5, 1000, 8, 1),          # one chunk: this process
    (1000, 1000, 8, 1),
    (1001, 1000, 8, 2),
    (2500, 1000, 2, 2),       # more chunks than cores
    (None, 1000, 4, 4),       # unknown size: every core
    (0, 1000, 4, 1),
    (90, 10, 4, 4),
])
def test_auto_is_cores_capped_by_chunks(monkeypatch, total, chunksize, cores, expected):
    monkeypatch.setattr(pipeline, "usable_cores", lambda: cores)
    monkeypatch.setattr(pipeline, "_memory_slots", lambda: 1000)
    assert resolve_jobs("auto", total, chunksize) == expected


def test_explicit_numbers(monkeypatch):
    monkeypatch.setattr(pipeline, "usable_cores", lambda: 6)
    assert resolve_jobs(3, total=5) == 3          # asked for: kept, whatever the size
    assert resolve_jobs(-1, total=5) == 6
    for bad in (0, -2, 1.5, "two", True):
        with pytest.raises(pipeline.FramingError, match="n_jobs must be"):
            resolve_jobs(bad)


def _folder(tmp_path, n):
    d = tmp_path / "corpus"
    d.mkdir()
    rows = []
    for i in range(n):
        side = ("north", "south")[i % 2]
        (d / f"d{i:04d}.txt").write_text(
            f"Report {i}\n\nThe {side}ern ministry said on day {i} that talks would resume. "
            f"Officials in the {side} said the talks were useful.\n", encoding="utf-8")
        rows.append({"file": f"d{i:04d}.txt", "outlet": f"outlet{i % 3}",
                     "date": "2024-01-01"})
    pd.DataFrame(rows).to_csv(d / "metadata.csv", index=False)
    return d


def test_folder_corpus_is_chunked_and_tables_do_not_depend_on_jobs(tmp_path, monkeypatch):
    d = _folder(tmp_path, 1005)  # two chunks of the CLI's 1,000 documents
    seen = []
    real = pipeline.run_chunk

    def spy(i, chunk, *a, **k):
        seen.append(len(chunk))
        return real(i, chunk, *a, **k)

    monkeypatch.setattr(pipeline, "run_chunk", spy)
    assert main(["analyze", str(d), "--out", str(tmp_path / "one"), "--stages", "none",
                 "--n-jobs", "1", "--no-figures", "--quiet"]) == 0
    assert seen == [1000, 5]
    assert json.loads((tmp_path / "one" / "manifest.json").read_text())["n_jobs"] == 1
    assert main(["analyze", str(d), "--out", str(tmp_path / "two"), "--stages", "none",
                 "--no-figures", "--quiet"]) == 0
    jobs = json.loads((tmp_path / "two" / "manifest.json").read_text())["n_jobs"]
    assert jobs == min(2, usable_cores())
    for table in ("documents.csv", "hits.csv", "features.csv", "outlets.csv"):
        a = pd.read_csv(tmp_path / "one" / table)
        b = pd.read_csv(tmp_path / "two" / table)
        keys = [c for c in ("doc_id", "start", "feature", "outlet") if c in a.columns]
        pd.testing.assert_frame_equal(a.sort_values(keys).reset_index(drop=True),
                                      b.sort_values(keys).reset_index(drop=True))


def test_cli_default_is_auto_and_rejects_words(capsys):
    from framing.cli import build_parser

    args = build_parser().parse_args(["analyze"])
    assert args.n_jobs == "auto"
    assert build_parser().parse_args(["analyze", "--n-jobs", "AUTO"]).n_jobs == "auto"
    assert build_parser().parse_args(["analyze", "--n-jobs", "-1"]).n_jobs == -1
    with pytest.raises(SystemExit):
        build_parser().parse_args(["analyze", "--n-jobs", "many"])
    err = capsys.readouterr().err
    assert "--n-jobs" in err and "'auto'" in err and "'many'" in err


def test_auto_is_capped_by_available_memory(monkeypatch):
    monkeypatch.setattr(pipeline, "usable_cores", lambda: 64)
    monkeypatch.setattr(pipeline, "_memory_slots", lambda: 5)
    assert resolve_jobs("auto", total=100_000) == 5
    assert resolve_jobs(-1) == 64          # asked for every core: not capped
    monkeypatch.setattr(pipeline, "_memory_slots", lambda: 1)
    assert resolve_jobs("auto", total=100_000) == 1


def test_memory_slots_reads_the_system():
    avail = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    assert pipeline._memory_slots() == max(1, avail // pipeline.WORKER_MEMORY)


@pytest.mark.parametrize("total, jobs, expected", [
    (5, 4, 100), (450, 2, 225), (2000, 2, 1000), (1999, 2, 1000), (1500, 4, 375),
    (None, 4, 1000), (450, 1, 1000), (450, "auto", None),
])
def test_chunk_size_gives_every_worker_a_chunk(monkeypatch, total, jobs, expected):
    monkeypatch.setattr(pipeline, "usable_cores", lambda: 3)
    if expected is None:  # auto: the usable cores
        expected = 150
    assert pipeline.chunk_size(total, jobs) == expected


def test_cli_chunk_size_option(tmp_path, monkeypatch):
    d = _folder(tmp_path, 250)
    seen = []
    real = pipeline.run_chunk
    monkeypatch.setattr(pipeline, "run_chunk",
                        lambda i, chunk, *a, **k: seen.append(len(chunk)) or
                        real(i, chunk, *a, **k))
    assert main(["analyze", str(d), "--out", str(tmp_path / "o"), "--stages", "none",
                 "--n-jobs", "1", "--chunk-size", "100", "--no-figures", "--quiet"]) == 0
    assert seen == [100, 100, 50]
    from framing.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["analyze", "--chunk-size", "0"])


def test_no_worker_processes_possible_runs_here_with_a_warning(tmp_path, monkeypatch):
    """A system without shared memory for the queues (some containers) or with a process
    limit: the run goes on in this process, with a warning, and the same tables."""
    import multiprocessing as mp

    from framing import load_sample_corpus
    from framing.pipeline import analyze_to

    corpus = load_sample_corpus()
    analyze_to(corpus, tmp_path / "one", stages=(), figures=False, n_jobs=1, chunksize=2)

    class NoQueues:
        def __getattr__(self, name):
            return getattr(mp.get_context("fork"), name)

        def Queue(self, *a, **k):  # noqa: N802 - the multiprocessing name
            raise OSError(38, "Function not implemented")

    monkeypatch.setattr(mp, "get_context", lambda *a, **k: NoQueues())
    with pytest.warns(RuntimeWarning, match="could not start 2 worker processes"):
        analyze_to(corpus, tmp_path / "two", stages=(), figures=False, n_jobs=2, chunksize=2)
    for table in ("documents.csv", "hits.csv", "comparison.csv"):
        assert (tmp_path / "one" / table).read_bytes() == (tmp_path / "two" / table).read_bytes()


def test_blas_limited_to_one_thread_during_a_run_and_restored_after():
    """Small matrix products: several BLAS threads per process cost more than they gain
    and steal CPU from the other workers (framing._procs.one_blas_thread)."""
    threadpoolctl = pytest.importorskip("threadpoolctl")
    from framing._procs import one_blas_thread

    def blas_threads():
        return [i["num_threads"] for i in threadpoolctl.threadpool_info()
                if i["user_api"] == "blas"]

    before = blas_threads()
    if not before:
        pytest.skip("no BLAS library loaded")
    with one_blas_thread():
        assert blas_threads() == [1] * len(before)
    assert blas_threads() == before


def test_api_refuses_more_workers_than_the_machine_can_run():
    from framing.pipeline import max_jobs, resolve_jobs

    assert resolve_jobs(max_jobs()) == max_jobs()
    with pytest.raises(framing.FramingError, match="more than this machine can run"):
        resolve_jobs(max_jobs() + 1)
    corpus = pd.DataFrame({"doc_id": ["a"], "outlet": ["O"], "text": ["Troops shelled a town."]})
    with pytest.raises(framing.FramingError, match="more than this machine can run"):
        framing.analyze(corpus, n_jobs=10 ** 9)
