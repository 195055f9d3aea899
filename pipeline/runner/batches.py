"""The run loop over batches: scanned files become batches, batches become staged rows.

Why: extraction batches follow the scan (new, changed and vocabulary-affected articles, each
text once), while validation buffers several of them because GX has a fixed cost per call;
every reject and count lands in the staging file and the run summary as the batches go by.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from pipeline import warehouse
from pipeline.models import Article
from pipeline.runner.extract import FAILED, BatchRows, failure_rows
from pipeline.runner.plan import _unique, reextracted, scan
from pipeline.runner.pools import shutdown_pool
from pipeline.runner.progress import Ticker
from pipeline.runner.steps import Steps
from pipeline.runner.summary import RunSummary
from pipeline.settings import Settings
from pipeline.warehouse import KnownState, Staging


class RunLoop:
    """One run's scan → extract → validate → stage loop, with the state its steps share."""

    def __init__(
        self,
        settings: Settings,
        steps: Steps,
        run_id: str,
        known: KnownState,
        forced: dict[str, tuple[str, set[str]]],
        staging: Staging,
        summary: RunSummary,
        now: dt.datetime,
    ) -> None:
        self.settings, self.steps, self.run_id = settings, steps, run_id
        self.known, self.forced, self.staging, self.summary = known, forced, staging, summary
        self.seen: list[str] = []
        self.actor_ids = set(known.actor_ids)
        self.now = now  # the time stamped on this run's rejects and failures
        self.path_buffer: list[dict[str, Any]] = []
        self.reports: list[Any] = []

    def extract_and_validate(self, on_progress: Callable[[int, int | None], None] | None) -> None:
        """Extract every batch, validating several at once, and stage what passes."""
        done = 0
        buffered: BatchRows = {}
        # GX has a fixed cost per call: validate several extraction batches at once.
        with Ticker(on_progress) as ticker:  # the bar moves as each article finishes, in any process
            for rows in self.steps.extract_many(self.batches(), self.settings, self.run_id):
                done += self.stage_failures(rows.pop(FAILED, []))
                for table, table_rows in rows.items():
                    buffered.setdefault(table, []).extend(table_rows)
                done += len(rows.get("articles", []))
                if len(buffered.get("articles", [])) >= self.settings.validate_batch_size:
                    self.gate(buffered)
                    buffered = {}
                ticker.confirm(done)
        shutdown_pool()  # extraction is over: the workers' memory is not needed for the merge
        if buffered.get("articles"):
            self.gate(buffered)

    def batches(self) -> Iterator[list[Article]]:
        """Batches of articles to extract, in scan order; rejects and paths are staged on the way."""
        summary, staging = self.summary, self.staging
        pending: list[Article] = []
        for outcome, path_rows, seen_paths in scan(self.settings, self.known, self.run_id):
            self.seen.extend(seen_paths)
            summary.files_seen += 1
            if outcome.status == "rejected":
                if outcome.reject is not None:
                    summary.rejects.append(outcome.reject)
                    staging.append_rows("rejects", [warehouse.reject_row(outcome.reject, self.run_id, self.now)])
                summary.articles_rejected += 1
                continue
            self.path_buffer.extend(path_rows)
            if len(self.path_buffer) >= 5000:  # unchanged files add rows too: append them in bulk
                staging.append_rows("article_paths", self.path_buffer)
                self.path_buffer.clear()
            again = reextracted(outcome, self.forced)
            if again is not None:  # an unchanged file the vocabularies' edit affects
                summary.articles_reextracted += len(again)
                summary.articles_unchanged += 0 if again else 1
                pending.extend(_unique(again, pending))
                if len(pending) >= self.settings.batch_size:
                    yield pending
                    pending = []
                continue
            if outcome.status == "unchanged":
                summary.articles_unchanged += 1
                summary.articles_still_failing += sum(r["article_id"] in self.known.failed for r in path_rows)
                continue
            if outcome.status == "new":
                summary.articles_new += len(outcome.articles)
            else:
                summary.articles_changed += len(outcome.articles)
            pending.extend(_unique(outcome.articles, pending))
            if len(pending) >= self.settings.batch_size:
                yield pending
                pending = []
        if pending:
            yield pending
        staging.append_rows("article_paths", self.path_buffer)
        self.path_buffer.clear()

    def stage_failures(self, failures: list[dict[str, Any]]) -> int:
        """Stage the rejects of articles whose extraction failed, and remember them."""
        rejects, memory = failure_rows(failures, self.run_id, self.now)
        self.staging.append_rows("rejects", [warehouse.reject_row(r, self.run_id, self.now) for r in rejects])
        self.staging.append_rows("extraction_failures", memory)
        self.summary.rejects.extend(rejects)
        self.summary.articles_rejected += len(rejects)
        return len(rejects)

    def gate(self, rows: BatchRows) -> None:
        """Validate buffered rows and stage what passes."""
        summary, staging = self.summary, self.staging
        checked = self.steps.validate(rows, self.settings, self.actor_ids, self.run_id)
        self.actor_ids |= {r["actor_id"] for r in checked.valid.get("actors", [])}
        for table, table_rows in checked.valid.items():
            staging.append_rows(table, table_rows)
        staging.append_rows("rejects", [warehouse.reject_row(r, self.run_id, self.now) for r in checked.rejects])
        staging.append_rows("validations", checked.outcomes)
        self.reports.append(checked.report)
        summary.rejects.extend(checked.rejects)
        summary.rows_rejected += len(checked.rejects)
        summary.validation_failures += sum(1 for o in checked.outcomes if not o["success"] and o["severity"] == "critical")
        summary.events_extracted += len(checked.valid.get("event_mentions", []))
