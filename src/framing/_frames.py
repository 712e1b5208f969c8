"""Fast construction of typed tables from row tuples (private).

``pd.DataFrame(rows, columns=...)`` infers every column's type value by value; on
the per-document tables of the stages this costs about as much as the analysis of
a short document. :class:`RowsFrame` builds the same frame (same dtypes, index and
columns) from typed column arrays, falling back to pandas' inference when the
fast path does not apply.
"""
from __future__ import annotations

from operator import itemgetter

import numpy as np
import pandas as pd

_STR_DTYPE = pd.Series(["x"]).dtype  # what pandas infers for Python strings ("str")


def _arrow_strings() -> bool:
    """Whether pandas infers its pyarrow-backed ``str`` dtype for Python strings."""
    if getattr(_STR_DTYPE, "storage", None) != "pyarrow":
        return False
    try:
        import pyarrow  # noqa: F401
    except ImportError:  # pragma: no cover - pandas' pyarrow strings need pyarrow
        return False
    return True


_ARROW = _arrow_strings()


class RowsFrame:
    """A builder of ``pd.DataFrame(rows, columns=columns)`` for one table layout.

    Parameters
    ----------
    columns : list of str
    ints, floats, bools : sequence of str
        Columns whose values are all ``int``, ``float`` (NaN allowed) or ``bool``;
        every other column holds ``str`` values.

    Notes
    -----
    Columns are gathered one at a time with ``itemgetter`` rather than by
    ``zip(*rows)``, which allocates one iterator per row and so sets off the
    garbage collector over the whole heap on large tables. Each text column is
    converted by pyarrow in one call, whose inferred type doubles as the check
    that every value is a ``str`` (no None); otherwise pandas infers the frame.
    """

    def __init__(self, columns, *, ints=(), floats=(), bools=()):
        self.columns = list(columns)
        pos = {c: i for i, c in enumerate(self.columns)}
        self.ints = tuple(pos[c] for c in ints)
        self.floats = tuple(pos[c] for c in floats)
        self.bools = tuple(pos[c] for c in bools)
        typed = set(self.ints) | set(self.floats) | set(self.bools)
        self.strs = tuple(i for i in range(len(self.columns)) if i not in typed)
        self.empty = pd.DataFrame([], columns=self.columns)

    def __call__(self, rows: list[tuple]) -> pd.DataFrame:
        return self.build(rows)[0]

    def build(self, rows: list[tuple]) -> tuple[pd.DataFrame, dict | None]:
        """The frame, and its text columns as lists ``{column: values}`` (None when
        pandas inferred the frame: no rows, no pyarrow strings, or non-``str``
        values in a text column)."""
        if not rows:
            return self.empty.copy(), None
        if not _ARROW:
            return pd.DataFrame(rows, columns=self.columns), None
        import pyarrow as pa

        n = len(rows)
        arrays: list = [None] * len(self.columns)
        texts = {}
        for i in self.strs:
            values = list(map(itemgetter(i), rows))
            arr = pa.array(values)  # type "string" only when all values are str
            if arr.type != pa.string() or arr.null_count:
                return pd.DataFrame(rows, columns=self.columns), None
            arrays[i] = pd.array(arr, dtype=_STR_DTYPE)
            texts[self.columns[i]] = values
        for idx, dtype in ((self.ints, np.int64), (self.floats, np.float64),
                           (self.bools, bool)):
            for i in idx:
                arrays[i] = np.fromiter(map(itemgetter(i), rows), dtype, n)
        return pd.DataFrame(dict(zip(self.columns, arrays)), copy=False), texts
