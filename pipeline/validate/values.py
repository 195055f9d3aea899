"""Value helpers: nulls, dates and numbers normalised before GX sees them, and JSON for rejects.

Why: frames come from Python objects, pandas and DuckDB alike; a value GX cannot compare
(a string date, a float id) must be normalised or flagged, and a rejected row is kept as JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import numbers
from collections.abc import Mapping
from typing import Any

import pandas as pd

# --------------------------------------------------------------------------- value helpers


def _is_null(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_date(value: Any) -> dt.date | None:
    """A DATE column value as a date, or None when it is not a date."""
    if isinstance(value, dt.datetime):  # includes pandas.Timestamp
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            try:
                return dt.datetime.fromisoformat(text).date()
            except ValueError:
                return None
    if isinstance(value, numbers.Number):  # pandas would read 2024 as nanoseconds since 1970
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if _is_null(stamp) else stamp.date()


def _normalise_dates(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates as Python `date` objects (any year 1-9999; GX compares them with date bounds)."""
    values: list[dt.date | None] = []
    bad: list[bool] = []
    cache: dict[Any, dt.date | None] = {}
    for value in series.tolist():
        if _is_null(value):
            values.append(None)
            bad.append(False)
            continue
        try:
            parsed = cache[value]
        except KeyError:
            parsed = cache[value] = _as_date(value)
        except TypeError:  # unhashable
            parsed = _as_date(value)
        values.append(parsed)
        bad.append(parsed is None)
    return pd.Series(values, dtype=object), pd.Series(bad, dtype=bool)


def _normalise_numbers(series: pd.Series, integral: bool) -> tuple[pd.Series, pd.Series]:
    """Numbers as float64 (NaN for null) so GX compares them vectorised."""
    plain = series.reset_index(drop=True)
    if pd.api.types.is_bool_dtype(plain.dtype):
        numbers = pd.Series(float("nan"), index=plain.index)
    else:
        numbers = pd.to_numeric(plain, errors="coerce")
        if not pd.api.types.is_numeric_dtype(numbers.dtype) or pd.api.types.is_bool_dtype(numbers.dtype):
            numbers = pd.Series(float("nan"), index=plain.index)
        numbers = numbers.astype("float64")
    bad = plain.notna() & numbers.isna()
    if integral:
        bad |= numbers.notna() & ((numbers % 1) != 0)
    return numbers, bad.astype(bool)


def _blank_to_null(series: pd.Series) -> pd.Series:
    """Empty or whitespace-only ids count as missing."""
    values = [None if _is_null(v) or (isinstance(v, str) and not v.strip()) else v for v in series.tolist()]
    return pd.Series(values, dtype=object)


def _display(value: Any) -> str:
    """A value as a reason shows it: short, null spelled out, whole floats as ints."""
    if _is_null(value):
        return "null"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def _json_value(value: Any) -> Any:
    """A cell as JSON: dates ISO, NaN/NaT null, numpy scalars as Python."""
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        try:
            return _json_value(value.tolist())
        except (TypeError, ValueError):
            pass
    if _is_null(value):
        return None
    if isinstance(value, float) and math.isinf(value):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "item"):
        try:
            return _json_value(value.item())
        except (TypeError, ValueError):
            pass
    return str(value)


def _row_json(record: Mapping[str, Any]) -> str:
    return json.dumps({str(k): _json_value(v) for k, v in record.items()}, ensure_ascii=False)
