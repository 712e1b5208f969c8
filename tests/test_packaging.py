"""The wheel ships the lexicons and the sample corpus; the benchmark script runs."""
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_loads_lexicons(tmp_path):
    dist = tmp_path / "dist"
    r = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                        str(dist), str(ROOT)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    wheel = next(dist.glob("framing-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "framing/lexicon_data/caucasus/naming.csv" in names
    assert "framing/lexicon_data/caucasus/actors.json" in names
    assert "framing/lexicon_data/caucasus/study.json" in names
    assert "framing/lexicon_data/general/violence.csv" in names
    assert "framing/data/sample/metadata.csv" in names
    # trafilatura's justext imports lxml's HTML cleaner, a separate distribution since lxml
    # 5.2 that pip 23 did not always bring in: the wheel requires it by name
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    requires = [ln for ln in zipfile.ZipFile(wheel).read(meta).decode().splitlines()
                if ln.startswith("Requires-Dist:")]
    assert any("lxml_html_clean" in ln or "lxml-html-clean" in ln for ln in requires)
    assert any(ln.split()[1].startswith(("pyarrow", "scipy")) for ln in requires)
    assert not any(ln.split()[1].startswith(("dask", "distributed")) and "extra" not in ln
                   for ln in requires)  # the cluster engine stays optional
    # a clean venv outside the repository, reusing this environment's packages for the
    # dependencies (no network), with the wheel installed without its dependencies
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    py = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    site = [p for p in sys.path if p.endswith("site-packages")]
    pth = subprocess.run([str(py), "-c", "import site; print(site.getsitepackages()[0])"],
                         capture_output=True, text=True).stdout.strip()
    # dependencies from this environment, but not the editable framing checkout
    Path(pth, "deps.pth").write_text("\n".join(site) + "\n")
    r = subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    code = ("import framing, pathlib; assert 'site-packages' in framing.__file__, framing.__file__;"
            "L = framing.load_lexicon('naming'); c = framing.load_sample_corpus();"
            "assert framing.load_study('ukraine').contrast == ('russia', 'ukraine');"
            "print(len(L) > 100, len(c), sorted(framing.list_lexicons()['name'])[:3])")
    r = subprocess.run([str(py), "-c", code], capture_output=True, text=True, cwd=tmp_path,
                       env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.startswith("True 5")


def test_benchmark_script_runs_small():
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--mb", "0.3", "--repeat", "1",
                        "--entries", "1500", "--stage-mb", "0.2"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "foundation pass" in r.stdout and "ratio to baseline" in r.stdout
    assert "all distinct: True" in r.stdout


def test_checkout_named_framing_does_not_shadow_the_package(tmp_path):
    """Python started in the folder holding a checkout called ``framing`` imports the package.

    Before the src layout, that folder became a namespace package ``framing`` with the
    lexicon data folder as ``framing.lexicons``, and every attribute was missing.
    """
    (tmp_path / "framing").symlink_to(ROOT, target_is_directory=True)
    code = ("import framing; print(framing.__file__);"
            "print(len(framing.load_lexicon('naming')) > 100, len(framing.load_sample_corpus()))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                       env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert r.returncode == 0, r.stderr[-2000:]
    first, second = r.stdout.splitlines()
    assert first.endswith(os.path.join("framing", "__init__.py"))
    assert not first.startswith(str(tmp_path))
    assert second == "True 5"


def test_lexicon_data_link_points_at_the_top_level_folder():
    """``src/framing/lexicon_data`` is the top-level ``lexicons/`` folder, not a copy."""
    link = ROOT / "src" / "framing" / "lexicon_data"
    assert link.resolve() == (ROOT / "lexicons").resolve()
