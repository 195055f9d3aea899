"""Small pure functions over spaCy tokens: dependency look-ups and clause shapes."""

from __future__ import annotations

import bisect
import re
import sys

from spacy.tokens import Token

from pipeline.events.vocabulary import EventTypeVocabulary
from pipeline.quotes import CLOSE_CURLY, OPEN_CURLY, in_quotation

WORDLIKE = re.compile(r"[^\W\d_][^\W\d_'\u2019-]*")

SUBJ = {"nsubj"}
PASS_SUBJ = {"nsubjpass"}
OBJ = {"dobj"}
RELATIVE = {"who", "whom", "which", "that", "whose"}
OCCASION_PREPS = {"at", "during", "throughout"}
SOURCE_NOUNS = {"report", "statement", "announcement", "memo", "letter", "interview", "survey", "study"}
SPEECH_NOUNS = {"speech", "address", "remarks", "remark", "briefing", "tweet", "post", "message", "article", "op-ed"}
LOC_PREPS = {"in", "at", "near", "inside", "outside", "within", "to"}
NOUN_POS = {"NOUN", "PROPN", "PRON", "NUM", "X"}
# object-control verbs: their object is the agent of the verb they govern ("allows users to record")
OBJECT_CONTROL = {
    "allow", "ask", "urge", "force", "enable", "invite", "encourage", "persuade", "tell", "order",
    "require", "want", "help", "permit", "compel", "push", "pressure", "call", "prompt", "lead",
    "authorize", "authorise", "instruct", "convince", "oblige", "cause",
    "select", "choose", "pick", "hire", "commission", "appoint", "contract",
}


WEAK_PRONOUNS = {
    "it", "its", "this", "that", "these", "those", "which", "what", "itself", "many", "some",
    "others", "other", "all", "both", "several", "few", "most", "one", "each", "either", "neither",
    "any", "none", "much", "more", "less", "such",
}
FIRST_PERSON = {"i", "me", "my", "mine", "we", "us", "our", "ours"}
_OPEN_QUOTES, _CLOSE_QUOTES = OPEN_CURLY, CLOSE_CURLY
AMOUNT_ENTS = {"PERCENT", "MONEY", "QUANTITY", "CARDINAL"}
NON_PARTICIPANT_ENTS = AMOUNT_ENTS | {"DATE", "TIME", "ORDINAL"}


def first_child(tok: Token, deps: set[str]) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def doer(v: Token) -> Token | None:
    """Who does what the verb says: its subject, else the by-agent of its passive ("was struck
    by Chido", "Asked by reporters")."""
    return first_child(v, {"nsubj"}) or next(iter(prep_objects(v, {"by"})), None)


def marked_clauses(tok: Token, marks: set[str] | frozenset[str]) -> list[Token]:
    """The adverbial clauses on `tok` that one of `marks` opens: "called for Russia to
    reciprocate", where the parser makes "for" the clause's mark, not a preposition."""
    return [c for c in tok.children if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)]


def prep_objects(tok: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    """Objects of the prepositions `preps` attached to tok ("with X", "against X")."""
    out = []
    for c in tok.children:
        if c.dep_ in {"prep", "agent", "dative"} and c.lower_ in preps:  # "sold missiles to Turkey": dative "to"
            for o in c.children:
                if o.dep_ == "pobj":
                    out.append(o)
    return out


def is_imperative(v: Token) -> bool:
    """A bare-infinitive main clause without subject ("Follow us and support our work"): an
    instruction to the reader, not a reported event."""
    if v.tag_ != "VB" or any(c.dep_ in {"nsubj", "aux", "nsubjpass"} for c in v.children):
        return False
    if v.dep_ == "ROOT":
        return True
    if v.dep_ == "ccomp" and in_quotation(v):
        return True  # a quoted instruction: "'Let me say again ...,' the minister said"
    return v.dep_ == "conj" and v.head.dep_ == "ROOT" and is_imperative(v.head)


def is_passive(v: Token) -> bool:
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in v.children):
        return True
    if v.tag_ == "VBN" and v.dep_ in {"acl", "amod"}:
        # with an object of its own it is active: a garden path the parser takes ("police
        # placed under arrest another candidate")
        return not any(c.dep_ == "dobj" for c in v.children)
    # a participle without auxiliary is a reduced passive ("Apple swamped by pre-orders",
    # "Boeing allowed to bid"): an active perfect would need "has"; as the main verb of a
    # sentence with a final stop and no "by" it is a past tense the tagger took for a
    # participle ("Nine rights groups this week called for his release.")
    agent = any(c.dep_ == "agent" for c in v.children)
    return (
        v.tag_ == "VBN"
        and not any(c.dep_ in {"aux", "dobj"} for c in v.children)
        and (v.dep_ == "conj" or agent or (v.dep_ == "ROOT" and without_final_stop(v)))
    )


def is_to_infinitive(v: Token) -> bool:
    """A bare verb with infinitival "to" ("to build")."""
    return v.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def by_gerund(v: Token) -> bool:
    """A means adjunct "by V-ing" ("Jobs started by hinting at the incident"): only an agent
    does something by doing something else, so the verb is used agentively."""
    return any(
        c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
        for c in v.children
    )


def light_participle_of(v: Token, voc: EventTypeVocabulary) -> bool:
    """A light verb as passive participle of an event noun ("the settlement reached between
    the two parties", "sanctions imposed on Belarus", "a meeting held in Vilnius"): noun and
    participle are one event, mentioned once on the verb, as with "reached a settlement"."""
    n = v.head
    return (
        v.pos_ == "VERB"
        and v.dep_ == "acl"
        and v.tag_ == "VBN"
        and v.lemma_.lower() in voc.light_verbs
        and n.pos_ == "NOUN"
        and (n.lower_ in voc.noun_type or n.lemma_.lower() in voc.noun_type)
    )


def light_relative_of(v: Token, voc: EventTypeVocabulary) -> bool:
    """A light verb in a relative clause that does its event noun ("the tariffs Beijing imposed
    on brandy", "the talks the delegations held in Doha", "the sanctions that were imposed on
    Iran"): one event, mentioned once on the verb with the clause's subject, date and mood, as
    with a light participle. Not when the noun is the clause's subject ("the tariffs which
    took effect") or the verb has an object of its own, nor in a clause set off by a comma, which
    describes the act the noun names ("its tariffs, which are paid by importers")."""
    n = v.head
    if not (v.pos_ == "VERB" and v.dep_ == "relcl" and v.lemma_.lower() in voc.light_verbs and n.pos_ == "NOUN"
            and (n.lower_ in voc.noun_type or n.lemma_.lower() in voc.noun_type)):
        return False
    if non_restrictive(v):
        return False
    patient = first_child(v, {"nsubjpass"})
    if patient is not None:
        return patient.lower_ in RELATIVE
    subj, obj = first_child(v, {"nsubj"}), first_child(v, {"dobj"})
    return subj is not None and subj.lower_ not in RELATIVE and (obj is None or obj.lower_ in RELATIVE)


def non_restrictive(v: Token) -> bool:
    """A relative clause set off by a comma ("Lukashenka, who met ...")."""
    first = min(v.subtree, key=lambda w: w.i)
    return first.i > 0 and v.doc[first.i - 1].text in {",", "(", "—", "-"}


def light_clause_of(v: Token, voc: EventTypeVocabulary) -> bool:
    """A light participle or light relative clause on its event noun: the verb carries the noun's act."""
    return light_participle_of(v, voc) or light_relative_of(v, voc)


def is_occasion(n: Token) -> bool:
    """An event noun that only sets the scene of another event: "at the annual conference,
    Jobs announced ...", "during a speech", "according to a report in X". The reported event
    is the one in the clause; the setting is its occasion (or, for "according to", its
    source of information), not a separate mention."""
    if n.dep_ != "pobj":
        return False
    prep = n.head
    if prep.lower_ in OCCASION_PREPS:
        return True
    if prep.lower_ == "in" and n.lemma_.lower() in SOURCE_NOUNS | SPEECH_NOUNS:
        return True  # "in his speech to Congress, X said": where it was said
    return prep.lower_ == "to" and prep.head.lower_ in {"according", "due", "owing"} and n.lemma_.lower() in SOURCE_NOUNS


def inverted_condition(v: Token) -> bool:
    """A clause that opens with its auxiliary before its subject, set before the main clause
    ("Had Russia invaded earlier, NATO would have responded", "Should the talks fail, ..."): a
    condition written without "if"."""
    if v.dep_ not in {"advcl", "ccomp"} or v.head.i < v.i:
        return False
    first = v.left_edge
    subj = first_child(v, {"nsubj", "nsubjpass"})
    return first.dep_ == "aux" and first.head.i == v.i and first.lower_ in {"had", "were", "should"} \
        and subj is not None and first.i < subj.i


def report_content(v: Token, voc: EventTypeVocabulary) -> bool:
    """Is the clause the "that" content of a report noun ("denied reports that they had arrested
    three tourists", "claims that its forces shelled the town"; `report_nouns`)? It tells the
    report's claim: an act of its own, reported, no description of the noun."""
    return v.dep_ == "acl" and v.head.lemma_.lower() in voc.report_nouns \
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in v.children)


def indefinite(noun: Token) -> bool:
    """Has the noun the article "a" or "an"?"""
    return any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)


def restating_object(clause: Token) -> Token | None:
    """The noun after a comma that sums up a clause the parser made the complement of the verb
    that follows it ("Ethiopia accused Sudan of arming the rebels, a charge Khartoum denied":
    "accused" hung on "denied"; "a claim Moscow rejects", "an allegation the army denies").

    Why: a verb that has its own object after the clause does not take the clause as its
    complement; the clause is the sentence's main clause, asserted, and the noun names it
    again. None for a true complement ("Kyiv said Minsk had deployed troops")."""
    head = clause.head
    if clause.dep_ != "ccomp" or head.i <= clause.i or clause.right_edge.i >= head.i:
        return None
    obj = next((c for c in head.children if c.dep_ == "dobj" and clause.right_edge.i < c.i < head.i), None)
    if obj is None or obj.pos_ != "NOUN" or not indefinite(obj):
        return None  # "a charge", "an allegation": not "..., the trade body said"
    between = clause.doc[clause.right_edge.i + 1 : obj.left_edge.i]
    return obj if any(t.text == "," for t in between) else None


def conjuncts(tok: Token) -> list[Token]:
    """tok and the noun phrases coordinated with it ("X and Y")."""
    out = [tok]
    for c in tok.conjuncts:
        if c.i > tok.i and c.pos_ in NOUN_POS:
            out.append(c)
    return out



def quote_runs_on(tok: Token, lines: int = 3) -> bool:
    """Does a quotation opened on a line above run on to the token's line ('said "It is
    stunning.\nI'll be calling ...')? The last quotation mark of the nearest of the `lines`
    lines above that has one opens it: a curly opening mark, or a straight one after a space."""
    text = tok.doc.text
    end = text.rfind("\n", 0, tok.idx)
    for _ in range(lines):
        if end <= 0:
            return False
        start = text.rfind("\n", 0, end) + 1
        marks = [k for k in range(start, end) if text[k] in _OPEN_QUOTES + _CLOSE_QUOTES + '"']
        if marks:
            k = marks[-1]
            return text[k] in _OPEN_QUOTES or (text[k] == '"' and (k == start or text[k - 1].isspace()))
        end = start - 1
    return False


def antecedent(tok: Token) -> Token:
    """The noun a relative pronoun stands for ("the company, which ...", "strikes ... that hit
    Kyiv"), else the token itself."""
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
        return tok.head.head
    return tok


def subject_relative(c: Token) -> bool:
    """Is `c` a relative clause whose subject is its relative pronoun, so that the noun it
    hangs on does what it tells ("a crackdown that began in May", "violence which erupted")?"""
    return c.dep_ == "relcl" and any(d.dep_ == "nsubj" and d.lower_ in RELATIVE for d in c.children)


def in_issued_statement(tok: Token, intros: frozenset[str]) -> bool:
    """Is the token in a quotation that a paragraph ending with one of `intros` ("issued the
    following statement:") opens, in its first paragraph or in the ones that carry it on
    (each opening with a quote mark)? Such a quotation is the issuer's own text: a press
    release that is the statement. The paragraphs are read once per document."""
    key = "dateline_issued_paragraphs"
    spans = tok.doc.user_data.get(key)
    if not isinstance(spans, list):
        spans = _issued_paragraphs(tok.doc.text, tuple(intros))
        tok.doc.user_data[key] = spans
    i = bisect.bisect_right(spans, (tok.idx, sys.maxsize)) - 1  # not len(doc.text): it joins the text anew
    return i >= 0 and spans[i][0] <= tok.idx < spans[i][1]


def _issued_paragraphs(text: str, intros: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs that quote an issued statement, in text order."""
    out: list[tuple[int, int]] = []
    issuing = False  # the paragraphs before this one opened an issued quotation
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        para = line.strip()
        if para:
            quoted = para.startswith(_QUOTE_MARKS)
            if quoted and issuing:
                out.append((start, end))
            issuing = (quoted and issuing) or para.lower().endswith(intros)
        start = end + 1
    return out


_QUOTE_MARKS = ("\u201c", '"', "\u2018", "'")


def without_final_stop(tok: Token) -> bool:
    """Is the token's sentence a line without a final stop, as headlines are? Headlines tell
    past acts in the present ("Minister Welcomes Counterpart", "Protesters clash with police");
    one may end on a quoted word ("in move lawyer calls 'inhumane'")."""
    words = [t.text for t in tok.sent if not t.is_space]
    end = "".join(words[-2:]).rstrip("\"'”’")  # a quote closes a sentence only after its stop
    return not end or not end.endswith((".", "!", "?"))


def verb_in(words: frozenset[str], v: Token) -> bool:
    """Is the verb one of `words`, where phrasal verbs are listed with their particle ("rule
    out", "call off", "break up")?"""
    lemma = v.lemma_.lower()
    return lemma in words or any(f"{lemma} {c.lower_}" in words for c in v.children if c.dep_ == "prt")


def finite_tense(v: Token) -> str | None:
    """"past" or "present" from the verb's own form or its finite auxiliary ("does not
    recognize": present); None for a bare or non-finite verb. The grammatical tense of the form,
    which is what tells a conjunct's clause apart; the time an act is placed in, with perfects,
    futures and infinitives read through, is `pipeline.timex.syntax._tense`."""
    for w in [v, *(c for c in v.children if c.dep_ in {"aux", "auxpass"})]:
        if w.tag_ == "VBD":
            return "past"
        if w.tag_ in {"VBZ", "VBP"}:
            return "present"
    return None


def speaking_conjunct_of(v: Token, speech: frozenset[str]) -> Token | None:
    """The verb whose clause a conjunct of saying or asking really continues when the parser
    hung it inside what was said: "Abubakar said the initiative aims to mobilize personnel
    and urged counterparts to ...", "He pointed out that Indonesia does not recognize the
    claims, and added that ...". The conjunct has no subject of its own and the tense of the
    verb above, not that of the clause it was hung on ("said the army attacked the town and
    seized ...": all of it said)."""
    if v.dep_ != "conj" or v.lemma_.lower() not in speech or any(c.dep_ in {"nsubj", "nsubjpass"} for c in v.children):
        return None
    said = v.head
    while said.dep_ in {"xcomp", "conj"} and said.head.i != said.i:
        said = said.head  # "said the plan aims to protect the border and urged ...": aims
    sayer = said.head
    if said.dep_ != "ccomp" or sayer.i == said.i or sayer.pos_ != "VERB":
        return None
    tense = finite_tense(v)
    return sayer if tense is not None and tense == finite_tense(sayer) != finite_tense(said) else None


def accusing_verb(voc: EventTypeVocabulary, head: Token) -> Token:
    """The verb an "of"/"for" phrase belongs to: its head, or the verb of blaming or accusing
    whose object the parser hangs it on ("accused police of the killing", "blamed militias for
    the attack": on "police", on "militias")."""
    verb = head.head
    return verb if head.dep_ == "dobj" and accuses(voc, verb.lemma_.lower()) else head


def accuses(voc: EventTypeVocabulary, lemma: str) -> bool:
    """Is the verb one of accusing (an ACCUSE trigger) or of blaming (`blaming_verbs`)?"""
    return lemma in voc.words("blaming_verbs") or voc.verb_type.get(lemma) == "ACCUSE"


def allegation_prep(voc: EventTypeVocabulary, prep: Token) -> bool:
    """Is the preposition one that names what someone is accused, blamed or judged for: "of"
    and "for" ("accused Kyiv of shelling", "blamed militias for the attack"), and "with" after
    a verb of accusing ("charged the mayor with attacking a journalist")?"""
    if prep.lower_ in {"of", "for"}:
        return True
    return prep.lower_ == "with" and accuses(voc, prep.head.lemma_.lower())
