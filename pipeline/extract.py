"""Extraction of one parsed article: time expressions, actors, event mentions, event dates.

The order matters: time expressions first (events need them for dating), then event
mentions with their resolved actors, then each mention is dated.

Each stage is guarded: an exception inside one stage of one article becomes `StageFailed`
(the stage, the exception, the sentence being read when it can be told), which the runner
turns into a `rejects` row while the other articles of the batch go on. The guard is a safety
net for what nobody has seen yet; a crash it catches is a bug to fix at its root.
"""

from __future__ import annotations

import contextlib
import types
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from pipeline import actors, events, headlines, timex
from pipeline.models import Article, Extraction
from pipeline.settings import Settings
from pipeline.timex.lexicon import MONTHS, WEEKDAYS
from pipeline.util import fault_point

# the per-article stages a reject can name, in pipeline order
STAGES = ("parse", "time_expressions", "actors", "events", "event_dates", "rows")


class StageFailed(Exception):
    """One stage of one article raised: what the `rejects` row reports."""

    def __init__(self, stage: str, error: BaseException, sentence: str | None = None) -> None:
        self.stage = stage
        self.error_type = type(error).__name__
        self.message = str(error) or repr(error)
        self.sentence = sentence
        super().__init__(f"{stage}: {self.error_type}: {self.message}")


@contextlib.contextmanager
def stage(name: str, doc: Doc | None = None) -> Iterator[None]:
    """Run a block as stage `name`: any exception becomes `StageFailed` naming the sentence."""
    try:
        if doc is not None:
            fault_point(name, doc)
        yield
    except StageFailed:
        raise
    except Exception as exc:
        sentence = failing_sentence(exc.__traceback__, doc) if doc is not None else None
        raise StageFailed(name, exc, sentence) from exc


def failing_sentence(tb: types.TracebackType | None, doc: Doc | None = None) -> str | None:
    """The sentence the code was reading when it raised, from the innermost traceback frame
    that shows it: a piece of the text in a string variable (the phrase a grammar was
    parsing), else a token or span of `doc` (any doc when None). None when no frame does.
    A best guess for the person reading the reject: a variable may be left over from an
    earlier sentence."""
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    lowered = doc.text.lower() if doc is not None else ""
    for frame in reversed(frames):
        values = list(frame.f_locals.values())
        for value in values:
            if doc is not None and isinstance(value, str) and len(value.strip()) >= 6:
                at = lowered.find(value.lower())
                if at >= 0:
                    return _sentence_at(doc, at)
        for value in values:
            if isinstance(value, (Token, Span)) and (doc is None or value.doc is doc):
                with contextlib.suppress(Exception):  # no sentence boundaries: the sentence stays unknown
                    return str(value.sent.text)
    return None


def _sentence_at(doc: Doc, char: int) -> str | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    with contextlib.suppress(Exception):
        return str(span[0].sent.text)
    return None


CALENDAR_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS)


class Extractor:
    """Holds the vocabularies once; `extract` is called per parsed document."""

    def __init__(self, actor_vocabulary: actors.ActorVocabulary, event_types: events.EventTypeVocabulary,
                 vocabulary_hash: str | None = None, spacy_model: str | None = None):
        self.actor_vocabulary = actor_vocabulary
        self.event_types = event_types
        self.vocabulary_hash = vocabulary_hash  # stamped on each article (pipeline.curation)
        common = headlines.vocabulary_words(
            [*event_types.verb_type, *event_types.noun_type],
            [w for words in actor_vocabulary.descriptions.values() for w in words],
        )
        # the headline lexicon is the parsing model's: the run's settings name it, else the defaults
        model = spacy_model or Settings().spacy_model
        self._headline_rules = headlines.rules(common, headlines.english_words(model))

    def prepare(self, body: str) -> str:
        """The text the parser reads: subheadings run into a paragraph on a line of their own,
        title-case headlines in sentence case, same length (pipeline.headlines); names the
        actor dictionary knows keep their capitals."""
        text = headlines.break_subheads(body, self._headline_rules)
        return headlines.sentence_case(text, self._headline_rules, self._keeps_capital)

    def _keeps_capital(self, word: str) -> bool:
        """A name the actor dictionary knows, or a month or weekday ("May", "March", "Sun")."""
        low = word.lower()
        return low in CALENDAR_NAMES or self.actor_vocabulary.lookup(word) is not None

    @classmethod
    def from_files(cls, actors_file: object = None, event_types_file: object = None,
                   curation_file: object = None, spacy_model: str | None = None) -> Extractor:
        from pathlib import Path

        from pipeline import curation

        state = curation.vocabulary_state(
            Path(str(actors_file)) if actors_file else None,
            Path(str(curation_file)) if curation_file else None,
            Path(str(event_types_file)) if event_types_file else None,
        )
        ev = (
            events.EventTypeVocabulary.load(Path(str(event_types_file)))
            if event_types_file
            else events.EventTypeVocabulary.load()
        )
        return cls(state.vocabulary, ev, state.hash, spacy_model)

    def extract(self, doc: Doc, article: Article) -> Extraction:
        """Everything extracted from one article; raises `StageFailed` when a stage fails."""
        with stage("time_expressions", doc):
            timexes = timex.extract_time_expressions(doc, article.article_id, article.published_at)
        with stage("actors", doc):
            resolver = actors.ActorResolver(doc, self.actor_vocabulary)
        with stage("events", doc):
            mentions = events.extract_events(doc, article, resolver, self.event_types)
        with stage("event_dates", doc):
            timex.date_events(doc, mentions, timexes, article.published_at, article.url)
            mentions = [m for m in mentions if not timex.historical(m)]  # "the 1863 uprising": background
        with stage("actors", doc):
            # an actor row exists for someone who takes part in a coded event, nothing else:
            # the resolver also sees every noun phrase it was asked about
            used = {r.actor_id for m in mentions for r in (m.source, m.target) if r is not None}
            found = [a for a in resolver.actors() if a.actor_id in used]
        extraction = Extraction(article=article, time_expressions=timexes, mentions=mentions, actors=found)
        if doc.text != article.body:  # parsed from `prepare`d text: store the article's own words
            headlines.restore_texts(extraction, article.body)
        return extraction
