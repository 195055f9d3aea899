"""Who did it (source) and to whom (target): PropBank-style arguments of verbal triggers,
recovered from governing clauses where the clause has no subject of its own; event nouns have
theirs in `noun_arguments`, which uses the subject and target helpers here.

The argument tokens found here become actors in `roles`; `participants` holds the helpers both
share (is a token an actor, whose is a thing, where is it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from pipeline.actors.speakers import turn_label
from pipeline.events.context import Context
from pipeline.events.participants import actor_like, counted, participle_agent
from pipeline.events.syntax import (
    AMOUNT_ENTS,
    NOUN_POS,
    OBJ,
    OBJECT_CONTROL,
    PASS_SUBJ,
    SUBJ,
    allegation_prep,
    by_gerund,
    first_child,
    is_passive,
    is_to_infinitive,
    prep_objects,
    speaking_conjunct_of,
    without_final_stop,
)
from pipeline.events.verb_objects import asked_in_a_for_clause, shifted_object, small_clause_subject
from pipeline.events.vocabulary import OTHER, EventType
from pipeline.quotes import CLOSING_QUOTE_MARKS


@dataclass
class Args:
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    fallback: bool = False  # subject found by adjacency, not by the parse
    themes: list[Token] = field(default_factory=list)  # moved or acted upon, never actors


def _inverted_speaker(ctx: Context, v: Token) -> Token | None:
    """The name after a verb of saying that follows its quotation ('"...," added Bagci'):
    the speaker, which the parser may take for the object; or a name set off by a comma right
    before the verb ('"...," Representative Derrick Van Orden, told VOA'), which the parser may
    hang on the quotation. "Tell" names whom it tells after it ('"...," told VOA' is no
    speaker)."""
    lemma = v.lemma_.lower()
    if lemma not in ctx.voc.reporting:
        return None
    named = _name_after_quotation(ctx, v)
    if named is not None:
        return named
    if not any(c.dep_ == "ccomp" and c.i < v.i for c in v.children):
        return None
    obj = first_child(v, OBJ)
    return obj if obj is not None and obj.i == v.i + 1 and obj.pos_ == "PROPN" and lemma not in ctx.voc.words(
        "addressee_verbs") else None


def _name_after_quotation(ctx: Context, v: Token) -> Token | None:
    """The name between a closing quotation mark and the comma before the verb ('..."
    Republican Representative Derrick Van Orden, told VOA'), whatever the parser hung it on."""
    doc = v.doc
    if v.i < 3 or doc[v.i - 1].text != "," or doc[v.i - 2].pos_ != "PROPN" or ctx.resolver.entity_at(doc[v.i - 2]) is None:
        return None
    i = v.i - 2
    while i > v.sent.start and (doc[i - 1].pos_ == "PROPN" or doc[i - 1].is_title):
        i -= 1  # the name and its titles ("Republican Representative")
    return doc[v.i - 2] if i > v.sent.start and doc[i - 1].text in CLOSING_QUOTE_MARKS else None


def _absolute_subject(v: Token) -> Token | None:
    """The noun of a "with" phrase right before a participle, its subject in an absolute
    construction ("the leaders had been exchanging barbs, with Erdogan at one point suggesting
    ...": Erdogan suggests, not the leaders; "clashed with police using tear gas"). The parser
    hangs the participle on the main verb, on the participle or on a noun between ("point");
    only prepositional phrases may stand between the noun and the participle."""
    for t in reversed(v.doc[v.sent.start : v.i]):
        if t.pos_ in {"VERB", "AUX"} or t.text in {",", ";", ":"}:
            return None
        if t.lower_ == "with" and t.dep_ == "prep":
            obj = first_child(t, {"pobj"})
            return obj if obj is not None and obj.i < v.i else None
    return None


def subject_of(ctx: Context, v: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """(subject head, is_patient) of verb v, recovered from governing clauses if needed."""
    for c in _subjects_first(v):
        if c.dep_ in SUBJ and _labels_a_turn(c):
            continue  # "VOA: Putin recently visited China": the interviewer's label, not the subject
        if c.dep_ in SUBJ:
            if c.pos_ in {"VERB", "AUX"} and depth < 4:
                # "Apple releases X, announces Y" parsed with the first verb as subject
                s, _pat = subject_of(ctx, c, depth + 1)
                c = s if s is not None else c
                if s is None or c.i < v.i:
                    return s, False
            return (_person_of_an_institution(c) if c.i > v.i else None) or c, False
        if c.dep_ in PASS_SUBJ:
            return c, True
    inverted = _inverted_speaker(ctx, v)
    if inverted is not None:
        return inverted, False
    if depth > 4:
        return None, False
    dep = v.dep_
    head = v.head
    if dep == "xcomp" and head.i != v.i:
        # object control: "selected Northrop Grumman to build", "allows users to record"
        obj = first_child(head, OBJ)
        if obj is not None and (head.lemma_.lower() in OBJECT_CONTROL or (obj.i < v.i and ctx.is_strong(obj))):
            # not an instrument: "police used sticks to beat protesters"
            return obj, False
        addressee = _addressee(ctx, head, v) if obj is None else None
        if addressee is not None:
            return addressee, False
        s, _pat = subject_of(ctx, head, depth + 1)
        return s, False
    sayer = speaking_conjunct_of(v, ctx.voc.speaking)  # "said the plan aims to ... and urged ..."
    if sayer is not None:
        return subject_of(ctx, sayer, depth + 1)
    if dep == "conj" and head.pos_ in {"VERB", "AUX"}:
        s, pat = subject_of(ctx, head, depth + 1)
        # "will be led by the administration and will investigate the jailbreak": the patient of
        # a passive is the agent of an active verb coordinated with it ("was arrested and
        # charged" stays passive)
        active = v.tag_ in {"VB", "VBD", "VBZ", "VBP", "VBG"} and not any(c.dep_ == "auxpass" for c in v.children)
        return s, pat and not (active and s is not None and actor_like(ctx, s))
    if dep == "acl" and head.lemma_.lower() in ctx.voc.words("purpose_nouns") and head.head.lower_ in {"in", "so"} \
            and head.head.head.pos_ in {"VERB", "AUX"}:
        # purpose: "X postponed the talks in order to speak with Y", "fired missiles in an
        # effort to pressure Washington": X speaks, pressures
        s, _pat = subject_of(ctx, head.head.head, depth + 1)
        return s, False
    if dep == "pcomp" and head.lower_ == "as" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        # "Detik.com quoted Djamal as saying ...", "described him as wanting ...": the
        # object is the subject of the predicative gerund
        obj = first_child(head.head, OBJ)
        if obj is not None:
            return obj, False
    if dep == "advcl" and is_to_infinitive(v) and head.lemma_.lower() in OBJECT_CONTROL:
        # purpose infinitive after an object-control verb the parser attached as an adjunct
        # ("selected Northrop Grumman on February 29 to build the aircraft")
        obj = first_child(head, OBJ)
        if obj is not None and obj.i < v.i and ctx.is_strong(obj):
            return obj, False
    if dep == "advcl" and is_to_infinitive(v) and first_child(head, OBJ) is None:
        addressee = _addressee(ctx, head, v)  # "pleaded with the junta to free them", parsed as an adjunct
        if addressee is not None:
            return addressee, False
    dissuaded = (head.lower_ == "against" and head.head.lemma_.lower() in ctx.voc.words("dissuading_verbs")) or (
        head.lower_ == "from" and head.head.lemma_.lower() in ctx.voc.negating)
    if dep == "pcomp" and (allegation_prep(ctx.voc, head) or dissuaded) and head.dep_ == "prep" \
            and head.head.pos_ == "VERB":
        # "thanked Washington for hosting the summit", "accused Kyiv of shelling the town",
        # "charged the mayor with attacking a journalist":
        # the one thanked or accused did it; the one warned against an act, or kept from it
        # ("stopped the activists from protesting", "banned women from speaking"), would do it
        obj = first_child(head.head, OBJ)
        judged = dissuaded or ctx.voc.verb_type.get(head.head.lemma_.lower()) == "ACCUSE" \
            or head.head.lemma_.lower() in ctx.voc.judging
        if obj is not None and obj.i < v.i and (judged or actor_like(ctx, obj) or any(
                c.dep_ == "compound" and actor_like(ctx, c) for c in obj.children)):
            # also "attacked The Wall Street Journal newspaper for refusing to ...", and whoever
            # is accused or judged, named or not ("accused the regional body of failing to ...")
            return obj, False
    # a subjectless participle clause takes the main subject even after a temporal
    # conjunction ("While introducing iPhone 4, Jobs ...", "after launching the iPhone, we")
    participle = v.tag_ == "VBG" and not any(c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in v.children)
    absolute = _absolute_subject(v) if participle and dep in {"advcl", "acl"} else None
    if absolute is not None:
        return absolute, False
    if dep in {"advcl", "pcomp", "ccomp"} and head.i != v.i and (participle or not any(c.dep_ == "mark" for c in v.children)):
        h = head
        hops = 0
        while (h.pos_ not in {"VERB", "AUX"} or h.dep_ == "prep") and h.head.i != h.i and hops < 4:
            h = h.head
            hops += 1
        if h.pos_ in {"VERB", "AUX"} and dep != "ccomp":
            s, patient = subject_of(ctx, h, depth + 1)
            if patient and head.lower_ == "by":
                return None, False  # "civilians were displaced by fighting between ...": they did not fight
            # a past participle of its own is passive: "three men stand accused of the bombing",
            # "Asked about the talks, the minister said ...": the subject is acted on
            return s, _passive_participle(v)
    # a paratactic or coordinated verb before this one that has a subject
    for c in v.children:
        if c.dep_ in {"parataxis", "conj"} and c.i < v.i and c.pos_ == "VERB":
            s = first_child(c, SUBJ)
            if s is not None:
                return s, False
    if dep == "acl" and head.pos_ in NOUN_POS:
        if v.tag_ == "VB" and any(c.lower_ == "to" for c in v.children) and not ctx.is_participant(head):
            # "Apple has plans to import", "the EU made the decision to ban": the agent
            # of the plan (its possessor or the subject of its verb), not the plan
            poss = first_child(head, {"poss"})
            if poss is not None:
                return poss, False
            if head.dep_ in {"dobj", "attr"} and head.head.pos_ in {"VERB", "AUX"}:
                s, pat = subject_of(ctx, head.head, depth + 1)
                return (s, False) if not pat else (None, False)
            return None, False
        # a past participle with an object of its own is active: the noun did it (a
        # garden path the parser takes: "police placed under arrest another candidate")
        return head, v.tag_ == "VBN" and first_child(v, OBJ) is None
    if dep == "relcl" and head.pos_ in NOUN_POS:
        if is_to_infinitive(v) and first_child(v, OBJ) is not None:
            # infinitival subject relative with its own object ("the second model to
            # utilize flash memory", "the first airline to fly the A380"): the noun acts
            return head, False
        # object relative ("the aircraft Boeing built"): the noun is the patient
        return None, False
    return None, False


def _passive_participle(v: Token) -> bool:
    """A bare past participle (no auxiliary, no object): passive in sense."""
    return v.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in v.children) \
        and first_child(v, OBJ) is None


def _addressee(ctx: Context, head: Token, v: Token) -> Token | None:
    """Whom a request is addressed to by a preposition, before the act asked for: the one to do
    it ("called on Kyiv to negotiate", "appealed to the rebels to lay down arms", "pleaded with
    the junta to free them")."""
    lemma = head.lemma_.lower()
    if lemma not in OBJECT_CONTROL and lemma not in ctx.voc.requesting:
        return None
    return next((o for o in prep_objects(head, {"on", "upon", "to", "with"}) if o.i < v.i), None)


def _subjects_first(v: Token) -> list[Token]:
    """The verb's children with its subjects first, a name before a common noun, then the
    nearest before the verb: when the parser gives a verb two subjects, the named one next to
    it is its own ("Speaking at the Atlantic Council, a think tank in Washington, National
    Security Adviser Robert O'Brien said": the adviser said, not the think tank; "Al-Sharaa —
    leader of the group that led the offensive — said": Al-Sharaa)."""
    kids = list(v.children)
    subjects = [c for c in kids if c.dep_ in SUBJ]
    if len(subjects) < 2:
        return kids
    near = sorted(subjects, key=lambda c: (not c.ent_type_, c.i > v.i, -c.i if c.i < v.i else c.i))
    return near + [c for c in kids if c.dep_ not in SUBJ]


def _labels_a_turn(c: Token) -> bool:
    """Is the token the label of an interview turn, a name with a colon opening the sentence,
    which the parser may hang on the verb after it as a second subject?"""
    doc = c.doc
    if c.i + 2 >= len(doc) or doc[c.i + 1].text != ":":
        return False
    label = turn_label(doc, c.i + 2)
    return label is not None and label.start <= c.i < label.end


def adjacent_subject(ctx: Context, v: Token) -> Token | None:
    """Named participant right before a verb the parser left without subject (misparses
    of "X and Y held ...", captions "Belarusian nationals rally in Warsaw")."""
    i = v.i - 1
    while i >= v.sent.start and ctx.doc[i].pos_ in {"AUX", "ADV", "PART"}:
        i -= 1
    if i < v.sent.start:
        return None
    tok = ctx.doc[i]
    if ctx.resolver.entity_at(tok) is None:
        if tok.pos_ in {"NOUN", "PROPN"} and ctx.is_strong(tok):
            return tok
        return None
    return tok


def adjacent_conjuncts(ctx: Context, tok: Token) -> list[Token]:
    """Named mentions coordinated right before `tok` ("X and Y", "X, Y and Z")."""
    out = []
    i = ctx.resolver.entity_at(tok)
    start = i[0] if i is not None else tok.i
    while start >= 2 and ctx.doc[start - 1].lower_ in {"and", ","}:
        prev = ctx.resolver.entity_at(ctx.doc[start - 2])
        if prev is None or ctx.doc[prev[1] - 1].dep_ == "pobj":
            break  # "in Vilnius, X and Y held ...": a place phrase, not a party
        out.append(ctx.doc[prev[1] - 1])
        start = prev[0]
    return out


def verb_args(ctx: Context, v: Token, etype: EventType) -> Args:
    args = Args()
    subj, subj_is_patient = subject_of(ctx, v)
    passive = is_passive(v)
    obj = first_child(v, OBJ) or shifted_object(v)
    if obj is None and etype.family != "STATEMENT":  # "declared Buhari the winner" says it to no Buhari
        obj = small_clause_subject(v)
    if obj is None and etype.family == "REQUEST":
        obj = asked_in_a_for_clause(v)  # "called for Russia to reciprocate": asked of Russia
    extra_subjects: list[Token] = []
    parties = False
    if subj is None and not passive:
        subj = adjacent_subject(ctx, v)
        args.fallback = subj is not None
        if subj is not None:
            extra_subjects = adjacent_conjuncts(ctx, subj)
    if passive or subj_is_patient:
        if subj is not None:
            args.targets.append(subj)
        args.sources.extend(prep_objects(v, {"by"}))
        if not args.sources:
            # coordinated passives share the agent ("selected and purchased by the government"),
            # not when the first has words of its own ("arrested on Monday and charged by
            # prosecutors": the police arrested him)
            for cj in v.conjuncts:
                own = [c for c in v.children if v.i < c.i < cj.i and c.dep_ not in {"cc", "punct"}]
                if cj.i > v.i and cj.pos_ == "VERB" and is_passive(cj) and not own:
                    args.sources.extend(prep_objects(cj, {"by"}))
                    break
        if not args.sources:
            # the parser hangs the agent on the predicative noun ("was elected president by
            # parliament") or the object ("was awarded the prize by the committee")
            for c in v.children:
                if c.dep_ in {"oprd", "attr", "dobj"}:
                    args.sources.extend(a for a in prep_objects(c, {"by"}) if ctx.is_participant(a))
        if not args.sources:
            # "was placed under police custody", "taken into KGB custody": who holds him
            args.sources.extend(_custodian(ctx, v)[:1])
        if not args.sources:
            args.sources.extend(_opponent_in_a_fight(ctx, v)[:1])  # "killed in a gun battle with police"
        if not args.sources:
            # a passive without agent names its parties with "between" ("an agreement
            # reached between the two companies", "the contract was fought for between
            # Boeing and Lockheed"): they did it, together
            args.sources.extend(prep_objects(v, {"between"})[:1])
            parties = bool(args.sources)
    else:
        lemma = v.lemma_.lower()
        # an amount ("shares fell 5%"), not a count of things ("launched dozens of rockets")
        measure = obj is not None and (obj.like_num or obj.ent_type_ in AMOUNT_ENTS) and not prep_objects(obj, {"of"})
        speaking = etype.family == "STATEMENT"  # "\"...,\" he continued": the speaker
        if (obj is None or measure) and subj is not None and (
                (lemma in ctx.voc.unaccusative and not by_gerund(v) and not speaking) or _headline_passive(ctx, v)):
            # the subject of an unaccusative verb is its theme ("prices fell", and with an
            # amount for object "shares fell 5%", "the program costs $99"), as is the subject
            # of a headline's passive ("Opposition leader detained in Minsk")
            args.targets.append(subj)
            obj = None
        elif subj is not None:
            args.sources.append(_nominal_agent(ctx, subj) or subj)
            args.sources.extend(extra_subjects)
        elif prep_objects(v, {"between", "among"}):
            # no subject of its own: "displaced by fighting between rebels and government
            # forces": the first party fights the other
            args.sources.extend(prep_objects(v, {"between", "among"})[:1])
        if obj is not None:
            args.targets.append(obj)
    preps = etype.target_preps | etype.dest_preps
    if parties:
        preps = preps - {"between", "among"}
    if v.lemma_.lower() in ctx.voc.words("taking_verbs"):
        preps = preps | {"from"}  # "retook the palace from the RSF": who lost it
    # forces moved away from a place are the mover's own and aim at no one (below)
    away = None if etype.moves_forces else _own_people_away_from(ctx, v, obj, args.sources)
    if away is not None:
        args.themes, args.targets = [obj] if obj is not None else [], [away]
    elif preps:
        # the indirect object is whom it goes to as "to" says it ("gave Kyiv $60 billion")
        extra = prep_objects(v, preps) + [c for c in v.children if c.dep_ == "dative" and c.pos_ in {"NOUN", "PROPN"}]
        if obj is not None and not _names_an_act(ctx, obj):
            # "sanctions on Belarus" as an object; an act's own phrases stay with the act
            # ("condemned the regime's arrest of the candidate": the regime's act is condemned)
            extra += prep_objects(obj, preps) + [o for c in counted(obj) for o in prep_objects(c, preps)]
            if obj.lemma_.lower() in ctx.voc.words("warrant_nouns"):
                extra += prep_objects(obj, {"for"})  # "issued an arrest warrant for the president"
        _destination_is_target(ctx, args, [d for d in prep_objects(v, etype.dest_preps) if ctx.is_strong(d)], etype)
        prefer_strong_target(ctx, args, extra)
        _to_whom_it_is_given(ctx, v, obj, args)
    if etype.family == "ASSAULT" and obj is not None and not (passive or subj_is_patient):
        _aimed_projectile(ctx, v, obj, args)
    if etype.moves_forces and obj is not None and any(actor_like(ctx, a) for a in args.sources) \
            and not (passive or subj_is_patient) \
            and _armed_forces(ctx, obj):
        # "withdrew its troops from the city": the forces moved are the mover's own, no target
        args.targets = [a for a in args.targets if a.i != obj.i]
    if etype.moves_forces and (passive or subj_is_patient) and subj is not None and _armed_forces(ctx, subj) \
            and not any(actor_like(ctx, a) for a in args.sources):
        # "troops were deployed to the border": with no agent named, the forces moved are the
        # mover (as in "troops deployed to the border"), not what the move was aimed at
        args.sources, args.targets = [subj], [a for a in args.targets if a.i != subj.i]
    if etype.family == "ELECTION" and (passive or subj_is_patient) and subj is not None \
            and not any(actor_like(ctx, a) for a in args.sources):
        # "was re-elected by popular vote": with no electing body, the one elected is the
        # election's actor, as "the election of X" names it (of_role: source); "elected mayor
        # by the city council" keeps the council as its source
        args.sources, args.targets = [subj], [a for a in args.targets if a.i != subj.i]
    return args


def _to_whom_it_is_given(ctx: Context, v: Token, obj: Token | None, args: Args) -> None:
    """The object of a verb of handing over is the gift, so a "to" phrase names the target
    even when the object resolves to an actor ("wanted to donate them to China": China, not
    whoever "them" was taken for; `giving_verbs`)."""
    if obj is None or v.lemma_.lower() not in ctx.voc.words("giving_verbs") or not args.targets:
        return
    to = [d for d in prep_objects(v, {"to"}) if ctx.is_strong(d)]
    if to and args.targets[0].i == obj.i:
        args.targets[0] = to[0]


def _aimed_projectile(ctx: Context, v: Token, obj: Token, args: Args) -> None:
    """What a projectile is fired or thrown at is the target ("Russia fired missiles at
    Ukrainian cities", "Hezbollah fired rockets into northern Israel", "fired water cannon at a
    Philippine vessel"); the projectile is the theme (`projectiles`)."""
    fired = ctx.voc.words("projectiles")
    if not any(t.lemma_.lower() in fired or t.lower_ in fired for t in [obj, *counted(obj)]):
        return  # "dozens of rockets": what the count counts
    aims = {"at", "into", "on", "against", "toward", "towards"}
    aimed = prep_objects(v, aims) + prep_objects(obj, aims)
    if aimed:
        args.themes = [obj]
        args.targets = [a for a in args.targets if a.i != obj.i] or [aimed[0]]


def _own_people_away_from(ctx: Context, v: Token, obj: Token | None, sources: list[Token]) -> Token | None:
    """The actor a verb takes the subject's own people or forces away from ("Venezuela recalled
    its ambassador from Spain", "Moscow withdrew its envoy from Tallinn"): the act is aimed at
    the one left, not at the envoy, who is the subject's own. None when the object is not
    owned by the subject ("expelled two diplomats from the country") or nothing is named."""
    if obj is None or not sources:
        return None
    owner = first_child(obj, {"poss"})
    if owner is None or owner.pos_ != "PRON":
        return None
    mine, theirs = ctx.ref(owner), ctx.ref(sources[0])
    if mine is None or theirs is None or mine.actor_id != theirs.actor_id:
        return None
    # the parser hangs the "from" phrase on the verb or on the object ("its ambassador from Spain")
    away = [o for o in prep_objects(v, {"from"}) + prep_objects(obj, {"from"}) if ctx.is_strong(o)]
    return away[0] if away else None


def _armed_forces(ctx: Context, tok: Token) -> bool:
    """Does the noun name armed forces ("troops", "security forces"; `armed_forces`)?"""
    forces = ctx.voc.words("armed_forces")
    return tok.lemma_.lower() in forces or tok.lower_ in forces


def _person_of_an_institution(subj: Token) -> Token | None:
    """In an inverted attribution, the person named before "of" ("said lecturer Soli Ozel of
    Istanbul's Kadir Has University"), which the parser may leave inside the institution's
    phrase, is the subject; the institution only says where the person works."""
    if subj.ent_type_ == "PERSON":
        return None
    for t in subj.subtree:
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if t.i < subj.i and t.ent_type_ == "PERSON" and t.ent_iob_ in ("B", "I") and nxt is not None \
                and nxt.lower_ == "of" and nxt.ent_type_ != "PERSON":
            return t
    return None


def _custodian(ctx: Context, v: Token) -> list[Token]:
    """The actor modifying a custody noun of the verb ("under police custody", "into the
    KGB's custody", "in army detention")."""
    out: list[Token] = []
    for n in prep_objects(v, {"under", "into", "in"}):
        if n.lemma_.lower() in ctx.voc.words("custody_nouns"):
            out.extend(c for c in n.children if c.dep_ in {"compound", "poss", "nmod"} and c.i < n.i and actor_like(ctx, c))
    return out


def _opponent_in_a_fight(ctx: Context, v: Token) -> list[Token]:
    """The other side of a fight the verb's patient was in ("was killed in a gun battle with
    police", "were wounded in clashes with security forces"): `fight_nouns` with "with"."""
    fights = [n for n in prep_objects(v, {"in", "during"}) if n.lemma_.lower() in ctx.voc.words("fight_nouns")]
    return [o for n in fights for o in prep_objects(n, {"with"}) if actor_like(ctx, o)]


def _names_an_act(ctx: Context, n: Token) -> bool:
    """An event noun of the vocabulary with an agent of its own ("the regime's arrest")."""
    name = ctx.voc.noun_type.get(n.lower_) or ctx.voc.noun_type.get(n.lemma_.lower())
    return n.pos_ == "NOUN" and name is not None and name != OTHER and (
        any(c.dep_ == "poss" for c in n.children) or participle_agent(n) is not None or bool(prep_objects(n, {"by"}))
    )


def _nominal_agent(ctx: Context, subj: Token) -> Token | None:
    """A subject that is an act, or a collective of acts, rather than an actor names its
    doer with "by": "strikes by Russian forces hit the port", "a wave of attacks by the
    rebels killed six"; the doer is the source."""
    if actor_like(ctx, subj):
        return None
    if "STATEMENT" in (ctx.voc.noun_type.get(subj.lower_), ctx.voc.noun_type.get(subj.lemma_.lower())):
        # "a UN report accused ...", "a statement from the ministry condemned ...": its author
        authors = [c for c in subj.children if c.dep_ in {"poss", "compound"} and c.i < subj.i]
        for a in authors + prep_objects(subj, {"of", "from", "by"}):
            if actor_like(ctx, a):
                return a
    for n in (subj, *prep_objects(subj, {"of"})):
        for a in prep_objects(n, {"by"}) + [x for x in (participle_agent(n),) if x is not None]:
            if actor_like(ctx, a):
                return a
    return None


def _destination_is_target(ctx: Context, args: Args, dests: list[Token], etype: EventType) -> None:
    """"Russia moved troops to Belarus", "Kyiv sent diplomats to Minsk": the destination is
    the target; what was moved (even people) is the theme. A meeting's counterpart stays the
    target: "welcomed the minister to Warsaw" met the minister (Warsaw is where)."""
    if etype.symmetric and args.targets and ctx.is_strong(args.targets[0]):
        return
    if dests:
        args.themes, args.targets = args.targets, dests[:1]


def prefer_strong_target(ctx: Context, args: Args, extra: list[Token]) -> None:
    """Use a prepositional target when the object is missing or not a real participant."""
    strong_extra = [t for t in extra if ctx.is_strong(t)]
    if not args.targets:
        if strong_extra:
            args.targets.append(strong_extra[0])
        elif extra:
            args.targets.append(extra[0])
    elif strong_extra and (not ctx.is_strong(args.targets[0]) or _named_by_a_modifier(ctx, args.targets[0])):
        args.targets[0] = strong_extra[0]  # "sold U.S. Patriot missiles to Turkey": Turkey


def _named_by_a_modifier(ctx: Context, tok: Token) -> bool:
    """Is the object a thing that only a name before it resolves ("U.S. Patriot missiles",
    "Iranian drones")? A named party in a phrase of the act is the one it is aimed at."""
    ref = ctx.ref(tok)
    return ref is not None and tok.pos_ == "NOUN" and not ref.start_char <= tok.idx < ref.end_char and not actor_like(ctx, tok)


def _headline_passive(ctx: Context, v: Token) -> bool:
    """A headline's passive without "was" ("Opposition leader detained in Minsk"), which the
    parser reads as a past tense with the detainee as subject: a listed verb in its -ed form,
    heading a line without a final stop, with no auxiliary and no object."""
    return (v.lemma_.lower() in ctx.voc.words("headline_passives") and v.lower_.endswith("ed")
            and v.tag_ in {"VBD", "VBN"} and v.dep_ == "ROOT" and without_final_stop(v)
            and not any(c.dep_ in {"aux", "auxpass", "dobj"} for c in v.children))
