"""Which tokens stand for actors, and whose or where a thing is: the helpers that finding
arguments (`arguments`) and turning them into actor pairs (`roles`) share."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.events.context import Context
from pipeline.events.syntax import NON_PARTICIPANT_ENTS, prep_objects
from pipeline.models import ActorRef


def of_participant(ctx: Context, tok: Token) -> Token:
    """For "20 of Boeing's planes", "the next generation of software products": the
    thing in the of-phrase when the head itself is a number or an abstraction. Likewise
    the named owner of an abstraction ("upheld Boeing's protest": the act bears on
    Boeing; a possessive pronoun mostly repeats the subject, "Ukraine changed its
    approach"), the thing an appositive names ("its latest addition, the iPod nano") and
    what an amount buys ("ordered US$6 billion in new airliners")."""
    group = group_of_part(ctx, tok)
    if group is not None:
        return group
    if tok.pos_ == "NOUN" and not actor_like(ctx, tok):
        # "the head of the city administration, Serhii Popko, wrote": the person named beside it
        # (the parser often hangs the name on the of-object: a person names the head, not the office)
        named = [c for c in tok.children if c.dep_ == "appos" and actor_like(ctx, c)] + [
            c for o in prep_objects(tok, {"of"}) for c in o.children
            if c.dep_ == "appos" and c.ent_type_ == "PERSON" and o.ent_type_ != "PERSON" and actor_like(ctx, c)]
        if named:
            return named[0]
    # "negotiated the purchase of 22 aircraft": the aircraft belong to the purchase
    event_noun = tok.lemma_.lower() in ctx.voc.noun_type or tok.lower_ in ctx.voc.noun_type
    if tok.pos_ in {"NOUN", "NUM", "SYM"} and (tok.like_num or tok.ent_type_ in NON_PARTICIPANT_ENTS or not ctx.is_participant(tok)):
        for o in [] if event_noun else prep_objects(tok, {"of"}):
            if ctx.is_participant(o):
                return o
        if tok.ent_type_ in {"MONEY", "QUANTITY", "CARDINAL"}:
            for o in prep_objects(tok, {"in", "for"}):
                if ctx.is_participant(o):
                    return o
        for c in tok.children:
            if c.dep_ == "appos" and ctx.is_participant(c):
                return c
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ != "PRON" and ctx.is_strong(c):
                return c
    return tok


def group_of_part(ctx: Context, tok: Token) -> Token | None:
    """The specific group a quantifier picks from: "many of the protesters", "some of those
    arrested", "most of them". A count of an unspecified group ("thousands of people") is not
    one: news-dev codes such crowds only sometimes (measured, docs/benchmarks.md)."""
    if tok.lower_ not in QUANTIFIER_PRONOUNS:
        return None
    for o in prep_objects(tok, {"of"}):
        definite = o.pos_ == "PRON" or any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an"} for c in o.children)
        if definite and ctx.is_participant(o):
            return o
    return None


QUANTIFIER_PRONOUNS = {"many", "some", "most", "all", "several", "few", "both", "each", "none", "one", "two", "three",
                       "dozens", "hundreds", "thousands", "tens", "scores", "majority", "half", "rest"}


def counted(tok: Token) -> list[Token]:
    """What a count, a share or a measure counts ("dozens of rockets", "hundreds of
    protesters", "90% of the sea", "20 tons of medical supplies", "500 million euros in aid");
    nothing when the token is no count."""
    share = tok.ent_type_ == "PERCENT" or tok.lower_ in {"%", "percent"}
    if tok.ent_type_ in {"MONEY", "QUANTITY"} or (tok.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in tok.children)):
        return prep_objects(tok, {"of", "in"})
    return prep_objects(tok, {"of"}) if tok.lower_ in QUANTIFIER_PRONOUNS or tok.like_num or share else []


def actor_like(ctx: Context, tok: Token) -> bool:
    """An actor: a named or dictionary actor, a resolved pronoun or description, a human
    collective ("police", "protesters", "officials") or an institution ("the committee");
    not a thing ("missiles", "the decree", "energy equipment")."""
    if ctx.is_strong(tok):
        return True
    ref = ctx.ref(tok)
    actor = ctx.resolver.actor(ref.actor_id) if ref is not None else None
    return actor is not None and actor.actor_type in {"person", "organisation", "state", "group"} and tok.pos_ != "PRON"


def participle_agent(n: Token, onlookers: frozenset[str] = frozenset()) -> Token | None:
    """The by-agent of a participle that modifies a noun ("violence perpetrated by armed
    gangs", "attacks carried out by the rebels", "depots used by the militia"); not of one of
    `onlookers` ("a meeting requested by the United States": it asked for the meeting, the
    council met)."""
    for c in n.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() not in onlookers:
            by = prep_objects(c, {"by"})
            if by:
                return by[0]
    return None


def owners_of(ctx: Context, thing: Token) -> list[Token]:
    """The named actor a thing belongs to: "Russian assets", "a Ryanair flight", "Belarus's
    embassy building"."""
    named = [
        c for c in thing.children
        if c.dep_ in {"poss", "compound", "amod", "nmod"} and c.i < thing.i and ctx.resolver.entity_at(c) is not None
        and ctx.is_strong(c) and not _model_of_a_weapon(ctx, thing, c) and not _place_of_a_document(ctx, thing, c)
    ]
    if named:
        return named
    # "a police base", "an army convoy": a collective that the thing belongs to
    groups = [c for c in thing.children if c.dep_ == "compound" and c.i < thing.i and actor_like(ctx, c)
              and not _end_of_a_hyphenated_word(c) and not _model_of_a_weapon(ctx, thing, c)
              and not _place_of_a_document(ctx, thing, c)]
    if groups:
        return groups[:1]
    # "depots used by the militia", "bases operated by Iranian-backed groups"
    holders = ctx.voc.words("holding_participles")
    held = [a for c in thing.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in holders
            for a in prep_objects(c, {"by"}) if actor_like(ctx, a)][:1]
    # "a wave of strikes by Russian forces (that hit Kyiv)": who made what struck
    return held or [a for a in prep_objects(thing, {"by"}) if actor_like(ctx, a)][:1]


def _model_of_a_weapon(ctx: Context, thing: Token, name: Token) -> bool:
    """Is the name before a weapon its model, not its owner ("Kamikaze drones", "Shahed drones",
    "Patriot missiles")? A name the dictionary does not know, not a person's, compounded with one of
    `armed_things`: owners are states, peoples and known armed groups ("Russian drones",
    "Hezbollah rockets")."""
    if name.dep_ != "compound" or thing.lemma_.lower() not in ctx.voc.words("armed_things"):
        return False
    ent = ctx.resolver.entity_at(name)
    actor = ctx.resolver.actor(ent[2]) if ent is not None else None
    return actor is not None and actor.source == "ner" and actor.actor_type in {"organisation", "location", "other"}


def _place_of_a_document(ctx: Context, thing: Token, name: Token) -> bool:
    """Is the name before a document the place it was made, not its owner ("the Paris Agreement",
    "the Minsk agreements", "the Tashkent Accord"; `document_nouns`)? The parties of a document
    are its signatories, named as the subject or after "with"; a pair of names before it names
    them ("the U.S.-Poland agreement"), and so does a possessor ("Russia's memorandum")."""
    if name.dep_ != "compound" or thing.lemma_.lower() not in ctx.voc.words("document_nouns"):
        return False
    doc = name.doc
    return not any(0 <= k < len(doc) and doc[k].text in _PAIR_MARKS and 0 <= k + step < len(doc)
                   and doc[k + step].ent_type_ for k, step in ((name.i - 1, -1), (name.i + 1, 1)))


_PAIR_MARKS = frozenset({"-", "–", "/"})


def _end_of_a_hyphenated_word(tok: Token) -> bool:
    """Is the word the end of a hyphenated word whose first part is a word in lower case ("a
    cross-country train")? It is no collective the thing belongs to; a count is ("a three-judge
    bench": its judges)."""
    doc = tok.doc
    return tok.i > 1 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_ \
        and not doc[tok.i - 2].whitespace_ and doc[tok.i - 2].is_lower and not doc[tok.i - 2].like_num


def pronoun_owner(ctx: Context, thing: Token) -> list[Token]:
    """The possessive pronoun of a weapon that strikes ("Israel said its jets struck ..."):
    the owner it stands for did it (`armed_things`). Only weapons, and only for the doer: "his
    client", "her supplier" are no one's instruments, and the owner of what was hit is often
    the speaker's own side ("Kyiv said Russian drones hit its power plants")."""
    if thing.lemma_.lower() not in ctx.voc.words("armed_things") and thing.lower_ not in ctx.voc.words("armed_things"):
        return []
    return [c for c in thing.children if c.dep_ == "poss" and c.pos_ == "PRON" and ctx.resolver.resolve_head(c) is not None][:1]


def places_of(ctx: Context, thing: Token) -> list[Token]:
    """Named places a thing is located in ("targets in the capital Kyiv", "facilities across
    Ukraine", "areas of Yemen"), outermost last."""
    out = []
    frontier = [thing]
    for _ in range(3):
        nxt = []
        for tok in frontier:
            for o in prep_objects(tok, {"in", "across", "of", "near", "inside", "at"}):
                if ctx.resolver.is_place(o) or o.ent_type_ in {"GPE", "LOC"}:
                    out.append(o)
                nxt.append(o)
                nxt.extend(a for a in o.children if a.dep_ == "appos")
        frontier = nxt
    return [p for p in out if ctx.is_strong(p)]


def state_where(ctx: Context, trigger: Token, noun: Token | None, other: set[str]) -> list[ActorRef]:
    """The state where an act happens, when it is not the other party's (`other`: actor ids):
    an attack or a build-up is aimed at it ("new drone attacks in Ukraine", "troops amass on
    the borders of Ukraine", "a suicide bombing in Kabul"), an election is held by it ("the
    elections held May 20 in Venezuela"). A participle after the event noun places it too, and
    the light verb it is the passive subject of ("a referendum was held in Moldova")."""
    heads = [trigger] + ([noun] if noun is not None else [])
    heads += [c for h in heads if h.pos_ == "NOUN" for c in h.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    heads += [h.head for h in heads if h.dep_ == "nsubjpass" and h.head.lemma_.lower() in ctx.voc.light_verbs]
    for h in heads:
        places = places_of(ctx, h) + [p for o in prep_objects(h, {"on", "along"}) for p in places_of(ctx, o)]
        for p in places:
            ref = ctx.ref(p)
            actor = ctx.resolver.actor(ref.actor_id) if ref is not None else None
            if ref is not None and actor is not None and actor.actor_type == "state" and ref.actor_id not in other:
                return [ref]
    return []
