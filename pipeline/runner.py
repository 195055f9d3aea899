"""One pipeline run as plain Python: scan → extract → validate → stage → merge → export.

Prefect is not needed here: `flows/` passes task-wrapped versions of the steps through
`Steps` (and a Dask-backed `extract_many` for scale-out), so the loop below is the one place
where the order of the stages is written down.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import functools
import multiprocessing
import re
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import EXTRACTOR_VERSION, __version__, curation, ingest, runlock, warehouse
from pipeline.models import Article, Reject
from pipeline.settings import Settings
from pipeline.util import mark_extraction_worker, pause_point
from pipeline.warehouse import KnownState, RunCounts, RunRecord, Staging, WarehouseError

if TYPE_CHECKING:
    import duckdb

BatchRows = dict[str, list[dict[str, Any]]]


@dataclass
class ScanResult:
    """What the corpus scan found, with articles grouped for extraction."""

    articles: list[Article] = field(default_factory=list)
    path_rows: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    seen_paths: list[str] = field(default_factory=list)
    new: int = 0
    changed: int = 0
    unchanged: int = 0


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


# ---------------------------------------------------------------------------------------
# Steps (plain functions; flows wrap them as tasks)
# ---------------------------------------------------------------------------------------


def known_state(settings: Settings) -> KnownState:
    """Read what the warehouse already holds (read-only, waits for a writer to finish)."""
    return warehouse.read_known(settings.warehouse_path, timeout_s=settings.lock_timeout_s)


_MEMBER = re.compile(r"#\d+$")  # `file.jsonl#3`: one article of a multi-article file


def _file_of(source_path: str) -> str:
    return _MEMBER.sub("", source_path)


def scan(settings: Settings, known: KnownState, run_id: str) -> Iterator[tuple[ingest.FileOutcome, list[dict[str, Any]], list[str]]]:
    """Walk the corpus; yield each file outcome with its `article_paths` rows and seen paths.

    A multi-article file (JSON list, JSONL) has one path row per article (`file.jsonl#3`);
    the file's state is shared by them.
    """
    members: dict[str, list[str]] = {}
    for p in known.files:
        members.setdefault(_file_of(p), []).append(p)
    states = {}
    for file_path, paths in members.items():
        size, mtime, sha, _aid = known.files[paths[0]]
        states[file_path] = ingest.FileState(file_path, size, mtime, sha)
    now = dt.datetime.now()
    scanned = ingest.scan_corpus(
        settings.corpus_dir, states, max_file_bytes=settings.max_file_bytes, exclude=own_outputs(settings)
    )
    for outcome in scanned:
        st = outcome.state
        if st is None or outcome.status == "rejected":
            yield outcome, [], ([st.source_path, *members.get(st.source_path, [])] if st else [])
            continue
        base = {"size": st.size, "mtime_ns": st.mtime_ns, "file_sha256": st.file_sha256,
                "first_seen": now, "last_seen": now, "gone_at": None, "run_id": run_id}
        if outcome.status == "unchanged":
            paths = members.get(st.source_path, [st.source_path])
            rows = [base | {"source_path": p, "article_id": known.files[p][3]} for p in paths if p in known.files]
        else:
            rows = [base | {"source_path": a.source_path, "article_id": a.article_id} for a in outcome.articles]
        yield outcome, rows, [st.source_path, *(str(r["source_path"]) for r in rows)]


def extract_batch(articles: list[Article], settings: Settings, run_id: str) -> BatchRows:
    """Parse and extract a batch of articles into warehouse rows.

    Each article is on its own: one that fails at some stage is left out of the rows and
    described under `FAILED` (a dict per article, turned into `rejects` and
    `extraction_failures` rows by `run_pipeline`), and the others go on. Plain dicts, so the
    result pickles from worker processes and Dask workers and caches in Prefect as it is."""
    from pipeline import actors, text
    from pipeline.extract import StageFailed, stage

    extractor = _extractor(settings)
    nlp = text.load_nlp(settings.spacy_model, settings.actors_file)
    actors.install(nlp, extractor.actor_vocabulary)  # the curated vocabulary (no-op when installed)
    now = dt.datetime.now()
    rows: BatchRows = {FAILED: []}
    for article, doc in text.parse(nlp, articles, batch_size=settings.nlp_batch_size,
                                   max_chars=settings.max_article_chars, prepare=extractor.prepare):
        try:
            if isinstance(doc, StageFailed):
                raise doc
            ex = extractor.extract(doc, article)
            with stage("rows", doc):
                article_rows = warehouse.extraction_rows(ex, run_id, now)
                for row in article_rows["articles"]:
                    row["vocabulary_hash"] = extractor.vocabulary_hash
        except StageFailed as failed:
            rows[FAILED].append(_failure(article, failed))
            continue
        for table, table_rows in article_rows.items():
            rows.setdefault(table, []).extend(table_rows)
    return rows


# BatchRows key of the articles whose extraction failed (not a warehouse table)
FAILED = "failed_articles"


def _failure(article: Article, failed: Any) -> dict[str, Any]:
    """What a failed article's reject says: stage, file, exception type and message, sentence."""
    return {
        "article_id": article.article_id,
        "source_path": article.source_path,
        "stage": failed.stage,
        "error_type": failed.error_type,
        "reason": f"extraction failed at {failed.stage}: {failed.error_type}: {failed.message}"[:2000],
        "sentence": failed.sentence[:2000] if failed.sentence else None,
    }


def failure_rows(failures: list[dict[str, Any]], run_id: str, now: dt.datetime) -> tuple[list[Reject], list[dict[str, Any]]]:
    """The `rejects` and `extraction_failures` rows of failed articles, stamped with this run."""
    rejects = [
        Reject(stage=f["stage"], source_path=f["source_path"], reason=f["reason"], article_id=f["article_id"],
               error_type=f["error_type"], sentence=f["sentence"])
        for f in failures
    ]
    memory = [f | {"extractor_version": EXTRACTOR_VERSION, "run_id": run_id, "failed_at": now} for f in failures]
    return rejects, memory


_EXTRACTORS: dict[tuple[str, str, str], tuple[tuple[Any, ...], Any]] = {}


def _stamp(paths: Iterable[Path | None]) -> tuple[Any, ...]:
    """Size and mtime of each vocabulary file: an edit between runs of one process reloads."""
    out: list[Any] = []
    for p in paths:
        try:
            st = Path(p).stat() if p is not None else None
            out.append((str(p), st.st_size, st.st_mtime_ns) if st else None)
        except OSError:
            out.append((str(p), None))
    return tuple(out)


def _extractor(settings: Settings) -> Any:
    """The extractor of these settings' vocabularies, loaded again when one of its files (the
    actor dictionary, the curation file it names, the event types) was edited."""
    from pipeline.extract import Extractor

    key = (str(settings.actors_file), str(settings.event_types_file), str(settings.curation_file))
    cached = _EXTRACTORS.get(key)
    if cached is not None and cached[0] == _stamp(_vocabulary_files(cached[1], key)):
        return cached[1]
    extractor = Extractor.from_files(settings.actors_file, settings.event_types_file, settings.curation_file)
    _EXTRACTORS[key] = (_stamp(_vocabulary_files(extractor, key)), extractor)
    return extractor


def _vocabulary_files(extractor: Any, key: tuple[str, str, str]) -> list[Path | None]:
    """The files an extractor's vocabularies come from, and the curation file in force even
    before it exists (creating it is an edit too)."""
    vocabulary = extractor.actor_vocabulary
    return [*vocabulary.files, vocabulary.curation_path, *(Path(k) for k in key)]


def extract_serial(batches: Iterable[list[Article]], settings: Settings, run_id: str) -> Iterator[BatchRows]:
    """Batches one after the other in this process (n_process = 1)."""
    for batch in batches:
        yield extract_batch(batch, settings, run_id)


# Extraction worker processes of the current run. They are shut down when the run ends: idle
# non-daemon workers would keep a Prefect flow-run subprocess alive. The lock: flow task threads
# may ask for the pool at the same moment.
_POOL: ProcessPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def _new_pool(workers: int) -> ProcessPoolExecutor:
    # spawn, not fork: the parent may hold threads (Prefect, DuckDB) that fork would copy half-way
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=mark_extraction_worker
    )


def extraction_pool(settings: Settings) -> ProcessPoolExecutor:
    """`n_process - 1` spawned workers that each load the model once and parse + extract whole
    batches; this process extracts every n-th batch itself and validates and stages between
    them, so all cores run spaCy *and* our rules without one more model in memory. (spaCy's
    own n_process would ship every Doc back here and leave the rules on one core.)"""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = _new_pool(max(settings.n_process - 1, 1))
        return _POOL


def shutdown_pool() -> None:
    global _POOL
    with _POOL_LOCK:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown_pool)


def _drop_pool(pool: ProcessPoolExecutor) -> None:
    """Forget a pool that a dead worker broke (it takes no more work): the next batch gets a fresh one."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is pool:
            _POOL = None
    pool.shutdown(wait=False, cancel_futures=True)


class PoolBatch:
    """A batch on an extraction worker process whose rows survive the death of a worker.

    A worker killed outright (a crash in native code, the OOM killer, SIGKILL) raises no
    exception an article's stage could catch: the pool breaks and every batch in it fails with
    BrokenProcessPool. Such a batch is extracted again (`extract_isolated`), the article that
    kills its worker becomes a reject, and the run goes on. `result()` and `cancel()`, like the
    future it wraps, for `pipelined` and the Prefect task."""

    def __init__(self, articles: list[Article], settings: Settings, run_id: str) -> None:
        self.articles, self.settings, self.run_id = articles, settings, run_id
        self.pool = extraction_pool(settings)
        try:
            self.future = self.pool.submit(extract_batch, articles, settings, run_id)
        except (BrokenProcessPool, RuntimeError):  # broken by an earlier batch, or just shut down for that
            _drop_pool(self.pool)
            self.pool = extraction_pool(settings)
            self.future = self.pool.submit(extract_batch, articles, settings, run_id)

    def cancel(self) -> bool:
        return self.future.cancel()

    def result(self) -> BatchRows:
        try:
            return self.future.result()
        except BrokenProcessPool:
            _drop_pool(self.pool)
            return extract_isolated(self.articles, self.settings, self.run_id)


def extract_isolated(articles: list[Article], settings: Settings, run_id: str) -> BatchRows:
    """Extract a batch that was in a broken pool, on a private one-worker pool, so that a worker
    death can only be this batch's: first the whole batch (it may only have been waiting beside
    the batch that killed the worker); if its worker dies too, one article at a time, each on a
    fresh worker after a death, and the article whose worker dies is a failure (stage `extract`)."""
    pool = _new_pool(1)
    try:
        if len(articles) > 1:
            try:
                return pool.submit(extract_batch, articles, settings, run_id).result()
            except BrokenProcessPool:
                pool.shutdown(wait=False)
                pool = _new_pool(1)
        rows: BatchRows = {FAILED: []}
        for article in articles:
            try:
                one = pool.submit(extract_batch, [article], settings, run_id).result()
            except BrokenProcessPool:
                rows[FAILED].append(_worker_died(article))
                pool.shutdown(wait=False)
                pool = _new_pool(1)
                continue
            for table, table_rows in one.items():
                rows.setdefault(table, []).extend(table_rows)
        return rows
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_died(article: Article) -> dict[str, Any]:
    from pipeline.extract import StageFailed

    died = BrokenProcessPool(
        f"the extraction worker process died while extracting {article.source_path} (a crash in native code, "
        "or killed, e.g. out of memory); the other articles went on"
    )
    return _failure(article, StageFailed("extract", died))


def submit_batch(articles: list[Article], settings: Settings, run_id: str) -> PoolBatch:
    """One batch on a worker process (each worker runs spaCy single-process)."""
    return PoolBatch(articles, settings, run_id)


def pipelined(
    batches: Iterable[list[Article]],
    n_process: int,
    inline: Callable[[list[Article]], BatchRows],
    submit: Callable[[list[Article]], Any],
) -> Iterator[BatchRows]:
    """Results in batch order: every `n_process`-th batch runs here (when its turn comes),
    the others are submitted ahead to the workers (`submit` returns a future); at most
    `n_process + 1` batches are pending, so memory stays bounded. A future is dropped once its
    rows are handed on: a finished future holds its rows for as long as it is referenced."""
    pending: list[tuple[Any, Callable[[], BatchRows]]] = []  # (future or None, how to get the rows)
    try:
        for i, batch in enumerate(batches):
            if i % n_process == 0:
                pending.append((None, functools.partial(inline, batch)))
            else:
                fut = submit(batch)
                pending.append((fut, fut.result))
            if len(pending) > n_process:
                yield pending.pop(0)[1]()
        while pending:
            yield pending.pop(0)[1]()
    finally:
        for fut, _ in pending:
            if hasattr(fut, "cancel"):  # concurrent futures do; Prefect's task futures do not
                fut.cancel()


def extract_parallel(batches: Iterable[list[Article]], settings: Settings, run_id: str) -> Iterator[BatchRows]:
    """Batches on this process and `n_process - 1` worker processes."""
    return pipelined(
        batches,
        settings.n_process,
        lambda b: extract_batch(b, settings, run_id),
        lambda b: submit_batch(b, settings, run_id),
    )


def extract_default(batches: Iterable[list[Article]], settings: Settings, run_id: str) -> Iterator[BatchRows]:
    """Worker processes when `n_process` > 1, else this process."""
    if settings.n_process > 1:
        return extract_parallel(batches, settings, run_id)
    return extract_serial(batches, settings, run_id)


@dataclass
class BatchValidation:
    """The data-quality gate's verdict on a batch of rows."""

    valid: BatchRows
    rejects: list[Reject]
    outcomes: list[dict[str, Any]]
    report: Any  # validate.ValidationReport, kept for Data Docs


def validate_batch(rows: BatchRows, settings: Settings, known_actor_ids: set[str], run_id: str) -> BatchValidation:
    """Run the data-quality gate on a batch: valid rows, quarantined rejects, validation rows."""
    from pipeline import validate
    from pipeline.events import EventTypeVocabulary

    tables = {t: warehouse.frame(t, rows.get(t, [])) for t in ("articles", "time_expressions", "event_mentions", "actors")}
    event_types = set(EventTypeVocabulary.load(settings.event_types_file).types)
    report = validate.validate_tables(tables, event_types=event_types, known_actor_ids=known_actor_ids)
    valid: BatchRows = {t: df.to_dict("records") for t, df in report.valid.items()}
    report.valid = {}  # the report is kept for Data Docs until the run ends: drop its row copies
    kept_actors = {r["actor_id"] for r in valid.get("actors", [])} | known_actor_ids
    aliases = {(r["actor_id"], r["alias"]) for r in rows.get("actor_aliases", []) if r["actor_id"] in kept_actors}
    valid["actor_aliases"] = [{"actor_id": a, "alias": al} for a, al in sorted(aliases)]
    outcomes = [
        {
            "run_id": run_id,
            "table_name": o.table_name,
            "expectation": o.expectation,
            "severity": o.severity,
            "success": o.success,
            "unexpected_count": o.unexpected_count,
            "element_count": o.element_count,
            "details_json": _json(o.details),
        }
        for o in report.outcomes
    ]
    return BatchValidation(valid, report.rejects, outcomes, report)


def _json(obj: Any) -> str:
    import json

    return json.dumps(obj, default=str, ensure_ascii=False)


@dataclass
class Steps:
    """The replaceable parts of a run; flows pass Prefect-task versions of them."""

    extract_many: Callable[[Iterable[list[Article]], Settings, str], Iterator[BatchRows]] = extract_default
    validate: Callable[..., BatchValidation] = validate_batch
    merge: Callable[..., warehouse.MergeStats] | None = None


# ---------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------


class RunRefused(WarehouseError):
    """A run that would read or write what it must not; nothing was touched (exit 2)."""


def check_paths(settings: Settings) -> None:
    """Refuse a corpus that is the filesystem root, the home folder or a folder holding it
    (every file the user can read would become an article) and a warehouse inside the corpus
    (its own Data Docs, report and export would be read back as articles)."""
    corpus = settings.corpus_dir
    if corpus.exists() and not corpus.is_dir():
        raise RunRefused(f"--corpus {corpus} is a file, not a folder: pass the folder that holds the articles (--corpus DIR)")
    if not corpus.is_dir():
        raise FileNotFoundError(f"corpus folder {corpus} does not exist: create it or pass --corpus DIR")
    warehouse.check_writable(settings.warehouse_path)
    real = corpus.resolve()
    try:
        home: Path | None = Path.home().resolve()
    except (RuntimeError, KeyError):
        home = None
    if real == Path(real.anchor) or (home is not None and home.is_relative_to(real)):
        what = "the filesystem root" if real == Path(real.anchor) else (
            "your home folder" if real == home else f"a folder that holds your home folder ({home})")
        raise RunRefused(
            f"--corpus {corpus} is {what}: every file in it would be read as an article; "
            "pass the folder that holds the articles (--corpus DIR)"
        )
    if settings.warehouse_path.resolve().is_relative_to(real):
        raise RunRefused(
            f"the warehouse {settings.warehouse_path} is inside the corpus folder {corpus}: its Data Docs, report "
            "and export would be read as articles; put the warehouse outside the corpus (--warehouse FILE)"
        )


def own_outputs(settings: Settings) -> list[Path]:
    """What Dateline writes: never scanned as articles, wherever the settings put it."""
    wh = settings.warehouse_path
    return [wh, wh.with_name(wh.name + ".wal"), runlock.lock_path(wh), wh.parent / ".staging",
            settings.data_docs_dir, settings.export_dir, settings.report_path]


def run_pipeline(
    settings: Settings,
    steps: Steps | None = None,
    on_progress: Callable[[int, int | None], None] | None = None,
) -> RunSummary:
    """Run the whole pipeline once over `settings.corpus_dir` into `settings.warehouse_path`.

    The paths are checked first (check_paths); the run then holds the warehouse's run lock
    from before it reads the warehouse until its export is written, so a second run waits
    (up to `lock_timeout_s`) instead of removing this run's staging (runlock.RunLocked).
    """
    check_paths(settings)
    with runlock.run_lock(settings.warehouse_path, settings.lock_timeout_s):
        return _locked_run(settings, steps, on_progress)


def _locked_run(
    settings: Settings,
    steps: Steps | None,
    on_progress: Callable[[int, int | None], None] | None,
) -> RunSummary:
    """The run itself; the caller holds the run lock, so other staging files are stale."""
    steps = steps or Steps()
    run_id = new_run_id()
    summary = RunSummary(run_id=run_id, warehouse_path=settings.warehouse_path)
    if not settings.corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder {settings.corpus_dir} does not exist: create it or pass --corpus DIR")
    known = known_state(settings)
    warehouse.clean_stale_staging(settings.warehouse_path)
    staging = Staging(settings.warehouse_path, run_id)
    record = RunRecord(
        run_id=run_id,
        started_at=dt.datetime.now(),
        corpus_dir=str(settings.corpus_dir),
        spacy_model=settings.spacy_model,
        dateline_version=f"{__version__} (extractor {EXTRACTOR_VERSION})",
    )
    seen: list[str] = []
    actor_ids = set(known.actor_ids)
    now = dt.datetime.now()
    try:
        refuse_mass_gone(settings, known)  # before any extraction
        vocabularies = curation.state_of(settings)
        forced = force_reextraction(known, curation.stale_articles(settings, vocabularies))
        staging.append_rows("vocabularies", [vocabularies.row(run_id)])
        path_buffer: list[dict[str, Any]] = []

        def batches() -> Iterator[list[Article]]:
            pending: list[Article] = []
            for outcome, path_rows, seen_paths in scan(settings, known, run_id):
                seen.extend(seen_paths)
                summary.files_seen += 1
                if outcome.status == "rejected":
                    if outcome.reject is not None:
                        summary.rejects.append(outcome.reject)
                        staging.append_rows("rejects", [warehouse.reject_row(outcome.reject, run_id, now)])
                    summary.articles_rejected += 1
                    continue
                path_buffer.extend(path_rows)
                if len(path_buffer) >= 5000:  # unchanged files add rows too: append them in bulk
                    staging.append_rows("article_paths", path_buffer)
                    path_buffer.clear()
                again = reextracted(outcome, forced)
                if again is not None:  # an unchanged file the vocabularies' edit affects
                    summary.articles_reextracted += len(again)
                    summary.articles_unchanged += 0 if again else 1
                    pending.extend(_unique(again, pending))
                    if len(pending) >= settings.batch_size:
                        yield pending
                        pending = []
                    continue
                if outcome.status == "unchanged":
                    summary.articles_unchanged += 1
                    summary.articles_still_failing += sum(r["article_id"] in known.failed for r in path_rows)
                    continue
                if outcome.status == "new":
                    summary.articles_new += len(outcome.articles)
                else:
                    summary.articles_changed += len(outcome.articles)
                pending.extend(_unique(outcome.articles, pending))
                if len(pending) >= settings.batch_size:
                    yield pending
                    pending = []
            if pending:
                yield pending
            staging.append_rows("article_paths", path_buffer)
            path_buffer.clear()

        def stage_failures(failures: list[dict[str, Any]]) -> int:
            """Stage the rejects of articles whose extraction failed, and remember them."""
            rejects, memory = failure_rows(failures, run_id, now)
            staging.append_rows("rejects", [warehouse.reject_row(r, run_id, now) for r in rejects])
            staging.append_rows("extraction_failures", memory)
            summary.rejects.extend(rejects)
            summary.articles_rejected += len(rejects)
            return len(rejects)

        done = 0
        reports: list[Any] = []
        buffered: BatchRows = {}

        def gate(rows: BatchRows) -> None:
            """Validate buffered rows and stage what passes."""
            nonlocal actor_ids
            checked = steps.validate(rows, settings, actor_ids, run_id)
            actor_ids |= {r["actor_id"] for r in checked.valid.get("actors", [])}
            for table, table_rows in checked.valid.items():
                staging.append_rows(table, table_rows)
            staging.append_rows("rejects", [warehouse.reject_row(r, run_id, now) for r in checked.rejects])
            staging.append_rows("validations", checked.outcomes)
            reports.append(checked.report)
            summary.rejects.extend(checked.rejects)
            summary.rows_rejected += len(checked.rejects)
            summary.validation_failures += sum(1 for o in checked.outcomes if not o["success"] and o["severity"] == "critical")
            summary.events_extracted += len(checked.valid.get("event_mentions", []))

        # GX has a fixed cost per call: validate several extraction batches at once.
        for rows in steps.extract_many(batches(), settings, run_id):
            done += stage_failures(rows.pop(FAILED, []))
            for table, table_rows in rows.items():
                buffered.setdefault(table, []).extend(table_rows)
            done += len(rows.get("articles", []))
            if len(buffered.get("articles", [])) >= settings.validate_batch_size:
                gate(buffered)
                buffered = {}
            if on_progress:
                on_progress(done, None)
        shutdown_pool()  # extraction is over: the workers' memory is not needed for the merge
        if buffered.get("articles"):
            gate(buffered)
        if settings.build_data_docs and reports:
            from pipeline import validate

            docs = validate.build_data_docs(reports, run_id, settings.data_docs_dir)
            summary.data_docs_path = docs
            record.data_docs_path = str(docs)
        summary.copy_counts_to(record)
        merge = steps.merge or merge_staging
        staging.close()
        pause_point("staged")  # lock tests start a second run here, with this run's staging on disk
        stats = merge(settings, staging.path, record, seen)
        summary.rows_upserted = stats.rows_upserted
        summary.articles_gone = stats.articles_gone
        summary.export_error = stats.export_error
    except BaseException as exc:
        staging.discard()
        _record_failure(settings, record, exc)
        raise
    finally:
        shutdown_pool()
    staging.discard()
    summary.export_dir = settings.export_dir if settings.export_parquet else None
    return summary


def force_reextraction(known: KnownState, stale: dict[str, str]) -> dict[str, tuple[str, set[str]]]:
    """Make the scan read again the files of articles the vocabularies' edit affects (their
    remembered state no longer matches); returns file -> (its remembered hash, the affected
    article ids), so articles of the file that are not affected stay as they are."""
    forced: dict[str, tuple[str, set[str]]] = {}
    for path, (_size, _mtime, sha, article_id) in list(known.files.items()):
        if article_id in stale and article_id not in known.failed:
            forced.setdefault(_file_of(path), (sha, set()))[1].add(article_id)
    for path, (_size, mtime, _sha, article_id) in list(known.files.items()):
        if _file_of(path) in forced:
            known.files[path] = (-1, mtime, "", article_id)
    return forced


def reextracted(outcome: ingest.FileOutcome, forced: dict[str, tuple[str, set[str]]]) -> list[Article] | None:
    """The articles to extract again from a file read only because of a vocabulary edit (None
    when the file was not forced, or its text changed too: then it is an ordinary change)."""
    st = outcome.state
    if st is None or st.source_path not in forced or outcome.status != "changed":
        return None
    sha, ids = forced[st.source_path]
    if st.file_sha256 != sha:
        return None
    return [a for a in outcome.articles if a.article_id in ids]


def refuse_mass_gone(settings: Settings, known: KnownState) -> None:
    """Refuse, before extracting anything, a run over a corpus that lacks the files of more than
    half of the warehouse's articles (a wrong or empty folder): a different corpus would
    otherwise be extracted in full before the merge refuses it. The merge checks again, exactly."""
    if settings.allow_gone or not known.files:
        return
    present = ingest.corpus_files(settings.corpus_dir, own_outputs(settings))
    alive: dict[str, bool] = {}
    for path, (_size, _mtime, _sha, article_id) in known.files.items():
        alive[article_id] = alive.get(article_id, False) or _file_of(path) in present
    gone = sum(1 for here in alive.values() if not here)
    if gone * 2 > len(alive):
        raise warehouse.GoneRefused(gone, len(alive), str(settings.corpus_dir))


def _unique(articles: list[Article], pending: list[Article]) -> list[Article]:
    """The same text saved under two names is one article: extract it once per batch."""
    have = {a.article_id for a in pending}
    out = []
    for a in articles:
        if a.article_id not in have:
            have.add(a.article_id)
            out.append(a)
    return out


def merge_staging(settings: Settings, staging_path: Path, record: RunRecord, seen: list[str]) -> warehouse.MergeStats:
    """The single writer: merge in one transaction, then bring the Parquet export up to date."""
    with warehouse.open_warehouse(
        settings.warehouse_path, timeout_s=settings.lock_timeout_s, storage_version=settings.storage_version
    ) as con:
        warehouse.limit_memory(con, settings.merge_memory_limit)
        previous = warehouse.latest_run_id(con)
        stats = warehouse.merge_run(con, staging_path, record, seen, allow_gone=settings.allow_gone)
        if settings.export_parquet:
            changed = bool(stats.rows_upserted or stats.articles_gone or stats.events_changed)
            stats.export_error = export_after_merge(con, settings.export_dir, record.run_id, previous, changed)
    return stats


def export_after_merge(con: duckdb.DuckDBPyConnection, export_dir: Path, run_id: str, previous: str | None, changed: bool) -> str | None:
    """Rewrite the export when this run changed data or the export does not reflect the
    previous run (missing, half-written, or a failed export of an earlier run); otherwise only
    stamp it with this run. The merge has committed: a failed export is noted on the run's
    row (still 'succeeded': its rows landed) and returned, and the next run repairs it."""
    try:
        if changed or not warehouse.export_current(export_dir, previous):
            warehouse.export_parquet(con, export_dir, run_id)
        else:
            warehouse.stamp_export(export_dir, run_id)
    except Exception as exc:
        message = f"export failed: {type(exc).__name__}: {' '.join(str(exc).split())[:500]}"
        with contextlib.suppress(Exception):  # the same full disk may refuse the note: the summary still says it
            warehouse.note_run(con, run_id, f"{message}; the next run rewrites the export")
        return message
    return None


def _record_failure(settings: Settings, record: RunRecord, exc: BaseException) -> None:
    """Leave a `failed` row in `runs` when possible; never mask the original error."""
    if isinstance(exc, (KeyboardInterrupt, warehouse.WarehouseLocked, warehouse.WarehouseTooNew, warehouse.ForeignDatabase)):
        return
    try:
        with warehouse.open_warehouse(settings.warehouse_path, timeout_s=5.0, storage_version=settings.storage_version) as con:
            warehouse.record_failed_run(con, record, f"{type(exc).__name__}: {exc}")
    except Exception:
        pass


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
