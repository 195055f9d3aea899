"""Where an event happened: the first place named in a locative phrase of the trigger."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.events.context import Context
from pipeline.events.syntax import LOC_PREPS


def location(ctx: Context, t: Token, extra: Token | None = None) -> str | None:
    starts = [t] + ([extra] if extra is not None else [])
    frontier: list[Token] = []
    for s in starts:
        frontier.extend(c for c in s.children if c.dep_ == "prep")
        frontier.extend(g for c in s.children if c.dep_ == "prep" for g in c.children if g.dep_ == "prep")
    seen = 0
    while frontier and seen < 12:
        p = frontier.pop(0)
        seen += 1
        for o in p.children:
            if o.dep_ != "pobj":
                continue
            if p.lower_ in LOC_PREPS and ctx.resolver.is_place(o):
                ent = ctx.resolver.entity_at(o)
                if ent is not None:
                    return ctx.doc[ent[0] : ent[1]].text
            frontier.extend(c for c in o.children if c.dep_ == "prep")
            for cj in o.conjuncts:
                if p.lower_ in LOC_PREPS and ctx.resolver.is_place(cj):
                    ent = ctx.resolver.entity_at(cj)
                    if ent is not None:
                        return ctx.doc[ent[0] : ent[1]].text
    return None


