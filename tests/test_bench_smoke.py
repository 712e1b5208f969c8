"""The end-to-end benchmark runs and reports every row (benchmarks/e2e.py)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_e2e_benchmark_smoke(tmp_path):
    results = tmp_path / "e2e.md"
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "e2e.py"), "--sizes", "0.3",
                        "--repeat", "1", "--no-dask", "--data", str(tmp_path / "data"),
                        "--results", str(results)],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    md = results.read_text(encoding="utf-8")
    rows = [line for line in md.splitlines() if line.startswith("| ") and "---" not in line]
    labels = [line.split("|")[1].strip() for line in rows[1:]]
    assert labels == ["baseline", "--stages none", "all stages, --n-jobs 1",
                      "all stages, --n-jobs 2"], md
    for line in rows[1:]:
        cells = [c.strip() for c in line.split("|")[1:-1]]
        assert float(cells[5]) > 0 and float(cells[8]) > 0, line  # MB/s, peak memory
    for target in ("≥ 3 MB/s", "≥ 8 MB/s", "≥ 1.8×", "memory ≤ 1024 MB"):
        assert target in md
    assert "| baseline |" in r.stdout  # the table is printed too
