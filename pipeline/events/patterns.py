"""Context patterns of `schemas/event_types.yaml` (`patterns:`): which pattern of a lemma a
token's dependents satisfy. Shared by the triggers (a pattern types a trigger) and the noun
arguments (a pattern that makes a verb no act with its object)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from pipeline.events.context import Context
from pipeline.events.participants import counted
from pipeline.events.syntax import marked_clauses, prep_objects
from pipeline.events.vocabulary import Pattern


def forms(tokens: Iterable[Token]) -> set[str]:
    """The lemmas and the lower-case forms of `tokens`, and each one's entity label in angle
    brackets: a pattern's word list may name a form ("talks" is lemmatised "talk", "forces"
    stays "forces") or any sum or share ("<MONEY>" for "$40", "<PERCENT>" for "25%"; the lists
    are read in lower case)."""
    return {f for t in tokens for f in (t.lemma_.lower(), t.lower_, f"<{t.ent_type_.lower()}>" if t.ent_type_ else "")} - {""}


def with_counted(tokens: list[Token]) -> list[Token]:
    """The tokens and what a count among them counts ("dozens of rockets", "hundreds of
    protesters"): a pattern's word list names the rockets, not the dozens."""
    return tokens + [o for c in tokens for o in counted(c)]


def pattern_type(ctx: Context, t: Token, lemma: str) -> str | None:
    """The type the first matching context pattern of `schemas/event_types.yaml` gives t."""
    p = matching_pattern(ctx, t, lemma)
    return None if p is None else p.type


def matching_pattern(ctx: Context, t: Token, lemma: str) -> Pattern | None:
    """The first context pattern of t's lemma that t's dependents satisfy."""
    pats = ctx.voc.patterns.get(lemma)
    if not pats:
        return None
    held = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
    objs = forms(with_counted(held))
    # "a state of emergency", "martial law": a list may name the object with its "of" object or its modifier
    objs |= {f"{c.lemma_.lower()} of {o.lower_}" for c in held for o in prep_objects(c, {"of"})}
    objs |= {f"{m.lower_} {c.lemma_.lower()}" for c in held for m in c.children if m.dep_ in {"amod", "compound"}}
    if t.dep_ in {"acl", "relcl"} and t.tag_ == "VBN":
        objs |= forms([t.head])  # "a photo released by the agency", "a report to be released"
    objs |= forms(prep_objects(t, {"of"}))
    # a bare adverb counts as a modifier ("charge less"); one with words of its own does not
    # ("pulled way out front": no pulling out)
    mods = forms(c for c in t.children if c.dep_ in {"amod", "compound", "nmod", "prt"}
                  or (c.dep_ == "advmod" and not any(True for _ in c.children)))
    args = objs | forms(with_counted([c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}]))
    doers = forms(with_counted([c for c in t.children if c.dep_ in {"nsubj", "poss"}]))
    for p in pats:
        if p.object and not (p.object & objs):
            continue
        if p.modifier and not (p.modifier & mods):
            continue
        if p.argument and not (p.argument & args):
            continue
        if p.prep and not any(c.dep_ in {"prep", "agent"} and c.lower_ in p.prep for c in t.children) \
                and not (not p.prep_object and marked_clauses(t, p.prep)):
            continue
        if p.prep_object and not (p.prep_object & (forms(prep_objects(t, set(p.prep))) | _clauses(t, p.prep))):
            continue
        if p.complement and not any(c.dep_ in {"oprd", "acomp", "ccomp", "xcomp"} and c.lemma_.lower() in p.complement
                                    for c in t.children):
            continue
        if p.deps and not any(c.dep_ in p.deps for c in t.children):
            continue
        if p.without and any(c.dep_ in p.without for c in t.children):
            continue
        if p.pos and t.pos_ not in p.pos:
            continue
        if p.governor and not (t.dep_ == "dobj" and t.head.lemma_.lower() in p.governor):
            continue
        if p.subject and not (p.subject & doers):
            continue
        if p.within and not (t.dep_ == "pobj" and t.head.lower_ in p.within):
            continue
        return p
    return None


def _clauses(t: Token, preps: frozenset[str]) -> set[str]:
    """"<clause>" when one of the prepositions takes a clause ("attacked the paper for refusing
    to support him"): a pattern's `prep_object` list may name it as it names a noun."""
    return {"<clause>"} if any(c.dep_ == "prep" and c.lower_ in preps and any(g.dep_ == "pcomp" for g in c.children)
                               for c in t.children) else set()
