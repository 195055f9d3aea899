"""Boundaries and clauses: which time expression may date which act.

- boundaries: "until Friday", "as of Monday" never date an act; "since 1999" dates only the
  act it modifies, never a neighbour;
- clauses: a date is borrowed only from the trigger's own clause or a clause above it, never
  from a side clause (relative, adverbial, reported) it is not in;
- nouns: a date before a noun that is an argument of the act is the noun's own ("declared
  him winner of Saturday's election"); one that frames the act ("in a Wednesday news
  conference") or ends the sentence after a place dates it;
- unrealised acts: a to-infinitive complement ("urged X to release"), a modal ("must
  release") or an "ahead of"/"before" noun has not happened yet.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipeline.timex.event_dates.lexicon import lexicon
from pipeline.timex.syntax import _tense, _verb_of

# clause relations: a date does not cross these from a side clause into the trigger's clause
_SIDE_CLAUSES = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "pcomp"}
_CONTENT = {"dobj", "attr", "oprd", "dative", "xcomp", "ccomp", "iobj"}  # what an act is about


def boundary(doc: Doc, start: int, end: int) -> str | None:
    """'end' or 'start' when the time expression doc[start:end] follows a boundary word,
    'upcoming' when it follows "ahead of", "before"... (`after_upcoming`)."""
    lex = lexicon()
    if any(t.lower_ in ("to", "through", "and", "-", "–", "—") for t in doc[start + 1:end]):
        return None  # a range: "from 2009 to 2011", "between May and June"
    for kind, words in (("end", lex.end_boundaries), ("start", lex.start_boundaries)):
        if follows(doc, start, end, words):
            return kind
    return "upcoming" if after_upcoming(doc, start) else None


def follows(doc: Doc, start: int, end: int, words: tuple[str, ...]) -> bool:
    """Does the time expression doc[start:end] follow one of `words` (of one or two words), or
    open with it?"""
    before = " ".join(t.lower_ for t in doc[max(0, start - 2):start])
    first = doc[start].lower_ if start < end else ""
    return any(before == w or before.endswith(" " + w) or first == w for w in words)


def baseline(doc: Doc, start: int, end: int) -> bool:
    """Does the time expression doc[start:end] follow a word of comparison ("rose by a third
    compared with 2019", "more soldiers than in 2019", "as in 2021")? It is the time the act is
    measured against, not its own."""
    return follows(doc, start, end, lexicon().baselines)


def closing(doc: Doc, start: int, end: int) -> bool:
    """Does the time expression doc[start:end] follow a word that makes its stretch end where
    the act happens ("seized the town after days of fighting", "signed following months of
    talks")? However vague, that stretch does not put the act in some unnamed past."""
    return follows(doc, start, end, lexicon().closing_prepositions)


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
    whose words hold the date, nor a coordinated clause with its own subject), and the trigger is not in the content of a report below it
    (a ccomp of `att`'s clause) nor in an aside below it (a relative clause set off by a comma)."""
    if att.i == tok.i:
        return True
    common = next((a for a in [tok, *tok.ancestors] if a.i == att.i or a.is_ancestor(att)), None)
    if common is None:
        return False
    for n in _path_up(att, common):
        inside = at is None or n.left_edge.i <= at <= n.right_edge.i  # else a misattachment
        if n.dep_ in _SIDE_CLAUSES and inside:
            return False
        if n.dep_ == "conj" and inside and any(c.dep_ in ("nsubj", "nsubjpass") for c in n.children):
            return False  # a clause of its own after "and"/"but": "X has not agreed, but Trump said Tuesday"
    # a report's content does not take the date of the report ("said Monday that ... [attacked]"),
    # nor a requested act the date of the request ("urged on Monday ... to [release]")
    for n in _path_up(tok, common):
        if n.dep_ in ("ccomp", "parataxis", "csubj") and n.head.i == common.i:
            return False
        if _non_restrictive(n):  # "The process, which stemmed from the [deal], started last September"
            return False
        if n.pos_ in ("VERB", "AUX") and unrealised(n):
            return False
    return True


def aside(tok: Token) -> bool:
    """Is the trigger the verb of a non-restrictive relative clause ("Berisha, who [resigned]
    as party leader, ..."): background about someone, not the news of the day? (A noun in it
    may name the story's own event: "militants, who were involved in the [assault]".)"""
    return tok.pos_ in ("VERB", "AUX") and _non_restrictive(tok)


def _non_restrictive(tok: Token) -> bool:
    """Is `tok` the verb of a relative clause set off by a comma ("X, who ...")? A restrictive
    one ("the letter the minister said he wrote") shares the time of what it tells of."""
    if tok.dep_ != "relcl":
        return False
    first = tok.left_edge
    return first.i > 0 and tok.doc[first.i - 1].text == ","


def clause_verb(tok: Token) -> Token | None:
    """The verb of the clause a trigger is in (the trigger itself when it is a verb)."""
    return _verb_of(tok)


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
    return any(before == w or before.endswith(" " + w) for w in lexicon().upcoming) or upcoming_noun(doc, start) is not None


def upcoming_noun(doc: Doc, start: int) -> int | None:
    """The noun an "ahead of", "before" phrase names when the time expression at `start` closes
    that phrase ("before the election in November": the election, whether the parser hangs the
    time on the noun or on the verb); the time is that noun's alone."""
    if start < 2 or doc[start - 1].tag_ != "IN":
        return None
    noun = doc[start - 2]
    if noun.pos_ in {"NOUN", "PROPN"} and noun.left_edge.i < noun.i and after_upcoming(doc, noun.left_edge.i):
        return noun.i
    return None


def upcoming(tok: Token) -> bool:
    """Is the trigger a noun that an "ahead of", "before", "pending" phrase puts after the time
    of the clause it is in ("came ahead of a new round of [talks]"), or the verb of a "before"
    clause ("was smaller than that of Europe before Russia [invaded] Ukraine")?"""
    if tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ in lexicon().upcoming for c in tok.children):
        return True
    return _governing_preposition(tok, lexicon().upcoming) is not None


def upcoming_after_now(tok: Token) -> bool:
    """Is the trigger a noun still to come when the report is written: after "ahead of",
    "pending" whatever the clause's tense, after "before" unless the clause is past ("was
    feeding a million people before the coup")?"""
    prep = _governing_preposition(tok, lexicon().upcoming)
    if prep is None:
        return False
    return prep not in lexicon().relative_upcoming or _tense(_verb_of(tok)) != "past"


def period_start(tok: Token) -> bool:
    """Is the trigger a noun that a "since" phrase makes the start of the clause's period
    ("has collapsed since the [coup]"), or the verb of a "since" clause under a perfect
    ("relations have been frozen since Morsi was [ousted]"; "since" after a simple tense may
    mean "because")?"""
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in lexicon().period_starts for c in tok.children):
        return any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had", "'ve") for c in tok.head.children)
    return _governing_preposition(tok, lexicon().period_starts) is not None


def _governing_preposition(tok: Token, words: tuple[str, ...]) -> str | None:
    """Which of `words` (prepositions, some of several words) governs the noun phrase the
    trigger is in, if one does."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i or node.pos_ in ("VERB", "AUX"):
            return None
        node = node.head
        if node.dep_ == "prep" or node.pos_ == "ADP":
            phrase = " ".join(t.lower_ for t in node.doc[max(0, node.i - 4):node.i + 1])
            for w in words:
                if phrase == w or phrase.endswith(" " + w):
                    return w
    return None


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
    the occasion an act happened at ("met at the summit in July 2019"); a "place, date" tail ("in Baidoa, Somalia, Mar. 27.") dates the clause of the place; the
    date of the antecedent of a relative clause dates that clause ("raids last week that
    [hit] the towns")."""
    a, b = span
    if occasion_noun(att, span, tok):
        return clause_verb(tok) or tok
    if _counted_occasion(att) and att.dep_ == "pobj" and att.head.head.pos_ in ("VERB", "AUX"):
        return att.head.head  # "attended a meeting for the first time last month": the attending
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


def report_frame(att: Token, tok: Token) -> bool:
    """Is `att`, the verb a date hangs on, the participle that dates a statement the act was done
    in ("In a statement released Sunday, the ministry accused ...")? The statement (lexicon:
    report_nouns) is the object of a frame preposition hanging on the act or its clause's verb."""
    lex = lexicon()
    noun = att.head
    if att.dep_ != "acl" or att.lower_ not in lex.report_participles or noun.lemma_.lower() not in lex.report_nouns:
        return False
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in lex.frame_prepositions \
        and prep.head.i in (tok.i, (clause_verb(tok) or tok).i)


def occasion_noun(noun: Token, span: tuple[int, int], tok: Token) -> bool:
    """Is the date after `noun` ("the summit in July 2019") the date of an occasion the act
    happened at: `noun` is the object of a preposition of occasion ("at", "during") that hangs,
    through prepositions and their objects only, on the trigger or its clause's verb ("met ... for
    the first time at the summit in July 2019")? Not a noun the act is about ("criticised the
    talks at the summit in 2019": the talks' summit, not the criticism's)."""
    if span[0] <= noun.i or noun.dep_ != "pobj" or noun.head.lower_ not in lexicon().occasion_prepositions:
        return False
    # an event noun has its own occasion: "rejected the allegations during a press conference on
    # Thursday" is no allegation of Thursday
    own = {tok.i} if tok.pos_ in ("NOUN", "PROPN") else {tok.i, (clause_verb(tok) or tok).i}
    node = noun.head.head
    for _ in range(4):
        if node.i in own:
            return True
        if node.dep_ not in ("pobj", "prep") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _counted_occasion(noun: Token) -> bool:
    """Is the noun a counted time ("for the first time", "for the third time"), which the parser
    may give the act's date to ("attended a meeting for the first time last month")?"""
    return noun.lower_ in lexicon().counted_occasions and any(
        c.dep_ == "amod" and ((c.tag_ == "JJ" and c.lower_ in ("first", "last")) or c.ent_type_ == "ORDINAL")
        for c in noun.children)


def remembered_time(att: Token, tok: Token) -> bool:
    """Is `att`, the word a date hangs on, a verb of memory in the present ("If you remember in
    1950, ...", "I recall in 2003 the minister said ...")? Remembering is now, so the date is the
    remembered time; it dates the act of the clause the memory clause modifies, or of the
    memory's content."""
    if att.lemma_.lower() not in lexicon().memory_verbs or att.tag_ not in ("VB", "VBP", "VBZ"):
        return False
    return att.is_ancestor(tok) or att.head.i == (clause_verb(tok) or tok).i


def tells_the_story(verb: Token) -> bool:
    """Does the verb tell an act of the story rather than describe a participant (a relative
    or participial clause: "the 2020 agreement, which supports ...")?"""
    return all(n.dep_ not in ("relcl", "acl") for n in [verb, *verb.ancestors])


def _near(verb: Token, t: Token) -> bool:
    """Is `t` an argument of `verb` or of a preposition phrase of it (not of a side clause)?"""
    return all(n.dep_ not in _SIDE_CLAUSES for n in _path_up(t, verb))


def aftermath_of(tok: Token) -> bool:
    """Is the act named in the phrase of a noun an earlier act leaves behind ("the victims of
    the Kabul attack", "suspects in the bombing", `aftermath_nouns`)? It happened before the
    clause it is told in, whose time is not its date."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    owner = prep.head
    if owner.pos_ in ("VERB", "AUX"):
        # the parser may hang the phrase on the verb: "arrested three suspects in the bombing"
        owner = next((c for c in owner.children if c.dep_ == "dobj" and c.right_edge.i == prep.i - 1), owner)
    return owner.pos_ == "NOUN" and owner.lemma_.lower() in lexicon().aftermath_nouns
