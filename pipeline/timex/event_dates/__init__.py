"""Event dating rules that sit on top of the time expressions (used by `timex.dating.date_events`).

Why a package of its own: `pipeline/timex/` holds the time-expression grammar; what makes a
time expression the date *of an event* is a question of clause structure and of how a news
report is told, and it has its own vocabulary (`schemas/event_dates.yaml`):

- boundaries: "until Friday", "as of Monday" never date an act; "since 1999" dates only the
  act it modifies, never a neighbour ("welcomed ... — ties have grown since it joined in 1999");
- clauses: a date is borrowed only from the trigger's own clause or a clause above it, never
  from a side clause (relative, adverbial, reported) it is not in;
- nouns: a date before a noun that is an argument of the act is the noun's own ("declared
  him winner of Saturday's election", "published the 2019 report"); one that frames the act
  ("in a Wednesday news conference") or ends the sentence after a place ("in Baidoa,
  Somalia, Mar. 27.") dates it, and a relative clause takes its antecedent's date;
- unrealised acts: a to-infinitive complement ("urged X to release", "agreed to meet"), a
  modal ("must release") or an "ahead of"/"before" noun has not happened and gets no default
  date, unless its governor says it did ("managed to"); a purpose clause shares its time;
- anaphora: "this airstrike" refers back to an act already dated in the text; "Later in the
  day" continues the day of the story;
- the default of a news report: an undated act takes the *story date* (the recent day the
  lead dates its main act to, "met ... yesterday") or else the publication date;
- articles without a publication date: a *reference date* from full dates in the article's
  opening part (captions, a date line) or its URL stands in for it, at the precision the
  evidence gives (a day, the ISO week several captions share, the month of a URL).

The package: `lexicon` (the word lists), `clauses` (boundaries, clauses, nouns, unrealised
acts), `references` (anaphora, same-day openers, vague and earlier pasts, depth in the
report), `shifts` (a "later" shift seen from the time of the report), `anniversaries`
("the 30th anniversary of the genocide"), `elapsed` ("two years after the devaluation"), `defaults` (story date, reference date,
publication default). The names below are the interface `timex.dating` uses as `ed.<name>`.
"""

from __future__ import annotations

from pipeline.timex.event_dates.anniversaries import anniversary_event_date, anniversary_of
from pipeline.timex.event_dates.clauses import (
    adjectival,
    after_upcoming,
    aftermath_of,
    aside,
    baseline,
    boundary,
    clause_verb,
    closing,
    noun_date_host,
    noun_premodifier,
    occasion_noun,
    own_start,
    period_start,
    remembered_time,
    report_frame,
    shares_clause,
    tells_the_story,
    unrealised,
    upcoming,
    upcoming_after_now,
    upcoming_noun,
)
from pipeline.timex.event_dates.defaults import (
    Default,
    coarsen,
    headline,
    lead_end,
    publication_default,
    reference_date,
    story_date,
    url_date,
)
from pipeline.timex.event_dates.elapsed import elapsed_date, elapsed_event_date, elapsed_phrase
from pipeline.timex.event_dates.lexicon import LEXICON_FILE, Lexicon, lexicon
from pipeline.timex.event_dates.references import (
    NEWS_DEPTH_WORDS,
    anaphoric_nouns,
    antecedent,
    anterior,
    beyond_news_part,
    event_lemmas,
    opening_signal,
    owned_key,
    parties,
    recent_period,
    same_day_opener,
    type_key,
    vague_past,
)
from pipeline.timex.event_dates.shifts import bounded_by_report, earliest_later

__all__ = [
    "LEXICON_FILE",
    "NEWS_DEPTH_WORDS",
    "Default",
    "Lexicon",
    "adjectival",
    "after_upcoming",
    "aftermath_of",
    "anaphoric_nouns",
    "anniversary_event_date",
    "anniversary_of",
    "antecedent",
    "anterior",
    "aside",
    "baseline",
    "beyond_news_part",
    "boundary",
    "bounded_by_report",
    "clause_verb",
    "closing",
    "coarsen",
    "earliest_later",
    "elapsed_date",
    "elapsed_event_date",
    "elapsed_phrase",
    "event_lemmas",
    "headline",
    "lead_end",
    "lexicon",
    "noun_date_host",
    "noun_premodifier",
    "occasion_noun",
    "opening_signal",
    "own_start",
    "owned_key",
    "parties",
    "period_start",
    "publication_default",
    "recent_period",
    "reference_date",
    "remembered_time",
    "report_frame",
    "same_day_opener",
    "shares_clause",
    "story_date",
    "tells_the_story",
    "type_key",
    "unrealised",
    "upcoming",
    "upcoming_after_now",
    "upcoming_noun",
    "url_date",
    "vague_past",
]
