"""What an undated act of a report defaults to: the *story date* (the recent day the lead
dates its main act to, "met ... yesterday") or else the publication date; for an article
without one, a *reference date* from full dates in its opening part (captions, a date line)
or its URL, at the precision the evidence gives (a day, an ISO week, a month).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from pipeline.timex.event_dates.clauses import boundary
from pipeline.timex.lexicon import REPORTING_LEMMAS
from pipeline.timex.syntax import _tense

_STORY_DAYS = 6  # a story date is at most this many days before the publication date
_HEAD_SHARE = 0.5  # the "opening part" of an article: its first half (captions, date lines)


@dataclass(frozen=True)
class Default:
    """What an undated act of the report defaults to, and the basis recorded for it."""

    value: str
    precision: str
    start: dt.date
    end: dt.date
    basis: str


def headline(tok: Token) -> bool:
    """Is the trigger in a headline (a line of its own without a final stop)? Headlines tell
    past acts in the present tense ("Minister Welcomes Counterpart")."""
    sent = tok.sent
    words = [t for t in sent if not (t.is_space or t.is_punct)]
    last = [t for t in sent if not t.is_space]
    if not words or last[-1].text.endswith((".", "!", "?", "”", '"')):
        return False
    line_start = tok.doc.text.rfind("\n", 0, sent.start_char) + 1
    line_end = tok.doc.text.find("\n", sent.end_char - 1)
    line = tok.doc.text[line_start:line_end if line_end >= 0 else len(tok.doc.text)].strip()
    return line == sent.text.strip()


def publication_default(dct: dt.date) -> Default:
    return Default(dct.isoformat(), "day", dct, dct, "publication")


def story_date(doc: Doc, timexes: list[Any], dct: dt.date, lead_end: int, reported: bool = False) -> dt.date | None:
    """The recent day the lead of the story dates its main act to ("welcomed ... yesterday",
    "said Wednesday", a date line of its own under the title), when it is before the
    publication date: later undated acts of the same report happened then, not on the day of
    publication. `reported`: the act a main-clause report tells counts too ("Militants killed
    12 soldiers on Tuesday, the ministry said"): the story date of the acts, not of what is
    said about them."""
    for tx in timexes:
        si = tx.sentence_index
        if si is None or si > lead_end or tx.precision not in ("day", "time") or tx.range_start is None:
            continue
        day = tx.range_start
        earliest = dct - dt.timedelta(days=_STORY_DAYS) if dct.toordinal() > _STORY_DAYS else dt.date.min
        if not earliest <= day < dct:
            continue
        if getattr(tx, "part_of_range", False) or getattr(tx, "attach", None) is None:
            continue
        a, b = tx.token_start, tx.token_end
        if boundary(doc, a, b) is not None:
            continue
        if _date_line(doc, a, b) or _main_clause_past(doc[tx.attach], tx, reported):
            return day
    return None


def _date_line(doc: Doc, a: int, b: int) -> bool:
    """Is the expression a line of its own ("Oct. 6, 2021" under a headline)?"""
    sent = doc[a].sent
    rest = [t for t in sent if not (a <= t.i < b) and not (t.is_punct or t.is_space or t.lower_ in ("on", "-"))]
    return not rest


def _main_clause_past(att: Token, tx: Any, reported: bool = False) -> bool:
    """Does the expression date a past-tense verb of a main clause (not a side clause), or,
    `reported`, of what a main clause reports?"""
    if tx.tense != "past" or att.pos_ not in ("VERB", "AUX"):
        return False
    return all(n.dep_ not in ("relcl", "acl", "ccomp", "csubj", "pcomp") or (reported and _reported(n))
               for n in [att, *att.ancestors])


def _reported(clause: Token) -> bool:
    """Is the clause what the reporting verb of the main clause reports?"""
    head = clause.head
    return clause.dep_ == "ccomp" and head.dep_ == "ROOT" and head.lemma_.lower() in REPORTING_LEMMAS


_URL_DATE = (
    re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[^\d]|$)"),
    re.compile(r"/((?:19|20)\d\d)(0[1-9]|1[0-2])([0-2]\d|3[01])(?:/|[^\d]|$)"),
    re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/"),
)


def url_date(url: str | None) -> tuple[dt.date, str] | None:
    """A date in a URL path (/2021/06/14/, /20210614, /2021/6/) with its precision."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip())
    for pattern in _URL_DATE:
        m = pattern.search(path)
        if m is None:
            continue
        y, mo = int(m.group(1)), int(m.group(2))
        try:
            if m.lastindex == 3:
                return dt.date(y, mo, int(m.group(3))), "day"
            return dt.date(y, mo, 15), "month"
        except ValueError:
            continue
    return None


def reference_date(doc: Doc, timexes: list[Any], url: str | None) -> tuple[dt.date, Default] | None:
    """For an article without a publication date: the day to resolve relative expressions
    from, and the default of its undated acts. Full dates in the opening half of the text
    (captions, a date line) give it: one day if they agree, their ISO week if they share
    one. Otherwise a date in the URL (a day, or the month). None when nothing says."""
    n_sent = max((tx.sentence_index or 0 for tx in timexes), default=0)
    n_sent = max(n_sent, _n_sentences(doc))
    days = sorted({tx.range_start for tx in timexes
                   if getattr(tx, "explicit", False) and tx.precision == "day" and tx.range_start is not None
                   and tx.sentence_index is not None and tx.sentence_index < n_sent * _HEAD_SHARE
                   and not getattr(tx, "part_of_range", False) and _caption_like(doc, tx)})
    from_url = url_date(url)
    if days:
        last = days[-1]
        close = [d for d in days if last - d <= dt.timedelta(days=6)]
        if from_url is None or _within(last, from_url):
            if len(set(close)) == 1:
                return last, Default(last.isoformat(), "day", last, last, "reference")
            y, w, _ = last.isocalendar()
            if all(d.isocalendar()[:2] == (y, w) for d in close):
                monday = last - dt.timedelta(days=last.weekday())
                return last, Default(f"{y}-W{w:02d}", "week", monday, monday + dt.timedelta(days=6), "reference")
            return last, Default(last.strftime("%Y-%m"), "month", last.replace(day=1), _month_end(last), "reference")
    if from_url is not None:
        day, precision = from_url
        if precision == "day":
            return day, Default(day.isoformat(), "day", day, day, "reference")
        return day, Default(day.strftime("%Y-%m"), "month", day.replace(day=1), _month_end(day), "reference")
    return None


def _caption_like(doc: Doc, tx: Any) -> bool:
    """Is the date that of a photo caption or a date line (a present-tense sentence such as
    "Rescuers search the rubble in Adana, Feb. 7, 2023.", or the date alone), not a past act
    of the story ("On 11 September 2001, hijackers crashed ...")?"""
    if not isinstance(getattr(tx, "token_start", None), int) or not 0 <= tx.token_start < len(doc):
        return False
    sent = doc[tx.token_start].sent
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return not any(t.pos_ in ("VERB", "AUX") for t in sent)
    return _tense(root) == "present"


def _within(day: dt.date, url: tuple[dt.date, str]) -> bool:
    d, precision = url
    return day == d if precision == "day" else (day.year, day.month) == (d.year, d.month)


def _month_end(d: dt.date) -> dt.date:
    nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def _n_sentences(doc: Doc) -> int:
    idx = doc.user_data.get("dateline_sent_index")
    return (max(idx) + 1) if isinstance(idx, list) and idx else 0


def coarsen(value: str | None, precision: str | None, start: dt.date | None, end: dt.date | None,
            ref: Default) -> tuple[str | None, str | None, dt.date | None, dt.date | None]:
    """A date worked out from a reference known only to the month is itself only a month."""
    if ref.precision != "month" or value is None or precision not in ("day", "time", "week", "weekend"):
        return value, precision, start, end
    return ref.value, ref.precision, ref.start, ref.end


_LEAD_SENTENCES = 4  # sentences after the dateline that make the lead of a news story


def lead_end(timexes: list[Any], dct: dt.date | None) -> int:
    """Last sentence of the lead: the dateline's sentence (the first one that is the publication
    date) plus a few; without a dateline, the first few sentences of the text."""
    if dct is not None:
        iso = dct.isoformat()
        for tx in timexes:
            if tx.timex_value == iso and tx.sentence_index is not None and tx.sentence_index <= 12:
                return tx.sentence_index + _LEAD_SENTENCES
    return _LEAD_SENTENCES
