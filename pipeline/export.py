"""`dateline export`: the events as a file analysts can set beside POLECAT's, or load anywhere.

Three formats of one query (`schemas/sql/export_events.sql`): `polecat` writes POLECAT's
tab-separated columns in POLECAT's order (types and sectors in PLOVER's names,
`schemas/plover.yaml`), then Dateline's own columns; `csv` and `parquet` write Dateline's
columns under their warehouse names. Columns POLECAT fills from resources Dateline does not
have (COW codes, geocoding, intensity, contexts) are left empty rather than guessed; the event
mode is written where a cue word gives it (`pipeline/plover_modes.py`). The file is written
beside its target and renamed into place: a reader never sees half an export.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
from duckdb.func import FunctionNullHandling
from duckdb.sqltypes import BIGINT, VARCHAR

from pipeline import EXTRACTOR_VERSION, plover_modes, warehouse
from pipeline.plover_modes import plover
from pipeline.util import temp_table

FORMATS = ("polecat", "csv", "parquet")
SUFFIX = {"polecat": ".tsv", "csv": ".csv", "parquet": ".parquet"}

# POLECAT's columns, in its order, from the export query's columns ('' : left empty)
POLECAT_COLUMNS: list[tuple[str, str]] = [
    ("Event ID", "event_id"), ("Event Date", "event_date"), ("Event Type", "plover_type"), ("Event Mode", "plover_mode"),
    ("Intensity", ""), ("Quad Code", "quad"), ("Contexts", ""),
    ("Actor Name", "source_name"), ("Actor Country", "source_country"), ("Actor COW", ""),
    ("Primary Actor Sector", "source_sector"), ("Actor Sectors", "source_sector"), ("Actor Title", ""),
    ("Actor Name Raw", "source_text"), ("Wikipedia Actor ID", "source_qid"),
    ("Recipient Name", "target_name"), ("Recipient Country", "target_country"), ("Recipient COW", ""),
    ("Primary Recipient Sector", "target_sector"), ("Recipient Sectors", "target_sector"), ("Recipient Title", ""),
    ("Recipient Name Raw", "target_text"), ("Wikipedia Recipient ID", "target_qid"),
    ("Placename", "location"), ("City", ""), ("District", ""), ("Province", ""), ("Country", ""),
    ("Latitude", ""), ("Longitude", ""), ("GeoNames ID", ""), ("Raw Placename", "location"), ("Feature Type", ""),
    ("Source", "outlet"), ("Publication Date", "published"), ("Story People", ""), ("Story Organizations", ""),
    ("Story Locations", ""), ("Language", "'en'"), ("Version", f"'dateline-{EXTRACTOR_VERSION}'"),
    # Dateline's own, after POLECAT's
    ("Dateline Event Type", "event_type"), ("Factuality", "factuality"), ("Date Precision", "date_precision"),
    ("Date Basis", "date_basis"), ("Summary", "summary"), ("Sentence", "sentence_text"), ("URL", "url"),
    ("Mentions", "mention_count"), ("Articles", "article_count"),
]


def _register_plover(con: duckdb.DuckDBPyConnection) -> None:
    data = plover()
    types = pd.DataFrame(
        [(k, v["plover"], v.get("quad") or None) for k, v in (data.get("event_types") or {}).items()],
        columns=["event_type", "plover", "quad"],
    )
    sectors = pd.DataFrame(list((data.get("sectors") or {}).items()), columns=["role", "sector"])
    for name, frame in (("plover_types", types), ("plover_sectors", sectors)):
        temp_table(con, name, frame)
    con.create_function("plover_mode", plover_modes.event_mode, [VARCHAR, VARCHAR, VARCHAR, BIGINT], VARCHAR,
                        null_handling=FunctionNullHandling.SPECIAL, side_effects=False)


def _select(fmt: str) -> str:
    base = warehouse.sql("export_events").strip().rstrip(";")
    if fmt != "polecat":
        return base
    cols = ", ".join(f"{expr if expr else 'NULL'} AS \"{name}\"" for name, expr in POLECAT_COLUMNS)
    return f"SELECT {cols} FROM ({base})"


def export_events(warehouse_path: Path, fmt: str, output: Path, *, timeout_s: float = 120.0) -> int:
    """Write the coded events of the warehouse to `output` in `fmt`; returns the row count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.tmp-{os.getpid()}")
    options = {"polecat": "FORMAT csv, DELIMITER '\t', HEADER", "csv": "FORMAT csv, HEADER",
               "parquet": "FORMAT parquet"}[fmt]
    con = warehouse.connect(warehouse_path, read_only=True, timeout_s=timeout_s)
    try:
        _register_plover(con)
        query = _select(fmt)
        n = int(warehouse.scalar(con, f"SELECT count(*) FROM ({query})") or 0)
        con.execute(f"COPY ({query}) TO '{str(tmp).replace(chr(39), chr(39) * 2)}' ({options})")
        tmp.replace(output)
    finally:
        con.close()
        tmp.unlink(missing_ok=True)
    return n


def default_output(fmt: str) -> Path:
    return Path(f"dateline-events{SUFFIX[fmt]}")
