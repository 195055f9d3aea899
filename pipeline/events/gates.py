"""Gates a candidate passes before it becomes a row: it must be an act with a participant.

Each gate is a general rule of English news prose; `admit` applies them in order. A gate
that fails drops the candidate silently: these are not errors, just clauses that report no
coded act (a topic, a state, the author's advice).
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.events.arguments import Args
from pipeline.events.context import Context
from pipeline.events.triggers import Candidate, time_anchored


def admit(ctx: Context, cand: Candidate) -> bool:
    """True when the candidate reports a coded act of someone (see each gate)."""
    return has_participant(ctx, cand)


def has_participant(ctx: Context, cand: Candidate) -> bool:
    """A verb needs a participant. An event noun needs a named participant of its own
    ("Russia's strikes", "sanctions against Belarus"), or must refer to one specific occurrence
    ("the attack", "Monday's strikes", "this latest airstrike", "the invasion on 24 February"),
    else it names a topic ("sanctions are a tool"). A noun kept for its reference alone keeps
    only the participants that are actors."""
    args, t = cand.args, cand.trigger
    slots = args.sources + args.targets
    if cand.is_verb:
        return any(ctx.ref(a) is not None for a in slots) and any(ctx.is_participant(a) for a in slots)
    if any(a.pos_ != "PRON" and ctx.is_strong(a) for a in slots):
        return True
    if not (time_anchored(ctx, t) or specific_reference(t)):
        return False
    cand.args = Args([a for a in args.sources if ctx.is_strong(a)], [a for a in args.targets if ctx.is_strong(a)])
    return True


_DEFINITE = {"the", "this", "these", "those", "that"}


def specific_reference(n: Token) -> bool:
    """An event noun that points at particular occurrences: a definite or demonstrative
    determiner, a possessor ("Monday's attack", "their attack") or a named modifier
    ("Russian strikes", "the Kyiv attack"); "any attack", "no talks" and bare generic plurals
    ("attacks on shipping are rising") do not."""
    for c in n.children:
        if c.dep_ == "det" and c.lower_ in _DEFINITE:
            return True
        if c.dep_ == "poss":
            return True
        if c.dep_ in {"amod", "compound", "nmod"} and c.ent_type_ in {"NORP", "GPE", "ORG", "DATE", "TIME", "PERSON"}:
            return True
    return False
