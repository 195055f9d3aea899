"""Readable event summaries ("Volodymyr Zelenskyy met Sviatlana Tsikhanouskaya in Vilnius").

The sentences are data (`schemas/event_summaries.yaml`: one template per event type, with
examples); SQL renders them for every event a merge writes (`event_summaries.sql`), so a
million events cost one set-based pass, not a Python loop.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import duckdb
import pandas as pd

from pipeline.settings import SCHEMAS_DIR
from pipeline.util import temp_table
from pipeline.yaml_files import read_yaml

SUMMARIES_FILE = SCHEMAS_DIR / "event_summaries.yaml"


@lru_cache(maxsize=1)
def load() -> dict[str, Any]:
    data = read_yaml(SUMMARIES_FILE) or {}
    return dict(data)


def register(con: duckdb.DuckDBPyConnection) -> None:
    """The templates as temp tables `summary_templates` and `summary_settings`."""
    data = load()
    templates = pd.DataFrame(sorted((data.get("templates") or {}).items()), columns=["event_type", "template"])
    settings = [("default", str(data.get("default", "{type}: {source}[ and {target}]"))),
                ("unknown_source", str(data.get("unknown_source", "Unidentified actor")))]
    settings += [(f"factuality:{k}", str(v)) for k, v in (data.get("factuality_suffix") or {}).items()]
    for name, frame in (("summary_templates", templates), ("summary_settings", pd.DataFrame(settings, columns=["name", "value"]))):
        temp_table(con, name, frame)


def describe(con: duckdb.DuckDBPyConnection) -> None:
    """`dedup_events_described`: dedup_events with `summary` and `trigger_text`."""
    register(con)
    con.execute((SCHEMAS_DIR / "sql" / "event_summaries.sql").read_text(encoding="utf-8"))
