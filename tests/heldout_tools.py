"""Shared checks of the held-out gold sets (tests/heldout, tests/heldout_b, tests/heldout_c)
and the challenge set: loading their scripts as modules, the hash pins that freeze a set,
and the mechanical checks of its validate.py."""
from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_module(name: str, path: Path):
    """The Python file ``path`` imported as module ``name`` (benchmarks and set scripts are
    not a package)."""
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def bench_module(name: str = "heldout_bench"):
    """benchmarks/heldout.py, the scorer of the held-out sets."""
    return load_module(name, ROOT / "benchmarks" / "heldout.py")


def assert_pinned(root: Path, name: str, pinned: dict) -> None:
    """The file ``root/name`` still has the sha256 it had when the set was frozen."""
    digest = hashlib.sha256((root / name).read_bytes()).hexdigest()
    assert digest == pinned[name], f"{name} was edited after the set was frozen"


def assert_valid(root: Path, n_agency: int, n_attribution: int) -> None:
    """The set's validate.py passes and counts the records expected."""
    out = subprocess.run([sys.executable, str(root / "validate.py")], capture_output=True,
                         text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip().endswith(
        f"{n_agency} agency records, {n_attribution} attribution records, 0 problem(s)")
