"""Which tokens are triggers, and of which type: verbs and event nouns of the vocabulary,
refined by context patterns; plus whether an untyped verb reports an event at all."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.events.context import Context
from pipeline.events.syntax import WORDLIKE, is_imperative, is_passive, prep_objects
from pipeline.events.vocabulary import OTHER


def trigger_type(ctx: Context, t: Token) -> str | None:
    """Event type of a candidate trigger, or None when it is not a trigger."""
    voc = ctx.voc
    lemma = t.lemma_.lower()
    low = t.lower_
    if t.pos_ == "VERB":
        if lemma in voc.non_events or not WORDLIKE.fullmatch(t.text):
            return None  # copulas, stance verbs; tagger slips on codes ("A-50")
        typed = pattern_type(ctx, t, lemma)
        return typed or voc.verb_type.get(lemma, OTHER)
    if t.pos_ in {"NOUN", "PROPN"} and not t.ent_type_:
        typed = pattern_type(ctx, t, lemma)
        if typed:
            return typed
        name = voc.noun_type.get(low) or voc.noun_type.get(lemma)
        return name
    return None

def pattern_type(ctx: Context, t: Token, lemma: str) -> str | None:
    pats = ctx.voc.patterns.get(lemma)
    if not pats:
        return None
    objs = {c.lemma_.lower() for c in t.children if c.dep_ in {"dobj", "nsubjpass"}}
    objs |= {o.lemma_.lower() for o in prep_objects(t, {"of"})}
    mods = {c.lemma_.lower() for c in t.children if c.dep_ in {"amod", "compound", "nmod"}}
    args = objs | {c.lemma_.lower() for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}}
    for p in pats:
        if p.object and not (p.object & objs):
            continue
        if p.modifier and not (p.modifier & mods):
            continue
        if p.argument and not (p.argument & args):
            continue
        return p.type
    return None


def time_anchored(ctx: Context, n: Token) -> bool:
    """An event noun with its own date: "the invasion on February 24th 2022", "the 2020
    protests"."""
    for c in n.children:
        if c.ent_type_ in {"DATE", "TIME"} and c.dep_ in {"compound", "nmod", "npadvmod", "amod", "nummod"}:
            return True
        if (
            c.dep_ == "prep"
            and c.lower_ in {"on", "in", "of", "since", "during"}
            and any(o.dep_ == "pobj" and o.ent_type_ in {"DATE", "TIME"} for o in c.children)
        ):
            return True
    return False

def eventive_verb(ctx: Context, v: Token) -> bool:
    """False for untyped verbs that do not report an event of their own: imperatives,
    gerunds after prepositions ("by doing"), light verbs without an object or complement ("made clear
    that ..."), and control verbs whose complement carries the event ("sought to avoid",
    "began to sell": the cue goes into factuality)."""
    if is_imperative(v):
        return False
    if v.lemma_.lower() in ctx.voc.light_verbs and not is_passive(v) and not any(c.dep_ in {"dobj", "nsubjpass", "prep"} for c in v.children):
        return False
    if v.dep_ == "pcomp":
        return False
    if v.dep_ == "acl" and v.tag_ == "VBG":
        # present-participle modifiers describe a state ("volunteers serving in ...")
        return False
    lemma = v.lemma_.lower()
    voc = ctx.voc
    if lemma in voc.decision_verbs and any(c.dep_ == "nsubj" for c in v.children):
        # "Apple plans to sell movies", "Jobs has chosen to step down": the decision or
        # plan of the subject is itself news, whatever the complement
        return True
    if lemma in voc.governors or lemma in voc.negating or lemma in voc.planned or lemma in voc.possible:
        for c in v.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB" and trigger_type(ctx, c) is not None:
                return False
    return True

