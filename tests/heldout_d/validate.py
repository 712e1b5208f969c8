"""Mechanical checks of this gold set (run: python tests/heldout_d/validate.py).

The checks of ``tests/heldout/validate.py`` (same formats and guideline vocabularies),
run on this folder.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("_heldout_validate",
                                               HERE.parent / "heldout" / "validate.py")
_checks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_checks)
_checks.HERE = HERE  # the checks read their folder from this module-level name

if __name__ == "__main__":
    sys.exit(_checks.main())
