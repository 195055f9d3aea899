"""Event dating rules that sit on top of the time expressions (used by `timex.dating.date_events`).

Why a module of its own: `pipeline/timex/` holds the time-expression grammar; what makes a
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
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Token

from pipeline.settings import SCHEMAS_DIR
from pipeline.timex.syntax import _tense

LEXICON_FILE = SCHEMAS_DIR / "event_dates.yaml"

# clause relations: a date does not cross these from a side clause into the trigger's clause
_SIDE_CLAUSES = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "pcomp"}
_CONTENT = {"dobj", "attr", "oprd", "dative", "xcomp", "ccomp", "iobj"}  # what an act is about
_STORY_DAYS = 6  # a story date is at most this many days before the publication date
# The news part of a report: the first words of a text, where an undated past act is the news
# of the day (inverted pyramid). A wire story fits in it; deeper in a long analysis or feature
# an undated past act is background ("Hundreds of thousands fled the country") and stays
# undated. About the length of a wire story, not fitted to any test set.
NEWS_DEPTH_WORDS = 600
_HEAD_SHARE = 0.5  # the "opening part" of an article: its first half (captions, date lines)


@dataclass(frozen=True)
class Lexicon:
    """The word lists of `schemas/event_dates.yaml`."""

    end_boundaries: tuple[str, ...]
    start_boundaries: tuple[str, ...]
    realised_governors: frozenset[str]
    anaphoric: tuple[str, ...]
    upcoming: tuple[str, ...]
    same_day: tuple[str, ...]
    frame_prepositions: frozenset[str]
    anterior: frozenset[str]
    same_time: tuple[str, ...]
    after: tuple[str, ...]
    recent: frozenset[str]
    modals: frozenset[str]
    examples: tuple[dict[str, Any], ...]


@lru_cache(maxsize=4)
def lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """Load the lists once per process."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    def words(key: str) -> tuple[str, ...]:
        return tuple(str(w).lower() for w in (data.get(key) or {}).get("words", []))

    examples = tuple({**ex, "list": key} for key, section in data.items() if isinstance(section, dict)
                     for ex in section.get("examples", []))
    return Lexicon(words("end_boundaries"), words("start_boundaries"),
                   frozenset(words("realised_complement_governors")), words("anaphoric_determiners"),
                   words("upcoming_prepositions"), words("same_day_openers"),
                   frozenset(words("frame_prepositions")), frozenset(words("anterior_adverbials")),
                   words("same_time_openers"), words("after_openers"), frozenset(words("recent_references")),
                   frozenset(words("modals")), examples)


# ---------------------------------------------------------------------------------------
# boundaries and clauses
# ---------------------------------------------------------------------------------------


def boundary(doc: Doc, start: int, end: int) -> str | None:
    """'end' or 'start' when the time expression doc[start:end] follows a boundary word,
    'upcoming' when it follows "ahead of", "before"... (`after_upcoming`)."""
    lex = lexicon()
    span_words = [t.lower_ for t in doc[start:end]]
    if any(w in ("to", "through", "and", "-", "–", "—") for w in span_words[1:]):
        return None  # a range: "from 2009 to 2011", "between May and June"
    before = " ".join(t.lower_ for t in doc[max(0, start - 2):start])
    for kind, words in (("end", lex.end_boundaries), ("start", lex.start_boundaries)):
        for w in words:
            if before == w or before.endswith(" " + w) or (span_words and span_words[0] == w):
                return kind
    return "upcoming" if after_upcoming(doc, start) else None


def own_start(att: Token, tok: Token) -> bool:
    """Does a start boundary attached to `att` modify the act `tok` itself ("detained since
    May", "can be submitted starting next month")?"""
    own = {tok.i, (clause_verb(tok) or tok).i}
    return att.i in own or (att.lower_ in lexicon().start_boundaries and att.head.i in own)


def _path_up(tok: Token, stop: Token) -> list[Token]:
    """The tokens from `tok` up to (not including) its ancestor `stop`."""
    out: list[Token] = []
    node = tok
    while node.i != stop.i and node.head.i != node.i:
        out.append(node)
        node = node.head
    return out


def shares_clause(tok: Token, att: Token, at: int | None = None) -> bool:
    """May the trigger `tok` borrow a date (at token `at`) attached to `att`? Only if `att` is
    in the trigger's clause or a clause above it (the date's side crosses no clause boundary
    whose words hold the date), and the trigger is not in the content of a report below it
    (a ccomp of `att`'s clause)."""
    if att.i == tok.i:
        return True
    common = next((a for a in [tok, *tok.ancestors] if a.i == att.i or a.is_ancestor(att)), None)
    if common is None:
        return False
    for n in _path_up(att, common):
        inside = at is None or n.left_edge.i <= at <= n.right_edge.i  # else a misattachment
        if n.dep_ in _SIDE_CLAUSES and inside:
            return False
    # a report's content does not take the date of the report ("said Monday that ... [attacked]"),
    # nor a requested act the date of the request ("urged on Monday ... to [release]")
    for n in _path_up(tok, common):
        if n.dep_ in ("ccomp", "parataxis", "csubj") and n.head.i == common.i:
            return False
        if n.pos_ in ("VERB", "AUX") and unrealised(n):
            return False
    return True


def clause_verb(tok: Token) -> Token | None:
    """The verb of the clause a trigger is in (the trigger itself when it is a verb)."""
    node = tok
    for _ in range(10):
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def unrealised(tok: Token) -> bool:
    """Is the trigger's clause a to-infinitive whose governor does not say it happened
    ("urged Minsk to [release]", "agreed to [meet]", a headline "X To [Visit] Y"), or under a
    modal ("must [release]", "would [withdraw]")?"""
    verb = clause_verb(tok)
    if verb is None:
        return False
    if any(c.dep_ == "aux" and c.lower_ in lexicon().modals for c in verb.children):
        return True
    if verb.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    if head.i == verb.i:
        return True  # an infinitival headline announces what is to come
    if verb.dep_ == "advcl":
        # a purpose clause ("met on Monday to discuss sanctions") shares its governor's time;
        # one with its own subject ("called for the regime to release ...") is a request
        return any(c.dep_ in ("nsubj", "mark") and c.lower_ != "to" for c in verb.children)
    return head.lemma_.lower() not in lexicon().realised_governors


def after_upcoming(doc: Doc, start: int) -> bool:
    """Does the time expression at `start` (or the noun phrase it opens) follow a preposition that
    puts it after the clause's time ("ahead of the November vote", "before Tuesday")? Read from
    the words, not the parse, which headlines often get wrong. It then lies ahead of a clause
    that is not past, and it dates no act but the noun it modifies ("arrested ahead of the
    November vote" is no arrest in November)."""
    k = start
    while k > 0 and doc[k - 1].pos_ == "DET":
        k -= 1
    before = " ".join(t.lower_ for t in doc[max(0, k - 4):k])
    return any(before == w or before.endswith(" " + w) for w in lexicon().upcoming)


def upcoming(tok: Token) -> bool:
    """Is the trigger a noun that an "ahead of", "before", "pending" phrase puts after the time
    of the clause it is in ("came ahead of a new round of [talks]")?"""
    words = lexicon().upcoming
    node = tok
    for _ in range(6):
        if node.head.i == node.i or node.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
        if node.dep_ == "prep" or node.pos_ == "ADP":
            phrase = " ".join(t.lower_ for t in node.doc[max(0, node.i - 4):node.i + 1])
            if any(phrase == w or phrase.endswith(" " + w) for w in words):
                return True
    return False


def noun_premodifier(noun: Token, span: tuple[int, int], tok: Token) -> bool:
    """Is the time expression a modifier before a noun ("Saturday's election", "the 2017
    report")? Then it is that noun's own date, not the date of the act `tok` above the noun,
    unless the noun frames the act ("in a Wednesday news conference, X said")."""
    a, b = span
    if not (noun.pos_ in ("NOUN", "PROPN") and b <= noun.i and a >= noun.left_edge.i):
        return False
    if a > 0 and noun.doc[a - 1].lower_ in lexicon().frame_prepositions:
        return False  # "In the late 1980s Apple added ...": a frame the parser hung on the subject
    prep = noun.head
    frames = (noun.dep_ == "pobj" and prep.lower_ in lexicon().frame_prepositions
              and prep.head.i in (tok.i, (clause_verb(tok) or tok).i))
    return not frames


def adjectival(doc: Doc, span: tuple[int, int]) -> bool:
    """Is the date used as an adjective inside a noun phrase ("the 2020 defence agreement",
    "its 2019 report"), whatever the parser attached it to?"""
    a, b = span
    if a == 0 or b >= len(doc):
        return False
    nxt = doc[b]  # the parser may tag a hyphenated name ("U.S.-Poland") oddly: a capital will do
    if doc[a - 1].dep_ not in ("det", "poss") or not (nxt.pos_ in ("NOUN", "PROPN", "ADJ") or nxt.text[:1].isupper()):
        return False
    head = nxt
    while head.dep_ in ("compound", "amod", "nmod", "cc") and head.head.i > head.i:
        head = head.head
    return head.dep_ not in ("nsubj", "nsubjpass")  # "In the late 1980s Apple added ...": a subject


def noun_date_host(doc: Doc, span: tuple[int, int], att: Token, tok: Token) -> Token | None:
    """The clause a noun-attached date belongs to, when it is not just the noun's own date:
    a "place, date" tail ("in Baidoa, Somalia, Mar. 27.") dates the clause of the place; the
    date of the antecedent of a relative clause dates that clause ("raids last week that
    [hit] the towns")."""
    a, b = span
    root = doc[a:b].root
    if att.pos_ == "PROPN" and root.dep_ in ("appos", "npadvmod") and a > 0 and doc[a - 1].text == ",":
        sent = doc[a].sent
        if all(t.is_punct or t.is_space for t in doc[b:sent.end]):
            return sent.root  # the tail of the sentence: it dates the sentence's main clause
    node = tok
    for _ in range(8):
        if node.head.i == node.i:
            return None
        if node.head.i == att.i and node.dep_ in ("relcl", "acl") and node.pos_ in ("VERB", "AUX"):
            return tok
        node = node.head
    return None


def tells_the_story(verb: Token) -> bool:
    """Does the verb tell an act of the story rather than describe a participant (a relative
    or participial clause: "the 2020 agreement, which supports ...")?"""
    return all(n.dep_ not in ("relcl", "acl") for n in [verb, *verb.ancestors])


def same_day_opener(tok: Token) -> bool:
    """Does the trigger's sentence open with "Later in the day", "Earlier today" ...?"""
    words = [t.lower_ for t in tok.sent if not (t.is_space or t.is_punct)][:6]
    head = " ".join(words)
    return any(head == w or head.startswith(w + " ") for w in lexicon().same_day)


def anaphoric_nouns(tok: Token) -> list[Token]:
    """Nouns that point back to a told event ("this airstrike") and are the trigger, its
    clause's subject or a cause or time adjunct ("killed as a result of this airstrike") --
    not what a new act is about ("will ask a court to resolve this dispute")."""
    verb = clause_verb(tok) or tok
    if verb.i != tok.i and unrealised(verb):
        return []
    out = []
    for t in [tok, *verb.subtree]:
        if t.pos_ != "NOUN" or (t.i != tok.i and not _near(verb, t)):
            continue
        if t.i != tok.i and any(n.dep_ in _CONTENT for n in _path_up(t, verb)):
            continue
        before = " ".join(w.lower_ for w in t.doc[max(0, t.i - 3):t.i])  # the parser may miss the det
        if any(re.search(rf"(^|\s){re.escape(w)}( [a-z-]+)?$", before) for w in lexicon().anaphoric):
            out.append(t)
    return out


def _near(verb: Token, t: Token) -> bool:
    """Is `t` an argument of `verb` or of a preposition phrase of it (not of a side clause)?"""
    return all(n.dep_ not in _SIDE_CLAUSES for n in _path_up(t, verb))


def event_lemmas(tok: Token) -> list[str]:
    """Words that name the act a dated trigger reports: the trigger itself ("shelled" names a
    later "shelling") and, for a light verb, its object ("conducted an airstrike")."""
    own = [tok.lemma_.lower()]
    return own + [c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"]


def antecedent(noun: Token, seen: dict[str, Any]) -> Any | None:
    """The earlier dated act an anaphoric noun names: the same word, or its -ing/-ion form of
    the verb that told it ("shelled" ... "this shelling")."""
    lemma = noun.lemma_.lower()
    if lemma in seen:
        return seen[lemma]
    for key, value in reversed(list(seen.items())):
        if len(key) >= 4 and lemma.startswith(key) and lemma[len(key):] in ("ing", "ion", "ment", "e", "s"):
            return value
    return None


def vague_past(tx: Any) -> bool:
    """Does the expression place an act in an unspecified past period ("in the early days of
    the war", "for years", "over the past several years", "in the past")? Such an act is
    not of the day of publication, and no date can be given."""
    value = tx.timex_value or ""
    if value == "PAST_REF":
        return tx.text.lower() not in lexicon().recent
    return tx.timex_type == "DURATION" and bool(re.match(r"^PT?X", value))


def anterior(tok: Token) -> bool:
    """Does an adverbial of the trigger's clause place it at some earlier, unnamed time
    ("had previously avoided", "at that stage suited")?"""
    verb = clause_verb(tok) or tok
    words = lexicon().anterior
    for c in verb.children:
        if c.dep_ in ("advmod", "prep", "npadvmod") and " ".join(t.lower_ for t in c.subtree) in words:
            return True
    return False


def beyond_news_part(tok: Token) -> bool:
    """Is the trigger deeper in the text than the news part of a report (NEWS_DEPTH_WORDS)?"""
    doc = tok.doc
    counts = doc.user_data.get("dateline_word_counts")
    if not isinstance(counts, list) or len(counts) != len(doc):
        n, counts = 0, []
        for t in doc:
            n += t.is_alpha
            counts.append(n)
        doc.user_data["dateline_word_counts"] = counts
    return bool(counts[tok.i] > NEWS_DEPTH_WORDS)


# ---------------------------------------------------------------------------------------
# story date and reference date
# ---------------------------------------------------------------------------------------


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


def story_date(doc: Doc, timexes: list[Any], dct: dt.date, lead_end: int) -> dt.date | None:
    """The recent day the lead of the story dates its main act to ("welcomed ... yesterday",
    "said Wednesday", a date line of its own under the title), when it is before the
    publication date: later undated acts of the same report happened then, not on the day of
    publication."""
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
        if _date_line(doc, a, b) or _main_clause_past(doc[tx.attach], tx):
            return day
    return None


def _date_line(doc: Doc, a: int, b: int) -> bool:
    """Is the expression a line of its own ("Oct. 6, 2021" under a headline)?"""
    sent = doc[a].sent
    rest = [t for t in sent if not (a <= t.i < b) and not (t.is_punct or t.is_space or t.lower_ in ("on", "-"))]
    return not rest


def _main_clause_past(att: Token, tx: Any) -> bool:
    """Does the expression date a past-tense verb of a main clause (not a side clause)?"""
    if tx.tense != "past" or att.pos_ not in ("VERB", "AUX"):
        return False
    return all(n.dep_ not in ("relcl", "acl", "ccomp", "csubj", "pcomp") for n in [att, *att.ancestors])


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
