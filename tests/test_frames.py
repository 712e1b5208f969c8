"""The column-wise table builder gives exactly the frame pandas would infer."""
import math

import pandas as pd

from framing._frames import RowsFrame
from framing.agency import AGENCY_COLUMNS, _frame
from framing.stance import TONE_COLUMNS, _tone_frame

TONE_ROWS = [("a", 0, 0, 16, 0.2732, 0.0, 0.2732, math.nan),
             ("a", 1, 17, 40, -0.5, 0.25, math.nan, -0.4404),
             ("b", 0, 0, 5, 0.0, 0.0, 0.0, math.nan)]
AGENCY_ROWS = [("a", 0, "shell", "shelled", "active", "Zenda", "zenda", "villages", "", False,
                6, 13, "zenda", "", "stated"),
               ("b", 2, "kill", "killed", "passive_agentless", "", "", "two men", "", True, 1, 7,
                "", "", "")]


def _same(a, b):
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert list(a.dtypes) == list(b.dtypes)


def test_rows_frame_equals_pandas_inference():
    _same(_tone_frame(TONE_ROWS), pd.DataFrame(TONE_ROWS, columns=TONE_COLUMNS))
    _same(_frame(AGENCY_ROWS), pd.DataFrame(AGENCY_ROWS, columns=AGENCY_COLUMNS))


def test_rows_frame_empty_and_fallbacks():
    _same(_tone_frame([]), pd.DataFrame([], columns=TONE_COLUMNS))
    # integer doc ids: pandas infers, as before
    rows = [(7,) + r[1:] for r in TONE_ROWS]
    _same(_tone_frame(rows), pd.DataFrame(rows, columns=TONE_COLUMNS))
    # a non-string value in a text column, after the first row
    rows = AGENCY_ROWS + [("c", 0, "kill", "killed", "active", None, "", "", "", False, 0, 6,
                           "", "", "")]
    _same(_frame(rows), pd.DataFrame(rows, columns=AGENCY_COLUMNS))
    built = RowsFrame(["x", "n"], ints=("n",))([("u", 1), ("v", 2)])
    assert built["n"].dtype == "int64" and built["x"].tolist() == ["u", "v"]
