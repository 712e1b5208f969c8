"""The numbered notebooks run offline from a clean copy and write their figures.

Each notebook is copied with the files it reads (``tests/gold``) into a temporary
tree that mirrors the repository (``notebooks/``, ``figures/``, ``tests/gold``),
executed with nbclient on the ``python3`` kernel with ``notebooks/`` as working
directory, and must finish without an error and write the figures listed here.
"""
import shutil
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parents[1]

EXPECTED_FIGURES = {
    "01_caucasus_outlets.ipynb": [
        "01_naming_preferences_by_outlet.png", "01_loaded_terms_by_voice.png",
        "01_source_balance.png", "01_verb_class_by_side.png", "01_verb_class_by_side_and_outlet.png",
        "01_agency_by_side.png",
        "01_tone_toward_sides.png", "01_keyness_trt_world.png", "01_keyness_wsws.png",
        "01_keyness_jerusalem_post.png", "01_outlet_feature_heatmap.png"],
    "02_your_own_lexicon.ipynb": ["02_ru_ua_usage_by_outlet.png",
                                  "02_ru_ua_keyness_state_wire.png",
                                  "02_ru_ua_naming_intervals.png"],
    "03_validation.ipynb": ["03_extractor_precision_recall.png"],
}


def test_every_notebook_is_listed():
    assert sorted(p.name for p in (ROOT / "notebooks").glob("[0-9]*.ipynb")) == \
        sorted(EXPECTED_FIGURES)


@pytest.mark.parametrize("name", sorted(EXPECTED_FIGURES))
def test_notebook_runs_and_writes_figures(name, tmp_path):
    from framing._notebooks import execute_notebook

    (tmp_path / "notebooks").mkdir()
    (tmp_path / "figures").mkdir()
    shutil.copy(ROOT / "notebooks" / name, tmp_path / "notebooks" / name)
    shutil.copytree(ROOT / "tests" / "gold", tmp_path / "tests" / "gold")
    t0 = time.perf_counter()
    nb = execute_notebook(tmp_path / "notebooks" / name, timeout=120)
    elapsed = time.perf_counter() - t0
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors, errors[0].get("evalue") if errors else ""
    written = sorted(p.name for p in (tmp_path / "figures").glob("*.png"))
    for fig in EXPECTED_FIGURES[name]:
        assert fig in written, f"{name} did not write figures/{fig}; it wrote {written}"
        assert (tmp_path / "figures" / fig).stat().st_size > 5000
    assert elapsed < 60, f"{name} took {elapsed:.0f} s (budget 60 s)"


def test_notebooks_are_thin():
    """Narratives over library calls: no long function definitions in cells."""
    for name in EXPECTED_FIGURES:
        nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert "def " not in cell.source, f"{name}: a function is defined in a cell"
                assert len(cell.source.splitlines()) <= 30, f"{name}: a cell is too long"
