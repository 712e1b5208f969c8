"""Mechanical checks of this gold set (run: python tests/heldout_e/validate.py).

The checks of ``tests/heldout/validate.py`` (same formats and guideline vocabularies),
run on this folder. This set ships no lexicons: its metadata names the shipped study
(column ``study`` = ``caucasus``), so the sides are those of the shipped study's actors
lexicon (``lexicons/caucasus/actors.json``).
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("_heldout_validate",
                                               HERE.parent / "heldout" / "validate.py")
_checks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_checks)
_checks.HERE = HERE  # the checks read their folder from this module-level name


def _study_sides(conflict: str) -> set:
    """Sides of the shipped study named ``conflict`` (its actors lexicon), plus ''."""
    path = HERE.parents[1] / "lexicons" / conflict / "actors.json"
    return set(json.loads(path.read_text(encoding="utf-8"))["sides"]) | {""}


_checks._sides = _study_sides

if __name__ == "__main__":
    sys.exit(_checks.main())
