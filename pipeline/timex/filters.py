"""Candidate spans: clean (signals, punctuation, line breaks), accept rule matches in their
context, filter what only looks like a time (`non_times`) and choose non-overlapping ones.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.timex.detection import SPAN_KEY, _rule_spans
from pipeline.timex.grammar import _parse
from pipeline.timex.lexicon import (
    _LEADING_SIGNALS,
    _TRAILING_RELATIONS,
    _YEAR_RE,
    AMBIGUOUS_MONTHS,
    KEPT_FIRST_WORDS,
    MONTH_NAMES,
    MONTH_SIGNALS,
    MONTHS,
    PERIOD_ADJECTIVES,
    PERIOD_ENDS,
    RANGE_CONNECTORS,
    SEASON_DEICTICS,
    SEASON_SIGNALS,
    SEASONS,
    SET_ADJECTIVES,
    SET_ADVERBS,
    TRAILING_APPROXIMATORS,
    WEEKDAYS,
    YEAR_SIGNALS,
)
from pipeline.timex.non_times import (
    _TIME_WORDS,
    _anaphoric_unit,
    _glued,
    _in_a_title,
    _is_time_token,
    _looks_like_age,
    _looks_like_count,
    _measures_content,
    _night_hours,
    _not_a_date_word,
    _not_a_decade,
    _quoted_title,
    _share,
)


def _strip_first(t: Token, is_range: bool, length: int) -> bool:
    """Leading noise: punctuation, signals ("in", "since"), names glued on ("Zapad 2021")."""
    low = t.lower_
    if t.is_space or (t.is_punct and low != "'"):
        return True
    if low in _LEADING_SIGNALS:
        return not (is_range and low in ("from", "between"))
    return t.pos_ == "PROPN" and length > 1 and not _is_time_token(t) and low not in KEPT_FIRST_WORDS


def _clean(doc: Doc, s: int, e: int, label: str) -> list[tuple[int, int, str | None]]:
    """Trim signals and noise from a candidate; split it at line breaks; returns (start, end, relation)."""
    # split at line breaks (spaCy joins a title's year with the dateline below it)
    pieces: list[tuple[int, int]] = []
    a = s
    for i in range(s, e):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            if "\n" in doc[i].text:
                if a < i:
                    pieces.append((a, i))
                a = i + 1
            else:
                pieces.append((a, i + 1))
                a = i + 1
    if a < e:
        pieces.append((a, e))
    out: list[tuple[int, int, str | None]] = []
    for a, b in pieces:
        rel: str | None = None
        is_range = label == "RANGE"
        while a < b and _strip_first(doc[a], is_range, b - a):
            a += 1
        while b > a:
            t = doc[b - 1]
            low = t.lower_
            if t.is_space or (t.is_punct and t.text not in (")",)) or low in ("'s", "’s", "'"):
                b -= 1
            elif low in _TRAILING_RELATIONS and b - a > 1 and not _anaphoric_unit(doc, a, b) \
                    and not (doc[b - 2].text == "-" and not doc[b - 2].whitespace_):  # "year-earlier" is one word
                # "two days before the launch" is anchored on the launch, not on the story's time
                clause_end = b >= len(doc) or doc[b].is_punct
                if low not in ("before", "after", "prior") or clause_end:
                    rel = {"afterwards": "later", "prior": "before"}.get(low, low)
                b -= 1
            elif t.text == ")" and "(" not in doc[a:b].text:
                b -= 1
            elif b - a > 2 and f"{doc[b - 2].lower_} {low}" in TRAILING_APPROXIMATORS:
                b -= 2  # "a week or so| ago"
            elif b - a > 1 and low in RANGE_CONNECTORS and t.is_alpha:
                b -= 1  # spaCy's "between now and| Feb. 10": no expression ends on its connector
            else:
                break
        if a < b < len(doc) and doc[b].text == ")" and doc[a:b].text.count("(") > doc[a:b].text.count(")"):
            b += 1  # spaCy's "Sunday (March 3": the bracket closes in the expression
        after = b + 2 if b + 2 < len(doc) and f"{doc[b].lower_} {doc[b + 1].lower_}" in TRAILING_APPROXIMATORS else b
        if a < b and rel is None and after < len(doc) and doc[after].lower_ in ("ago", "later", "earlier", "afterwards"):
            rel = {"afterwards": "later"}.get(doc[after].lower_, doc[after].lower_)  # "more than a week| later", "a week or so| ago"
        if a < b:
            glued = b + 1 < len(doc) and doc[b].text == "-" and not doc[b - 1].whitespace_ and not doc[b].whitespace_
            if glued and doc[b + 1].lower_ in ("long", "old"):  # "decades-long"
                b += 2
            out.append((a, b, rel))
    return out


def _shapes_ok(span: Span) -> bool:
    """The matcher tests shapes only; check what a shape cannot say (1600-2099, "mid-", "FY", "1990s")."""
    for t in span:
        shape, low = t.shape_, t.lower_
        if shape == "dddd" and not _YEAR_RE.match(t.text):
            return False
        if shape == "xxx-dddd" and not (low.startswith("mid-") and _YEAR_RE.match(low[4:])):
            return False
        if shape in ("XXdddd", "XX-dddd", "XXdd", "XX-dd") and not low.startswith("fy"):
            return False
        if shape in ("ddddx", "ddx") and not low.endswith("s"):
            return False
        ranged = "–" in shape or "—" in shape or (shape.startswith("dddd-") and len(shape) > 5)
        if ranged and not _YEAR_RE.match(t.text[:4]):
            return False
    return True


def _begins_a_name(doc: Doc, s: int, e: int, label: str) -> bool:
    """Is a holiday or a capitalised weekday the start of a name ("the Good Friday Agreement",
    "the Easter Rising"): a capitalised name word follows (not a date word), and before a
    weekday a capitalised word too ("Good")?"""
    nxt = doc[e] if e < len(doc) else None
    if nxt is None or nxt.pos_ != "PROPN" or not nxt.text[:1].isupper() or nxt.lower_ in _TIME_WORDS:
        return False
    if label == "HOLIDAY":
        return True
    prev = doc[s - 1] if s > 0 else None
    return prev is not None and not prev.is_sent_start and prev.text[:1].isupper() \
        and prev.lower_ not in MONTHS and prev.lower_ not in WEEKDAYS and not prev.like_num


def _accept_rule(doc: Doc, s: int, e: int, label: str) -> bool:
    """Context checks for rule matches that would be too eager on their own."""
    if not _shapes_ok(doc[s:e]):
        return False
    first = doc[s]
    prev = doc[s - 1] if s > 0 else None
    nxt = doc[e] if e < len(doc) else None
    if first.ent_type_ in ("PERSON", "ORG", "MONEY", "PERCENT", "QUANTITY", "PRODUCT", "WORK_OF_ART", "LAW", "FAC") \
            and label in ("MONTH", "YEAR", "SEASON", "DATE"):
        return False
    if label == "YEAR":
        if prev is not None and prev.text in ("$", "€", "£", "#", "No.", "no.", "Nos.", "US$"):
            return False
        if nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ == "NNS" and nxt.lower_ not in _TIME_WORDS:
            return False
        return prev is not None and (prev.lower_ in YEAR_SIGNALS or prev.text in MONTH_NAMES or prev.lower_ in SEASONS)
    if label == "MONTH":
        if first.text in AMBIGUOUS_MONTHS or first.text.endswith("."):
            return prev is not None and prev.lower_ in MONTH_SIGNALS and not (nxt is not None and nxt.pos_ == "PROPN")
        return not (nxt is not None and nxt.pos_ == "PROPN" and nxt.ent_type_ == "PERSON")
    if label == "SEASON":
        low = [t.lower_ for t in doc[s:e]]
        has_year = any(_YEAR_RE.match(t.text) for t in doc[s:e])
        if "fall" in low and not has_year and not SEASON_DEICTICS & set(low):
            return False
        if not has_year and prev is not None and prev.lower_ not in SEASON_SIGNALS:
            return low[0] in SEASON_DEICTICS
        return True
    if label in ("HOLIDAY", "DAY") and _begins_a_name(doc, s, e, label):
        return False
    if label == "HOLIDAY":  # "Thanksgiving", not "may day" in a sentence nor "the New Year sales period"
        return first.text[:1].isupper() and not (nxt is not None and nxt.pos_ == "NOUN")
    if label == "SET" and doc[s].lower_ in ("a", "per"):
        return prev is not None and (prev.like_num or prev.lower_ in ("times", "once", "twice", "thrice") or prev.tag_ == "CD")
    if label == "REF":
        if first.lower_ == "now":
            if nxt is not None and nxt.text == "-":  # "now-defunct" ("now that ..." is a time: TimeBank annotates it)
                return False
            if prev is not None and prev.tag_ == "MD":  # "will now receive": instead, not a time
                return False
            if nxt is not None and nxt.text == "," and (first.is_sent_start or (prev is not None and not prev.text[:1].isalnum())):
                return False  # "Now, the question is ...": a discourse marker opening the sentence, not a time
        return not (nxt is not None and nxt.text == "-")
    if label == "DUR":
        # "2,000 soldiers" never reaches here (unit words only); skip "1 year" inside a money span
        return first.ent_type_ not in ("MONEY", "PERCENT")
    return True


def _ends_period(doc: Doc, a: int, b: int) -> bool:
    """Is doc[a:b] a period that the next word ends at a date ("the year| ended March 31")?"""
    if b >= len(doc) or doc[b].lower_ not in PERIOD_ENDS:
        return False
    sem = _parse(doc[a:b + 1].text)
    return sem is not None and sem.kind == "dur"


# words at which an entity the grammar cannot read is split into expressions of their own:
# a period's end ("the year| ended March 31"), a list, the word joining a range's ends, or
# one ordering two times ("Monday| after weeks of protests")
_SPLITTING_WORDS = {"ended", "ending", "or", "after", "before"} | {w for w in RANGE_CONNECTORS if w.isalpha()}


def _candidates(doc: Doc) -> list[tuple[int, int, str, str | None]]:
    """Cleaned, filtered, non-overlapping candidate spans (start, end, label, relation); the
    relation "ended" marks a period ended at the date that follows ("the year| ended March 31")."""
    raw: list[tuple[int, int, str]] = [(e.start, e.end, "ENT-" + e.label_) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    rules = doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else _rule_spans(doc)
    for sp in rules:
        if _accept_rule(doc, sp.start, sp.end, sp.label_):
            raw.append((sp.start, sp.end, sp.label_))
    cleaned: list[tuple[int, int, str, str | None]] = []
    for s, e, label in raw:
        if _night_hours(doc, s, e):
            continue
        for a, b, rel in _clean(doc, s, e, label):
            if not any(_is_time_token(t) for t in doc[a:b]) and (label not in ("REL", "REF", "DUR", "PART") or _parse(doc[a:b].text) is None):
                continue  # a rule's match with no time word ("the latest period", "the near term") that parses stays
            if _looks_like_age(doc, a, b) or _looks_like_count(doc, a, b) or _glued(doc, a, b) or _share(doc, a, b) \
                    or _quoted_title(doc, a, b) or _in_a_title(doc, a, b):
                continue
            if _not_a_decade(doc, a, b) or _measures_content(doc, a, b):
                continue
            if b - a == 1 and _not_a_date_word(doc, a):
                continue
            if label.startswith("ENT") and (doc[a].lower_ in PERIOD_ADJECTIVES or (
                    b - a == 1 and doc[a].pos_ == "ADJ" and doc[a].lower_ in set(SET_ADVERBS) - SET_ADJECTIVES)):
                continue  # "annual conference": an adjective, not a set expression
            cleaned.append((a, b, label, rel))
    # split entities that glue two expressions ("June 17, two days")
    split: list[tuple[int, int, str, str | None]] = []
    for a, b, label, rel in cleaned:
        if label.startswith("ENT") and _parse(doc[a:b].text) is None:
            commas = [i for i in range(a, b) if (doc[i].text in (",", ";", "-", "–", "—", "--") and
                      (doc[i].text in (",", ";") or doc[i - 1].whitespace_)) or doc[i].lower_ in _SPLITTING_WORDS]
            if commas:
                parts, st = [], a
                for c in [*commas, b]:
                    if st < c:
                        parts.append((st, c))
                    st = c + 1
                good = [(x, y, rel if y == b else "ended" if _ends_period(doc, x, y) else None) for x, y in parts
                        if _parse(doc[x:y].text) is not None or _ends_period(doc, x, y)]
                if good:
                    split.extend((x, y, label, r) for x, y, r in good)
                    continue
        split.append((a, b, label, rel))
    # longest first; ties: spaCy entity, then rules
    split.sort(key=lambda c: (-(c[1] - c[0]), 0 if c[2].startswith("ENT") else 1, c[0]))
    taken = [False] * (len(doc) + 1)
    chosen: list[tuple[int, int, str, str | None]] = []
    for a, b, label, rel in split:
        if any(taken[i] for i in range(a, b)):
            continue
        for i in range(a, b):
            taken[i] = True
        chosen.append((a, b, label, rel))
    chosen.sort()
    return _merge_adjacent(doc, chosen)


def _merge_adjacent(doc: Doc, cands: list[tuple[int, int, str, str | None]]) -> list[tuple[int, int, str, str | None]]:
    """'February 24th' + '2022' -> one date (spaCy splits some day-month-year sequences); a
    date in brackets after a weekday ("Friday (Dec. 13)") is one date too, the weekday picking
    its year."""
    out: list[tuple[int, int, str, str | None]] = []
    for c in cands:
        if out:
            a, b, label, _rel = out[-1]
            gap = doc[b:c[0]]
            end = c[1] + 1 if gap.text == "(" and c[1] < len(doc) and doc[c[1]].text == ")" else c[1]
            if (len(gap) <= 1 and all(t.lower_ in (",", "at", "on") for t in gap)) or end > c[1]:
                merged = doc[a:end].text
                left = _parse(doc[a:b].text)
                sem = _parse(merged)
                completes = sem is not None and sem.kind == "cal" and left is not None and (
                    (sem.year is not None and left.year is None)  # February 24th + 2022
                    or (sem.hour is not None and left.hour is None)  # 12 October 2008 + at 3 p.m.
                    or ((sem.month or sem.weekday is not None) and not (left.month or left.weekday is not None))
                    or (sem.day is not None and left.day is None and left.weekday is not None))  # Friday + Oct. 13
                if completes:
                    out[-1] = (a, end, label, c[3])
                    continue
        out.append(c)
    return out
