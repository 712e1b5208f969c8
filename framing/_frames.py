"""Fast construction of typed tables from row tuples (private).

``pd.DataFrame(rows, columns=...)`` infers every column's type value by value; on
the per-document tables of the stages this costs about as much as the analysis of
a short document. :func:`rows_frame` builds the same frame (same dtypes, index and
columns) from typed column arrays, falling back to pandas' inference when the
fast path does not apply.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

_STR_DTYPE = pd.Series(["x"]).dtype  # what pandas infers for Python strings ("str")
_FAST = _STR_DTYPE != object and hasattr(pd.DataFrame, "_from_arrays")


class RowsFrame:
    """A builder of ``pd.DataFrame(rows, columns=columns)`` for one table layout.

    Parameters
    ----------
    columns : list of str
    ints, floats, bools : sequence of str
        Columns whose values are all ``int``, ``float`` (NaN allowed) or ``bool``;
        every other column holds ``str`` values.
    """

    def __init__(self, columns, *, ints=(), floats=(), bools=()):
        self.columns = list(columns)
        self.index = pd.Index(self.columns)
        pos = {c: i for i, c in enumerate(self.columns)}
        self.ints = tuple(pos[c] for c in ints)
        self.floats = tuple(pos[c] for c in floats)
        self.bools = tuple(pos[c] for c in bools)
        typed = set(self.ints) | set(self.floats) | set(self.bools)
        self.strs = tuple(i for i in range(len(self.columns)) if i not in typed)
        self.empty = pd.DataFrame([], columns=self.columns)

    def __call__(self, rows: list[tuple]) -> pd.DataFrame:
        n = len(rows)
        if not n:
            return self.empty.copy()
        cols = list(zip(*rows))
        if not _FAST or not all(type(v) is str for i in self.strs for v in cols[i]):
            # old pandas without a string dtype, or non-string values: let pandas infer
            return pd.DataFrame(rows, columns=self.columns)
        arrays: list = [None] * len(self.columns)
        # all text columns in one string array (one conversion), then sliced per column
        strings = pd.array([v for i in self.strs for v in cols[i]], dtype=_STR_DTYPE)
        for k, i in enumerate(self.strs):
            arrays[i] = strings[k * n:(k + 1) * n]
        for i in self.ints:
            arrays[i] = np.array(cols[i], dtype=np.int64)
        for i in self.floats:
            arrays[i] = np.array(cols[i], dtype=np.float64)
        for i in self.bools:
            arrays[i] = np.array(cols[i], dtype=bool)
        return pd.DataFrame._from_arrays(arrays, columns=self.index, index=pd.RangeIndex(n),
                                         verify_integrity=False)
