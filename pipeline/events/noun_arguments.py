"""Who did an act a noun names, and to whom: the possessor, a "by" or "from" phrase, a named
modifier that is not where it happened ("the Kabul bombing" is at Kabul), the subject of the
verb that governs the noun (or the package that holds it: "adopted a new sanctions package"),
and the "of", "against" or "on" phrases of its type.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.events.arguments import Args, adjacent_subject, prefer_strong_target, subject_of
from pipeline.events.context import Context
from pipeline.events.participants import actor_like, counted, participle_agent
from pipeline.events.patterns import forms, matching_pattern, pattern_type
from pipeline.events.syntax import (
    OBJ,
    accuses,
    accusing_verb,
    allegation_prep,
    conjuncts,
    first_child,
    is_passive,
    prep_objects,
    verb_in,
)
from pipeline.events.vocabulary import OTHER, EventType
from pipeline.name_pairs import pair_partner


def _venue(ctx: Context, c: Token, etype: EventType) -> bool:
    """Is the named modifier of an event noun a place that is no state, which names where the
    event is ("the Jeddah talks", "a Mediterranean agreement"), not who does it ("U.S. sanctions")?
    A capital before a meeting or an agreement, which parties hold together, is where it was
    held ("the Madrid talks", "the Paris agreement"); before "sanctions" it is a government."""
    return _actor_type(ctx, c) == "location" or (etype.symmetric and c.dep_ == "compound" and _a_capital(ctx, c))


def _actor_type(ctx: Context, tok: Token) -> str | None:
    """The type of the actor of the named mention covering the token, if any."""
    ent = ctx.resolver.entity_at(tok)
    actor = ctx.resolver.actor(ent[2]) if ent is not None else None
    return actor.actor_type if actor is not None else None


def noun_args(ctx: Context, n: Token, etype: EventType) -> Args:
    args = Args()
    src: Token | None = None
    for c in n.children:
        if c.dep_ == "poss" and c.ent_type_ not in {"DATE", "TIME"}:  # not "Monday's attack"
            src = c
            break
    if src is None:
        src = _container_owner(ctx, n)  # "the EU's new sanctions package": the EU's sanctions
    if src is None:
        by = prep_objects(n, {"by"} | etype.source_preps)  # "a letter from 47 senators"
        src = by[0] if by else None
    if src is None:
        src = participle_agent(n, ctx.voc.words("onlooker_participles"))  # "violence perpetrated by armed gangs"
    where: Token | None = None
    if src is None:
        for c in n.children:
            if c.dep_ in {"compound", "amod", "nmod"} and c.i < n.i and ctx.resolver.entity_at(c) is not None:
                if _city_of_an_attack(ctx, c, etype):
                    where = c
                elif not _venue(ctx, c, etype):
                    src = c
            elif c.dep_ == "compound" and c.i < n.i:
                # "Russian force buildups", "Iranian drone strikes": the modifier's own modifier,
                # when the modifier is what the actor fights with; "the Pakistan train attack" is where
                named = [g for g in c.children if g.dep_ in {"amod", "compound", "poss"} and ctx.resolver.entity_at(g) is not None]
                if named and etype.place_target and _a_place(ctx, named[0]) and not _armed(ctx, c):
                    where = named[0]
                elif named and src is None:
                    src = named[0]
    if src is not None and src.dep_ in {"compound", "amod", "nmod"}:
        partner = pair_partner(src)  # "U.S.-China talks", "the Israel-Hamas ceasefire": both parties
        if partner is not None and ctx.resolver.entity_at(partner) is not None:
            first, second = sorted((src, partner), key=lambda t: t.i)
            src = first
            args.targets.append(second)
    between = prep_objects(n, {"between", "among"})
    if between and src is not None and src.dep_ in {"compound", "amod", "nmod"} and len(conjuncts(between[0])) > 1:
        src = None  # "the Minsk talks between Russia and Ukraine": the parties are named, the city is where
    if src is None and between:
        conj = conjuncts(between[0])
        src = conj[0]
        if len(conj) > 1:
            args.targets.append(conj[1])
    of_objs = prep_objects(n, {"of"})
    holding = n.lemma_.lower() in ctx.voc.words("holding_nouns")
    if of_objs:
        of_head = of_objs[0]
        if (etype.of_role == "source" or holding) and src is None:
            src = of_head
        elif etype.of_role == "source" or holding:
            pass
        else:
            args.targets.append(of_head)
    if holding:
        args.targets.extend(_held(ctx, n)[:1])
    if src is None:
        src = _blamed(ctx, n)
    slot = _container(ctx, n)
    dep, head = _governor(slot)
    light = dep == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in ctx.voc.light_verbs
    if src is None and (light or (dep == "dobj" and head.pos_ == "VERB")):
        # the subject of the verb that governs the event noun acts in it ("held a meeting",
        # "negotiated the purchase of ...", "announced job cuts"), except for verbs that
        # receive or judge someone else's act ("won an order", "criticised the attack")
        verb = head
        # "called the allegations baseless": a predicative complement judges the act named
        judged = verb_in(ctx.voc.receiving_verbs, verb) or any(c.dep_ == "oprd" for c in verb.children)
        if light or not (judged or _asked_of_others(ctx, verb, etype) or _no_act_with(ctx, verb, n)):
            s, patient = subject_of(ctx, verb)
            if s is None:
                s = adjacent_subject(ctx, verb)
                args.fallback = s is not None
            if s is not None and not patient:
                src = s
    if src is None and dep == "nsubjpass" and head.pos_ == "VERB" and head.lemma_.lower() in ctx.voc.light_verbs \
            and head.lemma_.lower() not in ctx.voc.verb_type \
            and pattern_type(ctx, head, head.lemma_.lower()) in {None, OTHER}:  # "were imposed by": the verb's own mention
        # "the attack was carried out by Hamas", "sanctions were imposed by the EU": the agent does it
        src = next(iter(prep_objects(head, {"by"})), None)
    if src is None:
        src = _claimant(ctx, n) or _responder(ctx, n) or _engaged(ctx, n) or _traveller(ctx, n)
    if (
        src is not None
        and not of_objs
        and src.head.i == n.i
        and src.dep_ in {"poss", "compound", "nmod"}
        and (n.lemma_.lower() in ctx.voc.theme_nouns or n.lower_ in ctx.voc.theme_nouns)
    ):
        # "the aircraft's delivery", "A380 delays": what undergoes the event (PropBank Arg1)
        args.targets.insert(0, src)
        src = None
    if src is not None:
        args.sources.append(src)
    preps = etype.target_preps | etype.dest_preps
    if preps:
        extra = prep_objects(n, preps - {"between", "among"})
        for p in prep_objects(n, {"from", "of", "by", "in", "on"}):
            # PP attached one level down ("strikes from Belarusian territory against Ukraine")
            extra += prep_objects(p, preps - {"between", "among", "of", "in", "on"})
        if light:
            extra += prep_objects(head, preps - {"between", "among"})
        if slot.i != n.i:
            extra += prep_objects(slot, preps - {"between", "among"})  # "a sanctions package against Russia"
        prefer_strong_target(ctx, args, extra)
    if not args.targets:
        prefer_strong_target(ctx, args, _restated_objects(ctx, n))
    if not args.targets and where is not None:
        args.targets.append(where)  # "the Kabul bombing": at the place attacked
    if etype.family == "ACCUSE" and not any(actor_like(ctx, t) for t in args.targets):
        args.targets.extend(_answerer(ctx, slot)[:1])  # not "of corruption": what, not whom
    if etype.family == "ACCUSE" and not any(actor_like(ctx, t) for t in args.targets):
        args.targets.extend(_lodged_with(ctx, n, head)[:1])
    return args


def _lodged_with(ctx: Context, n: Token, verb: Token) -> list[Token]:
    """The state a complaint is lodged "with", which it is aimed at ("Japan lodged a formal
    protest with Beijing", "filed a complaint with Tokyo"); a complaint filed with a court, the
    police or a commission is only heard there, and names no one."""
    withs = prep_objects(n, {"with"}) + (prep_objects(verb, {"with"}) if verb.i != n.i else [])
    return [o for o in withs if (ref := ctx.resolver.resolve_head(o)) is not None
            and (a := ctx.resolver.actor(ref.actor_id)) is not None and a.actor_type == "state"]


def _governor(slot: Token) -> tuple[str, Token]:
    """The relation of the noun to the verb that governs it, and the verb. The parser reads "V
    the N V-ing X" as a clause whose subject is the noun ("China conducted the military drills
    encircling Taiwan": "drills" the subject of "encircling"); when the verb before it has no
    object of its own, the noun is that object and the participle describes it."""
    head = slot.head
    if slot.dep_ == "nsubj" and head.tag_ == "VBG" and head.dep_ in {"ccomp", "xcomp"} and head.i > slot.i:
        verb = head.head
        if verb.pos_ == "VERB" and verb.i < slot.i and not any(c.dep_ == "dobj" for c in verb.children):
            return "dobj", verb
    return slot.dep_, head


def _held(ctx: Context, n: Token) -> list[Token]:
    """Who is held in a holding noun's keeping: the object of the verb the noun's "in" or
    "under" phrase hangs on ("kept him in the custody of the army"), else its subject ("The
    journalist remains in the custody of the police", "was held in custody"). Not when a
    pattern makes that verb the act ("was placed under police custody")."""
    verb = n.head.head
    if n.dep_ != "pobj" or n.head.lower_ not in {"in", "under"} or verb.pos_ not in {"VERB", "AUX"}:
        return []
    if pattern_type(ctx, verb, verb.lemma_.lower()) not in {None, OTHER}:
        return []  # "was placed under police custody": the verb's act, told once
    obj = first_child(verb, {"dobj"})
    if obj is not None:
        return [obj]
    s, _patient = subject_of(ctx, verb)
    return [s] if s is not None else []


def engaging_verb(ctx: Context, n: Token) -> Token | None:
    """The verb whose "on" phrase names the act its subject is engaged in ("the workers went on
    strike", "she has been on a hunger strike since May"; `engaging_verbs`), or None."""
    verb = n.head.head
    if n.dep_ != "pobj" or n.head.lower_ != "on" or verb.pos_ not in {"VERB", "AUX"} \
            or not verb_in(ctx.voc.words("engaging_verbs"), verb):
        return None
    return verb


def _engaged(ctx: Context, n: Token) -> Token | None:
    """Who is on the act the noun names: the subject of its engaging verb. Why: "on" makes the
    act the subject's occupation, as a light verb's object would ("staged a strike")."""
    verb = engaging_verb(ctx, n)
    if verb is None:
        return None
    s, patient = subject_of(ctx, verb)
    if s is None or patient:
        return None
    return next(iter(counted(s)), s)  # "thousands of workers went on strike": the workers


def _traveller(ctx: Context, n: Token) -> Token | None:
    """Who goes somewhere "for" the act the noun names does it ("Blinken traveled to Beijing for
    talks with Chinese officials", "will travel to Pyongyang for a summit with Kim"): the
    subject of the verb of going (`motion_verbs`), as for its infinitive ("flew to Ankara to meet")."""
    prep = n.head
    verb = prep.head
    if n.dep_ != "pobj" or prep.lower_ != "for" or verb.pos_ != "VERB" \
            or verb.lemma_.lower() not in ctx.voc.words("motion_verbs"):
        return None
    s, patient = subject_of(ctx, verb)
    return None if patient else s


def _answerer(ctx: Context, n: Token) -> list[Token]:
    """Who denies or rejects an accusation that names no one ("Gachagua denied all the
    charges", "the minister dismissed the allegations"): the one it was made against
    (`answering_verbs`)."""
    verb = n.head
    if n.dep_ != "dobj" or verb.pos_ != "VERB" or not verb_in(ctx.voc.words("answering_verbs"), verb):
        return []
    s, patient = subject_of(ctx, verb)
    return [s] if s is not None and not patient else []


def _asked_of_others(ctx: Context, verb: Token, etype: EventType) -> bool:
    """Is the verb a demand for an act someone else is to do ("the rebels demanded the release of
    prisoners": the state would release them)? Not when the act is a joint one the asker takes
    part in ("demanded talks") or the verb commands it ("ordered the release": `commanding`)."""
    return verb_in(ctx.voc.requesting, verb) and not etype.symmetric \
        and not verb_in(ctx.voc.words("commanding"), verb)


def _no_act_with(ctx: Context, verb: Token, n: Token) -> bool:
    """Does a context pattern say the verb with this object is no act at all ("link to train
    attack": a train, misread as a verb; "met the deadline")? Its subject does not act in it."""
    p = matching_pattern(ctx, verb, verb.lemma_.lower())
    return p is not None and p.type == OTHER and bool(p.object & forms([n]))


def _container_owner(ctx: Context, n: Token) -> Token | None:
    """The possessor of the package or round that holds the event noun ("Hungary vetoed the EU's
    new sanctions package", "Washington's latest round of tariffs"): whose acts they are, not
    the subject of the verb that takes the package."""
    slot = _container(ctx, n)
    if slot.i == n.i:
        return None
    # a pronoun ("adopted its 14th sanctions package") is the verb's subject again: left to it
    return next((c for c in slot.children if c.dep_ == "poss" and c.pos_ != "PRON"
                 and c.ent_type_ not in {"DATE", "TIME"}), None)


def _container(ctx: Context, n: Token) -> Token:
    """The noun that holds an event noun in its clause: a package or a round of acts ("adopted a
    new sanctions package", "approved a new round of sanctions"; `act_containers`), else the noun."""
    containers = ctx.voc.words("act_containers")
    if n.dep_ == "compound" and n.head.lemma_.lower() in containers:
        return n.head
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lemma_.lower() in containers:
        return n.head.head
    return n


def _city_of_an_attack(ctx: Context, c: Token, etype: EventType) -> bool:
    """A capital before an attack noun is where it was ("the Kabul bombing"), not a government
    acting, as it is before "sanctions"; so is a state before a modifier that is not an armed
    force ("the Pakistan train attack"; "the Taliban suicide bombing" is the group's)."""
    if not etype.place_target:
        return False
    if _a_capital(ctx, c):
        return True
    if not _a_place(ctx, c):
        return False  # "the Taliban suicide bombing": a group does it
    between = [m for m in c.head.children if m.dep_ == "compound" and c.i < m.i < c.head.i]
    return bool(between) and not any(_armed(ctx, m) for m in between)


def _a_capital(ctx: Context, c: Token) -> bool:
    """Is the named token a capital written for its city ("Kabul", "Madrid"), as the dictionary
    knows it?"""
    ent = ctx.resolver.entity_at(c)
    hit = ctx.resolver.vocab.lookup(c.doc[ent[0]:ent[1]].text) if ent is not None else None
    return hit is not None and hit[1] == "capital"


def _a_place(ctx: Context, tok: Token) -> bool:
    """Is the named token a state or a place (not a person, a group or an organisation)?"""
    return _actor_type(ctx, tok) in ("state", "location")


def _armed(ctx: Context, c: Token) -> bool:
    """Is a noun modifying an event noun what its actor acts with or as ("drone strikes",
    "force buildups", "army offensive"), not where ("train attack")?"""
    words = ctx.voc.words("armed_things") | ctx.voc.words("armed_forces")
    return c.lower_ in words or c.lemma_.lower() in words


def _claimant(ctx: Context, n: Token) -> Token | None:
    """Who claims (takes, accepts) responsibility for an act did it: "al-Shabab claimed
    responsibility for the attack" (verbs: schemas/event_types.yaml gate_words responsibility_verbs)."""
    prep = n.head
    if n.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() != "responsibility":
        return None
    verb = prep.head.head
    if prep.head.dep_ != "dobj" or verb.lemma_.lower() not in ctx.voc.words("responsibility_verbs"):
        return None
    s, patient = subject_of(ctx, verb)
    return None if patient else s


def _blamed(ctx: Context, n: Token) -> Token | None:
    """Who an act is blamed on did it, in the blamer's words: "Islamabad blamed the attacks on
    militants" (verbs: schemas/event_types.yaml gate_words blaming_verbs); the blamer did not.
    So does the one blamed or accused for or of it, or charged with it ("Moscow blamed Kyiv for
    the attack on the bridge", "accused Hezbollah of the rocket attack")."""
    verb = n.head
    if n.dep_ == "pobj" and allegation_prep(ctx.voc, verb) and verb.dep_ == "prep":
        return _accused_of(ctx, accusing_verb(ctx.voc, verb.head))
    if n.dep_ != "dobj" or verb.lemma_.lower() not in ctx.voc.words("blaming_verbs"):
        return None
    on = prep_objects(verb, {"on", "upon"}) or prep_objects(n, {"on", "upon"})  # the parser hangs it on either
    return on[0] if on else None


def _accused_of(ctx: Context, verb: Token) -> Token | None:
    """The object of a verb of blaming or accusing ("blamed Kyiv for", "accused Hezbollah of"),
    or its subject in the passive ("the mayor was charged with the murder")."""
    if verb.pos_ != "VERB" or not accuses(ctx.voc, verb.lemma_.lower()):
        return None
    obj = first_child(verb, {"nsubjpass"} if is_passive(verb) else OBJ)
    return obj if obj is not None and actor_like(ctx, obj) else None


def _responder(ctx: Context, n: Token) -> Token | None:
    """Who responds with an act did it: "Israel responded with airstrikes" (verbs:
    schemas/event_types.yaml gate_words conditional_replies)."""
    prep = n.head
    if n.dep_ != "pobj" or prep.lower_ != "with" or prep.head.lemma_.lower() not in ctx.voc.words("conditional_replies"):
        return None
    s, patient = subject_of(ctx, prep.head)
    return None if patient else s


def _restated_objects(ctx: Context, n: Token) -> list[Token]:
    """A participle that restates the event noun names its target ("an airstrike targeting
    the rebels", "sanctions targeting five banks", "raids aimed at the militants")."""
    out: list[Token] = []
    for c in n.children:
        if c.dep_ == "acl" and c.tag_ in {"VBG", "VBN"} and c.lemma_.lower() in ctx.voc.verb_type \
                and not any(g.dep_ in {"nsubj", "mark"} for g in c.children):  # "reports that they had arrested X": a clause
            out.extend(o for o in c.children if o.dep_ == "dobj")
            out.extend(prep_objects(c, {"at", "against", "on"}))
    return out
