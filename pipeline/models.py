"""Plain records passed between stages.

Every record keeps its provenance (article id + character offsets into the stored body),
because the warehouse contract promises that every row traces back to its sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Article:
    """One ingested article: `body` is exactly the text every offset refers to."""

    article_id: str
    source_path: str
    title: str | None
    published_at: dt.date | None
    published_source: str  # front matter, metadata, dateline, byline, file name, unknown
    body: str
    content_sha256: str
    author: str | None = None
    url: str | None = None
    source_name: str | None = None
    file_sha256: str | None = None  # hash of the raw file bytes (change detection)
    extra: dict[str, Any] = field(default_factory=dict)  # captions, metadata kept aside


@dataclass
class TimeExpression:
    """A TIMEX3-normalised time expression found in an article body."""

    article_id: str
    start_char: int
    end_char: int
    text: str
    timex_type: str  # DATE, TIME, DURATION, SET
    timex_value: str | None  # ISO-TimeML value; None when it cannot be resolved
    range_start: dt.date | None
    range_end: dt.date | None
    precision: str  # day, week, weekend, month, quarter, season, half, year, decade, century, time, duration, set, ref, unknown
    anchored: bool = False  # True when resolution used the publication date or context
    sentence_index: int | None = None


@dataclass
class ActorRef:
    """An actor mention resolved to a canonical actor."""

    start_char: int
    end_char: int
    text: str
    actor_id: str
    resolved_by: str  # dictionary, ner, coreference, metonymy, title


@dataclass
class EventMention:
    """One event mention: trigger, who (source) did it to whom (target), when, where."""

    article_id: str
    sentence_text: str
    sentence_start: int
    trigger_start: int
    trigger_end: int
    trigger_text: str
    trigger_lemma: str
    event_type: str
    source: ActorRef | None = None
    target: ActorRef | None = None
    theme_start: int | None = None  # what was acted upon, when it is a thing ("the missiles")
    theme_end: int | None = None
    theme_text: str | None = None
    event_date: str | None = None  # TIMEX3 value
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str | None = None
    date_basis: str = "unknown"  # explicit, relative-to-publication, inherited, publication, reference, unknown
    date_timex_start: int | None = None  # offset of the time expression used, if any
    location: str | None = None
    factuality: str = "asserted"  # asserted, negated, possible, planned, reported
    confidence: float = 0.5
    mention_id: str = ""
    event_id: str = ""
    trigger_token: int | None = None  # token index in the spaCy Doc (not stored)


@dataclass
class Actor:
    """A canonical actor: dictionary entry or discovered named entity."""

    actor_id: str
    canonical_name: str
    actor_type: str  # person, organisation, state, group, location
    country_code: str | None = None  # ISO-3166 alpha-3
    role: str | None = None  # GOV, OPP, MIL, JUD, MED, IGO, BUS, ...
    wikidata_qid: str | None = None
    source: str = "dictionary"  # dictionary or ner
    aliases: list[str] = field(default_factory=list)


@dataclass
class Reject:
    """Something that failed ingest or validation, kept with the reason."""

    stage: str  # ingest, scan, decode, validate, or the extraction stage that failed (see pipeline.extract.STAGES)
    source_path: str | None
    reason: str
    article_id: str | None = None
    table_name: str | None = None
    expectation: str | None = None
    row_json: str | None = None
    error_type: str | None = None  # the exception's class when an unexpected error caused it
    sentence: str | None = None  # the sentence being processed when it failed, when known


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    time_expressions: list[TimeExpression] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
