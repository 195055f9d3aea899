"""What the gate checks per table (ids, keys, dates, numbers, check names) and what it reports.

Why a module of its own: every other validate module reads these tables of columns or
builds `ExpectationOutcome`/`ValidationReport`; the runner and the warehouse keep the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.models import Reject

SUITES_DIR = Path(__file__).resolve().parents[2] / "schemas" / "expectations"

# Validation order matters: articles first (children need their bodies and rejections),
# actors before event_mentions (mentions may only point at actors that pass).
TABLES: tuple[str, ...] = ("articles", "actors", "time_expressions", "event_mentions")
SEVERITIES = ("critical", "warning")
CHILD_TABLES = ("time_expressions", "event_mentions")

ID_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",),
    "actors": ("actor_id",),
    "time_expressions": ("timex_id", "article_id"),
    "event_mentions": ("mention_id", "article_id", "source_actor_id", "target_actor_id"),
}
KEY_COLUMN = {
    "articles": "article_id",
    "actors": "actor_id",
    "time_expressions": "timex_id",
    "event_mentions": "mention_id",
}
DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("published_at",),
    "actors": (),
    "time_expressions": ("range_start", "range_end"),
    "event_mentions": ("date_start", "date_end"),
}
# (column, must be a whole number)
NUMBER_COLUMNS: dict[str, tuple[tuple[str, bool], ...]] = {
    "articles": (("word_count", True),),
    "actors": (),
    "time_expressions": (("start_char", True), ("end_char", True)),
    "event_mentions": (
        ("sentence_start", True),
        ("trigger_start", True),
        ("trigger_end", True),
        ("source_start", True),
        ("source_end", True),
        ("target_start", True),
        ("target_end", True),
        ("confidence", False),
    ),
}

DUPLICATE_CHECK = "no_exact_duplicate_rows"
PARENT_CHECK = "parent_article_not_rejected"
ACTOR_CONSISTENCY_CHECK = "actor_id_consistent_in_batch"
# Expectation families that judge row by row, so a failure names the rows to quarantine.
_ROW_LEVEL = (
    "expect_column_values_",
    "expect_column_pair_values_",
    "expect_multicolumn_values_",
    "expect_compound_columns_",
    "expect_select_column_values_",
)
_DOCS_SITE = "dateline"
_PARTIAL = 20  # unexpected values kept per expectation in details and Data Docs


@dataclass
class ExpectationOutcome:
    """One expectation's result on one table; becomes a row of the `validations` table."""

    table_name: str
    expectation: str
    severity: str  # 'critical' | 'warning'
    success: bool
    unexpected_count: int | None
    element_count: int | None
    details: dict[str, Any]


@dataclass
class ValidationReport:
    """What the gate decided: rows to write, rows quarantined, and every expectation's result."""

    valid: dict[str, pd.DataFrame]  # the input frames minus quarantined (and identical repeated) rows
    rejects: list[Reject]
    outcomes: list[ExpectationOutcome]
    # GX ExpectationSuiteValidationResult per table (trimmed), kept for build_data_docs.
    gx_results: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def failed_critical(self) -> int:
        """Critical expectations that failed (their rows are in `rejects`)."""
        return sum(1 for o in self.outcomes if o.severity == "critical" and not o.success)

    @property
    def failed_warning(self) -> int:
        """Warning expectations that failed (recorded only)."""
        return sum(1 for o in self.outcomes if o.severity == "warning" and not o.success)

    def rejected_rows(self, table_name: str) -> int:
        """Quarantined rows of one table."""
        return sum(1 for r in self.rejects if r.table_name == table_name)
