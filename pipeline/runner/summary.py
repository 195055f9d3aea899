"""What a run did: the counts the CLI prints and tests read, and the run's id.

Why a module of its own: the run loop fills the summary as batches go by, and the flows
turn it into a dict; both need it without the rest of the run.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.models import Reject
from pipeline.warehouse import RunCounts


@dataclass(kw_only=True)
class RunSummary(RunCounts):
    """What a run did, for the CLI summary and tests."""

    run_id: str
    warehouse_path: Path
    rejects: list[Reject] = field(default_factory=list)
    data_docs_path: Path | None = None
    export_dir: Path | None = None
    export_error: str | None = None  # the merge landed but the Parquet export failed (repaired next run)
    validation_failures: int = 0
    # unchanged articles whose extraction failed in an earlier run with this extractor (not
    # re-attempted; their rejects are in the warehouse)
    articles_still_failing: int = 0

    @property
    def nothing_new(self) -> bool:
        return not (self.articles_new or self.articles_changed or self.articles_gone or self.articles_reextracted)


def new_run_id() -> str:
    return dt.datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
