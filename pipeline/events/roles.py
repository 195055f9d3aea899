"""Who did it to whom, as actors: a candidate's argument tokens (from `arguments`) turned into
source/target actor pairs, and what was acted upon (a thing, never an actor)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from pipeline.events.context import Context
from pipeline.events.noun_arguments import noun_args
from pipeline.events.participants import actor_like, of_participant, owners_of, places_of, pronoun_owner, state_where
from pipeline.events.syntax import antecedent, conjuncts, prep_objects
from pipeline.events.vocabulary import OTHER
from pipeline.models import ActorRef

if TYPE_CHECKING:
    from pipeline.events.triggers import Candidate


Pair = tuple[ActorRef | None, ActorRef | None]


@dataclass
class Roles:
    """Who did it to whom, one row per actor pair, and what was acted upon (a thing: "the
    missiles", "a decree", "energy equipment"), which is never an actor."""

    pairs: list[Pair]
    theme: ActorRef | None = None


def _topic(ctx: Context, cand: Candidate, arg: Token) -> bool:
    """Is the argument the object of a verb of discussing, what was talked about, no party:
    "discussed China's role in global security", "discussed Ukraine" (`topic_verbs`); whom
    they discussed it with is ("discussed the crisis with his Turkish counterpart")?"""
    return cand.is_verb and arg.dep_ == "dobj" and arg.head.i == cand.trigger.i \
        and cand.trigger.lemma_.lower() in ctx.voc.words("topic_verbs")


def actor_pairs(ctx: Context, cand: Candidate) -> Roles:
    """Source and target actors of a candidate: people, organisations, states, government
    bodies and named or collective groups, never things. One row per coordinated actor ("X
    and Y met": one row per other party, the first named as source), at most six."""
    args = cand.args
    # "tens of thousands of people rallied": the people, not the number
    sources = [of_participant(ctx, a) for a in args.sources if ctx.is_participant(a) or a.pos_ == "PRON"]
    acted_on = [_acted_on(ctx, of_participant(ctx, a)) for a in args.targets if not _topic(ctx, cand, a)]
    targets = [a for a in acted_on if ctx.is_participant(a) or a.pos_ == "PRON"]
    if not targets:
        # "the forced landing of a Ryanair flight", "the seizure of Kenyan vessels": the
        # named owner of what was acted upon, not an actor itself, is the target
        targets = [o for a in acted_on for o in owners_of(ctx, a)][:1]
    src_things = [a for a in sources if not actor_like(ctx, a)]
    tgt_things = [a for a in targets if not actor_like(ctx, a)]
    things = args.themes + tgt_things + src_things
    # a pronoun names no thing ("the bombing of a base that killed nine soldiers": not "that")
    theme = ctx.ref(things[0]) if things and things[0].pos_ != "PRON" else None
    src_refs = _slot_refs(ctx, [a for a in sources if actor_like(ctx, a)] or _attackers(ctx, cand))
    tgt_refs = _slot_refs(ctx, [a for a in targets if actor_like(ctx, a)])
    if not src_refs and src_things:
        # "Russian drones hit ...": the drones' owner did it
        thing = antecedent(src_things[0])  # "strikes ... that hit Kyiv": the strikes' maker
        src_refs = _slot_refs(ctx, (owners_of(ctx, thing) or pronoun_owner(ctx, thing))[:1])
    if not tgt_refs and tgt_things:
        # "froze $300 billion in Russian assets": at Russia; "an attack on a police base in
        # Kabul": at the police; "strikes against military targets in Houthi-controlled areas
        # of Yemen": at Yemen
        tgt_refs = _slot_refs(ctx, (owners_of(ctx, tgt_things[0]) + places_of(ctx, tgt_things[0]))[:1])
    if not tgt_refs and cand.etype.place_target:
        tgt_refs = state_where(ctx, cand.trigger, cand.noun, {r.actor_id for r in src_refs})
    if cand.etype.family == "PROTEST":
        src_refs = [_protesters(ctx, r) for r in src_refs]
    if not src_refs and cand.etype.place_source:
        src_refs = state_where(ctx, cand.trigger, cand.noun, {r.actor_id for r in tgt_refs})
    mutual = not tgt_refs and cand.trigger.lemma_.lower() in ctx.voc.words("reciprocal_verbs")
    if len(src_refs) >= 2 and (mutual or any(_reciprocal(a) for a in args.targets)):
        # "Armenia and Azerbaijan accused each other", "expelled each other's diplomats",
        # "India and Pakistan traded fire": each side did it to the other
        both: list[Pair] = [(a, b) for a in src_refs for b in src_refs if a.actor_id != b.actor_id]
        return Roles(both[:6], None)
    if cand.etype.symmetric and len(src_refs) >= 2 and not tgt_refs:
        return Roles([(src_refs[0], other) for other in src_refs[1:6]], theme)
    s_opts: list[ActorRef | None] = list(src_refs) or [None]
    t_opts: list[ActorRef | None] = list(tgt_refs) or [None]
    pairs = [(s, g) for s in s_opts for g in t_opts][:6]
    kept = [(s, g) for s, g in pairs if s is None or g is None or s.start_char != g.start_char]
    return Roles(kept or [(s_opts[0], None)], theme)


def _attackers(ctx: Context, cand: Candidate) -> list[Token]:
    """Who made the attack a victim was killed or hurt in ("Two journalists were killed in an
    Israeli airstrike", "wounded in a Russian missile strike"): the attack noun's own source,
    for the verbs of victims (`counted_victim_verbs`)."""
    t = cand.trigger
    if t.pos_ != "VERB" or t.lemma_.lower() not in ctx.voc.words("counted_victim_verbs"):
        return []
    assault = ctx.voc.event_type("ASSAULT")
    acts = [n for n in prep_objects(t, {"in", "during"})
            if ctx.voc.family(ctx.voc.noun_type.get(n.lemma_.lower(), OTHER)) == assault.family]
    return [s for n in acts[:1] for s in noun_args(ctx, n, assault).sources if actor_like(ctx, s)][:1]


def _reciprocal(tok: Token) -> bool:
    """Is the target "each other" or "one another", or something of theirs ("each other's
    diplomats")?"""
    words = [tok, *(c for c in tok.children if c.dep_ == "poss")]
    return any((w.lower_ == "other" and any(d.lower_ == "each" for d in w.children))
               or (w.lower_ == "one" and any(d.lower_ == "another" for d in w.children)) for w in words)


def _protesters(ctx: Context, ref: ActorRef) -> ActorRef:
    """A people named by its demonym that protests is the country's protesters, not its state
    ("Tens of thousands of Sudanese began protesting", "protests by Palestinians"); a state
    named protests as a state ("China protested the visit")."""
    hit = ctx.resolver.vocab.lookup(ref.text)
    if hit is None or hit[1] != "demonym" or hit[0] != ref.actor_id:
        return ref
    people = ctx.resolver.people_of(ref.actor_id, "protesters")
    return replace(ref, actor_id=people) if people is not None else ref


def _acted_on(ctx: Context, tok: Token) -> Token:
    """An event noun in the object slot names someone else's act: its agent is who the verb
    bears on ("condemned the violence perpetrated by thugs", "broke up a protest by
    students"), or else its own target ("condemned the detention of the mayor")."""
    name = ctx.voc.noun_type.get(tok.lower_) or ctx.voc.noun_type.get(tok.lemma_.lower())
    if tok.pos_ == "NOUN" and (name is None or name == OTHER) and not actor_like(ctx, tok):
        # an untyped act or thing made by someone ("condemned the cowardly act by X",
        # "welcomed the decision by X"): the verb bears on its named author (h1)
        for a in prep_objects(tok, {"by"}):
            if ctx.is_strong(a):
                return a
    if tok.pos_ != "NOUN" or name is None or name == OTHER:
        return tok
    etype = ctx.voc.event_type(name)
    inner = noun_args(ctx, tok, etype)
    own = [a for a in inner.sources + inner.targets if _inside(a, tok)]  # not the governing verb's subject
    for a in own:
        if ctx.is_strong(a):
            return a
    for c in tok.children:
        if c.dep_ == "acl":  # "the violence perpetrated by government-controlled thugs"
            for a in prep_objects(c, {"by"}):
                if ctx.is_strong(a):
                    return a
    return tok


def _inside(a: Token, phrase: Token) -> bool:
    """a is within the noun phrase headed by `phrase`."""
    return any(w.i == a.i for w in phrase.subtree) and a.i != phrase.i


def _slot_refs(ctx: Context, heads: list[Token]) -> list[ActorRef]:
    """The actors of one slot: its head and the named actors coordinated with it, or with the
    names in apposition to it ("candidates Juan Chamorro and Arturo Cruz were arrested")."""
    toks = [c for s in heads for c in [*conjuncts(s), *_apposed_conjuncts(s)] if ctx.ref(c) is not None]
    refs = [ctx.ref(c) for c in toks if c == heads[0] or ctx.is_strong(c)]
    # "the foreign ministers of Japan and South Korea": the officials of each state named
    refs += [ctx.ref(cj) for s in heads for cj in _coordinated_owners(ctx, s)]
    # "U.S. and Chinese officials": the people of each, a demonym as much as a name
    refs += [_people_of(ctx, s, c) for s in heads if ctx.ref(s) is not None for c in _coordinated_modifiers(s)]
    # "They agreed" after "Lukashenko met Putin": each party, at the pronoun
    refs += [ActorRef(t.idx, t.idx + len(t.text), t.text, aid, "coreference")
             for t in toks for aid in ctx.resolver.parties(t)[1:]]
    seen: set[tuple[int, int, str]] = set()
    out = []
    for r in refs:
        if r is not None and (r.start_char, r.end_char, r.actor_id) not in seen:
            seen.add((r.start_char, r.end_char, r.actor_id))
            out.append(r)
    return out


def _coordinated_owners(ctx: Context, noun: Token) -> list[Token]:
    """The states coordinated with the one a noun of people belongs to by "of" ("the foreign
    ministers of Japan and South Korea": South Korea), when the noun stands for that state (a
    daughter "of Daniel Ortega and Rosario Murillo" is neither's office)."""
    ref = ctx.ref(noun)
    owners = prep_objects(noun, {"of"})
    if ref is None or not owners or (owner := ctx.ref(owners[0])) is None or owner.actor_id != ref.actor_id:
        return []
    actor = ctx.resolver.actor(owner.actor_id)
    if actor is None or actor.actor_type != "state":
        return []
    return [cj for cj in conjuncts(owners[0])[1:] if ctx.is_strong(cj)]


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _people_of(ctx: Context, noun: Token, name: Token) -> ActorRef | None:
    """The actor of a name that modifies a noun of people: the state's people who do not act
    for it when the noun says so ("Afghan and Iranian migrants": Iran's civilians, as the
    migrants of Afghanistan are), else the name's own actor."""
    ref = ctx.ref(name)
    actor = ctx.resolver.actor(ref.actor_id) if ref is not None else None
    if ref is None or actor is None or actor.actor_type != "state":
        return ref
    people = ctx.resolver.people_of(ref.actor_id, noun.lemma_.lower()) or ctx.resolver.people_of(ref.actor_id, noun.lower_)
    return replace(ref, actor_id=people) if people is not None else ref


def _coordinated_modifiers(tok: Token) -> list[Token]:
    """The names coordinated with the name that modifies a common noun ("Chinese" in "U.S. and
    Chinese officials met", "C.A.R." in "Cameroon and C.A.R. officials"): the noun stands for
    people of each; the first is the noun's own actor."""
    if tok.pos_ != "NOUN":
        return []
    # joined by "and" or "or", and no possessor ("the Taliban, Afghanistan's de facto leaders"
    # is one actor described, read by the parser as two)
    return [c for m in tok.children if m.dep_ in {"amod", "nmod", "compound"} and m.i < tok.i
            and any(w.dep_ == "cc" for w in m.children)
            for c in m.conjuncts if c.i > m.i and c.ent_type_ in _NAME_LABELS
            and not any(w.dep_ == "case" for w in c.children)]


def _apposed_conjuncts(tok: Token) -> list[Token]:
    """The names coordinated with a name in apposition to `tok` ("Cruz" in "candidates Juan
    Chamorro and Arturo Cruz"): the parser hangs them on the first name, not on the noun. Only
    names of people, bodies and states ("co-founder and program manager" are roles of one person)."""
    def named(t: Token) -> bool:
        return t.pos_ == "PROPN" and t.ent_type_ in _NAME_LABELS
    return [c for a in tok.children if a.dep_ == "appos" and named(a) for c in conjuncts(a)[1:] if named(c)]

