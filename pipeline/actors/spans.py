"""Token and span helpers of actor resolution: name spans, noun-phrase edges, per-article mentions."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.actors.common import (
    _QUOTE_CHARS,
    alias_key,
)


@dataclass
class _Mention:
    """A named mention of an actor in the document (entity based)."""

    start: int  # token index
    end: int
    actor_id: str
    resolved_by: str
    label: str
    non_actor: bool = False  # declared not an actor by curation: a place at most, never a participant


@dataclass
class _People:
    """People named in full in one article: identity key -> (actor id, name), surname -> ids,
    first word of the full name -> ids."""

    full: dict[str, tuple[str, str]] = field(default_factory=dict)
    surnames: dict[str, set[str]] = field(default_factory=dict)
    first_words: dict[str, set[str]] = field(default_factory=dict)  # "fu" of "fu cong"

    def name_of(self, actor_id: str) -> str:
        return next((name for aid, name in self.full.values() if aid == actor_id), actor_id.rsplit(":", 1)[-1])


def _drop_words(text: str, key: str, identity: str) -> str:
    """`text` without the words its identity key dropped: titles before a person's name
    ("President Joe Biden"), suffixes after an organisation's ("Apple Inc."); the name a
    discovered actor is shown under."""
    words = text.split()
    dropped = len(key.split()) - len(identity.split())
    if dropped <= 0 or dropped >= len(words):
        return text
    if alias_key(" ".join(words[dropped:])) == identity:
        return " ".join(words[dropped:])
    return " ".join(words[: len(words) - dropped]).rstrip(",")


_LINKS = {"of", "for", "and", "the", "&"}


def _initials(key: str) -> str:
    """The acronym of a name key: first letters of its words but the linking ones."""
    words = [w for w in key.split() if w not in _LINKS]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _ends_name_of(doc: Doc, start: int) -> bool:
    """Whether the match at `start` closes a longer proper name through "of"/"for"
    ("Bank of Ukraine", "Council for Belarus"), not at a sentence start."""
    if start < 2 or doc[start - 1].lower_ not in {"of", "for"}:
        return False
    before = doc[start - 2]
    return before.is_title and before.is_alpha and not before.is_sent_start and before.pos_ == "PROPN"


def _opens_name_of(doc: Doc, end: int) -> bool:
    """Whether an organisation's alias ending at `end` opens a longer proper name through "of"
    ("the Congress of South African Trade Unions", "the Alliance of Democracies"): another body,
    which the NER sees whole."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return False
    after = doc[end + 2] if doc[end + 1].lower_ == "the" and end + 2 < len(doc) else doc[end + 1]
    return after.is_title and after.is_alpha


def _is_subject(root: Token) -> bool:
    """A subject, or the name in apposition to one ("The prime minister, Jane Doe, said")."""
    subj = {"nsubj", "nsubjpass"}
    return root.dep_ in subj or (root.dep_ == "appos" and root.head.dep_ in subj)


def _strip_det(ent: Span) -> str:
    """The entity's name: without a leading article, a trailing possessive or, in a person's
    name, a trailing adverb the NER glued on ("President Moise Shortly before ...")."""
    toks = [t for t in ent if not (t.i == ent.start and t.lower_ in {"the", "a", "an"})]
    while len(toks) > 1 and ent.label_ == "PERSON" and toks[-1].tag_ == "RB":
        toks.pop()
    first = toks[0].i if toks else 0
    if toks and ent.label_ == "PERSON" and _given_name_left_out(ent):
        first -= 1  # "Defense Lloyd | J. Austin III": the NER left the given name out
    text = ent.doc[first : toks[-1].i + 1].text if toks else ""
    if text.endswith(("'s", "\u2019s")):
        text = text[:-2]
    return text.strip()


def _np_start(head: Token) -> int:
    """First token of the noun phrase headed by `head`, without leading punctuation."""
    start = head.i
    for c in head.lefts:
        if c.dep_ in {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "advmod", "predet"}:
            start = min(start, c.left_edge.i)
    doc = head.doc
    while start < head.i and (doc[start].is_punct or doc[start].text in _QUOTE_CHARS):
        start += 1
    return start


def _multiword(head: Token) -> str:
    """The head with its compound/amod modifiers ("foreign minister", "prime minister")."""
    mods = [c.lower_ for c in head.lefts if c.dep_ in {"compound", "amod"} and c.pos_ != "PROPN"]
    return " ".join([*mods[-1:], head.lemma_.lower()]) if mods else head.lemma_.lower()


def _given_name_left_out(ent: Span) -> bool:
    """Does a person's name start with a middle initial ("J. Austin III") right after a
    capitalised proper noun outside any entity ("Lloyd"): the given name the NER cut off?"""
    head = ent[0].text
    if ent.start == 0 or not (len(head) == 2 and head[0].isupper() and head[1] == "."):
        return False
    before = ent.doc[ent.start - 1]
    return before.pos_ == "PROPN" and before.is_title and before.is_alpha and before.ent_iob_ == "O"
