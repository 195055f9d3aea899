"""Organisation names the NER cuts in two ("the National | Congress Party", "the World Uyghur |
Congress"), or runs on into the name of the person in apposition ("the Ministry of Culture,
Zia-ul Haq Haqmal").

Why: the statistical NER often ends an unfamiliar organisation's name at a word it knows as a
name of its own ("Congress", "National") and starts a second organisation there, leaving the
name's last word ("Party") outside both; when the known word is a dictionary name
("Congress"), the actor dictionary has fixed it first. Each half then became an actor of its
own ("The National Congress Party says ..." was the U.S. Congress speaking). Two organisation
entities side by side in one noun phrase (the first hangs on the second's words or on the word
after it) are one name; a capitalised head right after them ("Party") belongs to it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.actors.vocabulary import ActorVocabulary

COMPONENT = "dateline_org_fragments"
LABEL = "ORG"


def mend(doc: Doc, vocabulary: ActorVocabulary) -> Doc:
    """Join each run of adjacent organisation fragments of one noun phrase into one entity, and
    cut an organisation at the comma before a person's name in apposition."""
    ents = [part for ent in doc.ents for part in _cut_at_a_name(doc, ent)]
    if len(ents) != len(doc.ents):
        doc.ents = ents
    out: list[Span] = []
    joined: set[int] = set()  # starts of the joined names
    for ent in ents:
        prev = out[-1] if out else None
        if prev is not None and _one_name(prev, ent) and not _names_a_state(prev, vocabulary):
            out[-1] = Span(doc, prev.start, ent.end, label=LABEL)
            joined.add(prev.start)
        else:
            out.append(ent)
    if joined:
        out = [_with_head_word(doc, e) if e.start in joined else e for e in out]
        for e in out:
            if e.start in joined:
                for t in e:
                    t.ent_id_ = ""  # no longer the dictionary's "Congress"
        doc.ents = _without_overlaps(out)
    return doc


def _cut_at_a_name(doc: Doc, ent: Span) -> list[Span]:
    """An organisation the NER runs on past a comma into a name in apposition ("the deputy
    minister for the Ministry of Information and Culture, Zia-ul Haq Haqmal, told VOA"): the
    organisation ends at the comma and the two to four capitalised words after it are a
    person's name. Only the parser's apposition: "Sanofi, Inc." is one name."""
    commas = [t for t in ent if t.text == ","]
    if ent.label_ != LABEL or len(commas) != 1 or commas[0].i == ent.start:
        return [ent]
    name = doc[commas[0].i + 1 : ent.end]
    words = name.text.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words) or name.root.dep_ != "appos":
        return [ent]
    return [Span(doc, ent.start, commas[0].i, label=LABEL), Span(doc, name.start, name.end, label="PERSON")]


def _one_name(first: Span, second: Span) -> bool:
    """Two organisation entities side by side, every word capitalised but an opening article,
    the first attached inside the second or to the word right after it ("the National" ->
    "Congress" -> "Party"). The second may be a dictionary name the first makes part of a
    longer one ("Congress" in "the World Uyghur Congress" is not the U.S. Congress); a first
    half the dictionary fixed ("U.S." before "Congress") is a name of its own."""
    if first.label_ != LABEL or second.label_ != LABEL or first.end != second.start:
        return False
    if first.ent_id_:
        return False
    words = [t for t in (*first, *second) if not (t.i == first.start and t.lower_ in {"the", "a", "an"})]
    if not all(_capitalised(t) for t in words):
        return False
    return second.start <= first.root.head.i <= second.end


def _names_a_state(ent: Span, vocabulary: ActorVocabulary) -> bool:
    """Does a word of the first half name a state ("The Afghan | Taliban"): then the second
    is that state's, not a longer name."""
    for t in ent:
        hit = vocabulary.lookup(t.text)
        if hit is not None and vocabulary.entries[hit[0]].actor_type == "state":
            return True
    return False


def _with_head_word(doc: Doc, ent: Span) -> Span:
    """A joined name with the capitalised word it is a modifier of, when that word follows it
    ("National Congress" + "Party")."""
    if ent.end >= len(doc):
        return ent
    nxt = doc[ent.end]
    if ent.root.head.i == nxt.i and _capitalised(nxt) and nxt.ent_type_ == "" and nxt.pos_ in {"PROPN", "NOUN"}:
        return Span(doc, ent.start, ent.end + 1, label=LABEL)
    return ent


def _capitalised(t: Token) -> bool:
    return t.is_alpha and (t.is_title or t.is_upper)


def _without_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for s in spans:
        if kept and s.start < kept[-1].end:
            continue
        kept.append(s)
    return kept


class _Component:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        from pipeline.actors.common import COMPONENT_NAME

        ruler = self.nlp.get_pipe(COMPONENT_NAME) if COMPONENT_NAME in self.nlp.pipe_names else None
        vocabulary = getattr(ruler, "vocabulary", None)
        return mend(doc, vocabulary) if vocabulary is not None else doc


@Language.factory(COMPONENT)
def _make(nlp: Language, name: str) -> _Component:
    return _Component(nlp)


def install(nlp: Language) -> None:
    """Add the mend right after the NER (idempotent; nothing without one). It reads the actor
    dictionary the actor ruler holds, so it runs only where that is installed."""
    if COMPONENT not in nlp.pipe_names and "ner" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after="ner")
