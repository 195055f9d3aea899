"""Data-quality gate: Great Expectations suites over the rows a run is about to write.

The suites live as JSON in `schemas/expectations/<table>.json`, one per warehouse table, so
analysts can read and review them without reading Python. Every expectation carries
`meta.severity`: a failing *critical* expectation quarantines exactly the failing rows into
`rejects` (the rest is written); a failing *warning* is only recorded. Children of a rejected
article (its time expressions and event mentions) are quarantined with it, because their
offsets and dates only mean something against that article.

Before the suites run, identical rows are collapsed to one (a row written twice loses
nothing), and rows repeating an actor_id with different values keep the first and quarantine
the rest: each article contributes its own copy of the actors it names.

Facts that live in another table (body length, publication date, known actor ids) are joined
onto each frame as `dq_*` helper columns before GX runs; `valid` never contains them.
Frames are validated as pandas DataFrames: GX cannot validate DuckDB through SQLAlchemy
(GX issue #10738). GX is imported lazily because importing it costs ~2.5 s.

Layout (a reader finds a behaviour by its module name): `records` (per-table columns and
check names, outcome and report records), `suites` (suite JSON, GX, its context), `values`
(normalising values, rows as JSON), `frames` (GX frames with `dq_*` helper columns),
`expectations` (one suite's run and its results), `gate` (`validate_tables`: duplicates,
actors, quarantine), `docs` (Data Docs, merged reports, summaries).
"""

from pipeline.validate.docs import build_data_docs, merge_reports, summarise
from pipeline.validate.gate import validate_tables
from pipeline.validate.records import (
    ACTOR_CONSISTENCY_CHECK,
    CHILD_TABLES,
    DATE_COLUMNS,
    DUPLICATE_CHECK,
    ID_COLUMNS,
    KEY_COLUMN,
    NUMBER_COLUMNS,
    PARENT_CHECK,
    SEVERITIES,
    SUITES_DIR,
    TABLES,
    ExpectationOutcome,
    ValidationReport,
)
from pipeline.validate.suites import load_suite_spec, suite_path

__all__ = [
    "ACTOR_CONSISTENCY_CHECK",
    "CHILD_TABLES",
    "DATE_COLUMNS",
    "DUPLICATE_CHECK",
    "ID_COLUMNS",
    "KEY_COLUMN",
    "NUMBER_COLUMNS",
    "PARENT_CHECK",
    "SEVERITIES",
    "SUITES_DIR",
    "TABLES",
    "ExpectationOutcome",
    "ValidationReport",
    "build_data_docs",
    "load_suite_spec",
    "merge_reports",
    "suite_path",
    "summarise",
    "validate_tables",
]
