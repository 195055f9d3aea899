"""Extraction of one batch of articles in this process, with per-article failures kept as rows.

Why: one article that crashes an extractor must not lose the batch; its failure is
remembered (with the extractor version) so it is not retried until the extractor changes.
The loaded extractor is cached per settings and reloaded when a vocabulary file changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pipeline
from pipeline import warehouse
from pipeline.models import Article, Reject
from pipeline.runner import progress
from pipeline.settings import Settings

BatchRows = dict[str, list[dict[str, Any]]]

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
        finally:
            progress.article_done()
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
    memory = [f | {"extractor_version": pipeline.EXTRACTOR_VERSION, "run_id": run_id, "failed_at": now} for f in failures]
    return rejects, memory


_EXTRACTORS: dict[tuple[str, str, str, str], tuple[tuple[Any, ...], Any]] = {}


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

    files = (str(settings.actors_file), str(settings.event_types_file), str(settings.curation_file))
    key = (*files, settings.spacy_model)
    cached = _EXTRACTORS.get(key)
    if cached is not None and cached[0] == _stamp(_vocabulary_files(cached[1], files)):
        return cached[1]
    extractor = Extractor.from_files(settings.actors_file, settings.event_types_file, settings.curation_file,
                                     spacy_model=settings.spacy_model)
    _EXTRACTORS[key] = (_stamp(_vocabulary_files(extractor, files)), extractor)
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
