"""Participation: whether a candidate names who takes part in a specific act (the gate
`has_participant`, the last of `pipeline.events.gates`). A verb needs a participant that is
an actor; an event noun a named one of its own or a reference to one occurrence ("the
attack", "Monday's strikes"); a protest may be made by a crowd of no stated side."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.events.arguments import Args
from pipeline.events.context import Context
from pipeline.events.noun_arguments import engaging_verb
from pipeline.events.participants import counted, group_of_part, owners_of, state_where
from pipeline.events.syntax import prep_objects
from pipeline.events.triggers import Candidate, time_anchored

_DEFINITE = {"the", "this", "these", "those", "that"}
_NAMED_ENTS = {"NORP", "GPE", "ORG", "DATE", "TIME", "PERSON", "FAC", "LOC"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}


def has_participant(ctx: Context, cand: Candidate) -> bool:
    """A verb needs a participant. An event noun needs a named participant of its own
    ("Russia's strikes", "sanctions against Belarus"), or must refer to one specific occurrence
    ("the attack", "Monday's strikes", "this latest airstrike", "the invasion on 24 February"),
    else it names a topic ("sanctions are a tool"). A noun kept for its reference alone keeps
    only the participants that are actors."""
    args, t = cand.args, cand.trigger
    slots = args.sources + args.targets
    if cand.is_verb:
        if ctx.voc.family(cand.etype.name) == "PROTEST" and any(_crowd(ctx, a) for a in args.sources):
            cand.args = Args([_counted(ctx, a) for a in args.sources], args.targets)
            return True
        slots = [group_of_part(ctx, a) or a for a in slots]  # "many of the protesters were beaten"
        if any(ctx.ref(a) is not None for a in slots) and any(ctx.is_participant(a) for a in slots):
            return True
        if any(_counted_people(ctx, t, a) for a in args.targets):
            return True  # "the attack killed 12": a count of people harmed is who took part
        # "the elections held May 20 in Venezuela": the state that holds it takes part
        return cand.etype.place_source and bool(state_where(ctx, t, cand.noun, set()))
    if engaging_verb(ctx, t) is not None and any(ctx.ref(a) is not None and ctx.is_participant(a) for a in slots):
        return True  # "drivers went on strike": the clause's subject is on it, as a verb's would be
    if _predicative(t):
        return False
    if any(a.pos_ != "PRON" and ctx.is_strong(a) for a in slots):
        return True
    if cand.etype.place_source and _held_on_a_date_in_a_state(ctx, t):
        return True
    if not (time_anchored(ctx, t) or specific_reference(t) or specific_in_context(ctx, t)):
        return False
    # a thing with a named owner stays for its owner ("the forced landing of a Ryanair flight")
    cand.args = Args([a for a in args.sources if ctx.is_strong(a)], [a for a in args.targets if ctx.is_strong(a) or owners_of(ctx, a)])
    return True


def _counted_people(ctx: Context, verb: Token, tok: Token) -> bool:
    """A bare count as what a verb of harm or custody acted on ("the attack killed 12", "after
    the 40 were deported"): people, though the text does not repeat the word
    (`counted_victim_verbs`). The object of an act, or a definite passive subject; a tally
    ("more than 60 have been killed") is no one act."""
    if verb.lemma_.lower() not in ctx.voc.words("counted_victim_verbs") or not (tok.like_num or tok.ent_type_ == "CARDINAL"):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return False
    definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children)
    return tok.dep_ == "dobj" or (tok.dep_ == "nsubjpass" and definite)


def _held_on_a_date_in_a_state(ctx: Context, n: Token) -> bool:
    """An event noun that a dated light verb says was held in a state: one occasion, held by
    that state ("A referendum was held in Moldova on Sunday", "will be held ... in May"; what
    "is held" in a state "every five years" is a habit)."""
    v = n.head
    habitual = any(c.dep_ == "auxpass" and c.tag_ in {"VBZ", "VBP"} for c in v.children)
    return (n.dep_ == "nsubjpass" and v.lemma_.lower() in ctx.voc.light_verbs and not habitual
            and time_anchored(ctx, v) and bool(state_where(ctx, n, None, set())))


def _crowd(ctx: Context, tok: Token) -> bool:
    """A crowd of no stated side ("Thousands protested", "hundreds of people rallied"): who a
    protest is made by even when no actor is named; a count is no participant of other acts
    (`participants.group_of_part`)."""
    words = ctx.voc.words("crowd_words")
    return tok.lower_ in words or any(o.lower_ in words for o in counted(tok))


def _counted(ctx: Context, tok: Token) -> Token:
    """Who a count counts, as far as an actor is named ("tens of thousands of people" ->
    "people", "hundreds of protesters" -> "protesters"); the count itself otherwise."""
    node = tok
    for _ in range(3):
        of = counted(node)
        if not of:
            break
        node = of[0]
        if ctx.ref(node) is not None:
            return node
    return tok


def _predicative(n: Token) -> bool:
    """An indefinite noun that classifies rather than reports: "Minsk is a threat",
    "condemned the launch as a possible threat", "called it an attack on democracy". A
    definite one identifies an occurrence ("the trigger was the forced landing")."""
    if specific_reference(n):
        return False
    if n.dep_ in {"attr", "oprd"}:
        return True
    return n.dep_ == "pobj" and n.head.lower_ == "as" and n.head.head.pos_ in {"VERB", "AUX"}


def specific_reference(n: Token) -> bool:
    """An event noun that points at particular occurrences: a definite or demonstrative
    determiner, a possessor ("Monday's attack", "their attack") or a named modifier
    ("Russian strikes", "the Kyiv attack"), a place ("a suicide attack in Kabul"), or a
    headline's noun; "any attack", "no talks" and bare generic plurals ("attacks on shipping
    are rising") do not."""
    for c in n.children:
        if c.dep_ == "det" and c.lower_ in _DEFINITE:
            return True
        if c.dep_ == "compound" and any(d.dep_ == "det" and d.lower_ in _DEFINITE for d in c.children):
            return True  # "the ceasefire talks" with "the" hung on "ceasefire"
        if c.dep_ == "poss":
            return True
        if c.dep_ in {"amod", "compound", "nmod"} and c.ent_type_ in _NAMED_ENTS:
            return True
    # "a suicide attack in Kabul": located, so one occurrence
    return any(o.ent_type_ in _PLACE_ENTS for o in prep_objects(n, {"in", "at", "near", "on"}))


def specific_in_context(ctx: Context, n: Token) -> bool:
    """An event noun that names an aspect of a specific occurrence ("the disputed election
    results", "the attack's death toll") or a headline's event noun."""
    if n.dep_ == "compound" and n.head.lemma_.lower() in ctx.voc.words("event_aspect_nouns") and specific_reference(n.head):
        return True
    return headline_event(ctx, n)


def headline_event(ctx: Context, n: Token) -> bool:
    """An event noun of a headline that names who or where ("Terrorist Attack In Nairobi,
    Kenya"); a bare label ("Press Releases", "Health Report") is page furniture."""
    if not headline(n.sent):
        return False
    if any(c.dep_ == "compound" and c.lemma_.lower() in ctx.voc.words("media_nouns") for c in n.children):
        return False
    return any(w.ent_type_ in _NAMED_ENTS - {"DATE", "TIME"} for w in n.sent if w.i != n.i)


def headline(sent: Span) -> bool:
    """A headline or caption heading: short, no closing punctuation, mostly capitalised words
    ("Terrorist Attack In Nairobi, Kenya"). Headlines drop articles, so their event nouns
    refer to the story's own events."""
    words = [w for w in sent if w.is_alpha]
    if not words or len(words) > 20:
        return False
    last = next((w for w in reversed(sent) if not w.is_space), None)
    if last is None or last.text in {".", "!", "?", "\"", "”"}:
        return False
    capitalised = sum(1 for w in words if w.text[0].isupper())
    return capitalised >= 0.6 * len(words)
