"""Which tokens are triggers, and of which type: verbs and event nouns of the vocabulary,
refined by context patterns. A light verb and its event noun ("held talks", "imposed
sanctions") are one candidate on the verb, typed by the noun."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from pipeline.events.arguments import Args, verb_args
from pipeline.events.context import Context
from pipeline.events.noun_arguments import noun_args
from pipeline.events.participants import actor_like, counted
from pipeline.events.patterns import forms, matching_pattern, pattern_type, with_counted
from pipeline.events.syntax import (
    OBJ,
    WORDLIKE,
    first_child,
    is_imperative,
    is_occasion,
    light_clause_of,
    prep_objects,
    restating_object,
    subject_relative,
)
from pipeline.events.vocabulary import OTHER, EventType


@dataclass
class Candidate:
    """A typed trigger with the argument tokens read off the parse, before the gates."""

    trigger: Token
    etype: EventType
    args: Args
    is_verb: bool
    noun: Token | None = None  # the event noun of a light verb ("held talks"), which may carry the place


def candidate(ctx: Context, t: Token) -> Candidate | None:
    """The coded candidate at token t, or None: untyped predicates, imperatives ("Follow us"),
    occasions ("during a speech") and event nouns already covered by their light verb."""
    name = trigger_type(ctx, t)
    if name is None:
        return None
    etype = ctx.voc.event_type(name)
    if t.pos_ == "VERB":
        return None if is_imperative(t) else _verb_candidate(ctx, t, etype)
    if t.i in ctx.light_nouns or is_occasion(t) or any(light_clause_of(c, ctx.voc) for c in t.children):
        return None
    if etype.name == OTHER or _subject_of_same_act(ctx, t, etype) or _predicate_of_same_act(ctx, t, etype) \
            or _restates_an_act(ctx, t, etype) or _modifies_an_act(ctx, t) or _undone(ctx, t) \
            or _a_share_of_votes(ctx, t, etype):
        return None
    return Candidate(t, etype, _with_undone_measure(ctx, t, noun_args(ctx, t, etype)), False)


def _modifies_an_act(ctx: Context, n: Token) -> bool:
    """An event noun compounded with a coded event noun names that act's kind or aim ("the
    ceasefire talks", "a Ukraine ceasefire deal", "the protest rally"): one act, mentioned on
    the head noun."""
    head = n.head
    if n.dep_ != "compound" or head.i == n.i or head.pos_ != "NOUN":
        return False
    name = trigger_type(ctx, head)
    return name is not None and name != OTHER


def _subject_of_same_act(ctx: Context, n: Token, etype: EventType) -> bool:
    """An event noun that is the subject of a verb telling the same act ("the strikes hit
    Kyiv", "the attack killed three people"): one event, mentioned on the verb."""
    v = n.head
    if n.dep_ != "nsubj" or v.pos_ != "VERB" or v.i == n.i or n.pos_ != "NOUN":
        return False
    if ctx.voc.verb_type.get(v.lemma_.lower()) is None:
        return False  # "the summit took place": the verb is typed by the noun, which carries it
    ntype, vtype = trigger_type(ctx, n), trigger_type(ctx, v)
    return ntype is not None and vtype is not None and ctx.voc.family(ntype) == ctx.voc.family(vtype) == etype.family


def _predicate_of_same_act(ctx: Context, n: Token, etype: EventType) -> bool:
    """An event noun that says what an event noun subject was ("the test is the fourth such
    missile launch", "the attack was the deadliest assault in years"): the same act again,
    mentioned on the subject."""
    v = n.head
    if n.dep_ != "attr" or v.lemma_.lower() != "be":
        return False
    subj = next((c for c in v.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    stype = trigger_type(ctx, subj) if subj is not None else None
    return stype is not None and ctx.voc.family(stype) == etype.family


def _a_share_of_votes(ctx: Context, n: Token, etype: EventType) -> bool:
    """Votes counted as a share are a tally, not an election of their own ("won 85 percent of the
    vote", "a majority of the votes cast"; `share_nouns`)."""
    if etype.family != "ELECTION" or n.dep_ != "pobj" or n.head.lower_ != "of":
        return False
    share = n.head.head
    return share.ent_type_ == "PERCENT" or share.lemma_.lower() in ctx.voc.words("share_nouns")


def _restates_an_act(ctx: Context, n: Token, etype: EventType) -> bool:
    """An event noun that sums up the clause before it ("accused Sudan of arming the rebels, a
    charge Khartoum denied"; `syntax.restating_object`): the same act again, mentioned on the
    clause's verb."""
    if n.dep_ != "dobj":
        return False
    clause = next((c for c in n.head.children if c.dep_ == "ccomp" and c.i < n.i), None)
    obj = restating_object(clause) if clause is not None else None
    if clause is None or obj is None or obj.i != n.i:
        return False
    ctype = trigger_type(ctx, clause)
    return ctype is not None and ctx.voc.family(ctype) == etype.family


def _verb_candidate(ctx: Context, t: Token, etype: EventType) -> Candidate | None:
    """A verbal trigger; a light verb takes the type and targets of its event noun."""
    voc = ctx.voc
    lemma = t.lemma_.lower()
    obj = first_child(t, OBJ)
    on_its_noun = light_clause_of(t, voc)  # a light participle or relative clause on the event noun
    if on_its_noun and is_occasion(t.head):
        return None  # "alleged in a statement he issued on Monday": the setting of another act
    if on_its_noun:
        obj = t.head  # "the settlement reached between the parties": the same event
    noun_type = None
    # a noun whose own clause does its act ("published the agreement Kyiv signed") is not this verb's act
    carried = obj is not None and not on_its_noun and any(light_clause_of(c, voc) for c in obj.children)
    if lemma in voc.light_verbs and obj is not None and obj.pos_ == "NOUN" and not carried:
        noun_type = trigger_type(ctx, obj)  # the noun's patterns too ("carried out a missile test")
        noun_type = None if noun_type == OTHER else noun_type
    subj = first_child(t, {"nsubj"})
    if subj is not None and subj.pos_ == "NOUN" and voc.verb_type.get(lemma) is None and trigger_type(ctx, subj) == etype.name:
        return None  # typed by its subject alone ("the summit took place"): the noun is the event
    if noun_type is None or obj is None:
        if etype.name == OTHER:
            return None
        args = _with_undone_measure(ctx, t, _with_noun_subject(ctx, t, verb_args(ctx, t, etype), etype))
        # "agreed to a four-day truce", "agreed on a ceasefire": the noun is the agreement (one
        # responds to a statement or a letter that is another's act of the same kind)
        agreed = etype.family == "AGREE" and obj is None
        same = next(iter(prep_objects(t, {"to", "on", "upon"})), None) if agreed else obj
        return Candidate(t, etype, _with_object_of_same_act(ctx, same, args, etype), True)
    ctx.light_nouns.add(obj.i)
    if etype.name == OTHER or etype.name == voc.verb_type.get(lemma):
        etype = voc.event_type(noun_type)
    if etype.name == OTHER:
        return None
    args = verb_args(ctx, t, etype)
    nargs = noun_args(ctx, obj, etype)
    # the noun's own possessive pronoun repeats the subject ("the aircraft made its maiden
    # flight"): not a target of the verb
    own = [a for a in nargs.targets if not (a.dep_ == "poss" and a.pos_ == "PRON" and a.head.i == obj.i)]
    args.targets = [a for a in args.targets if a.i != obj.i] or own
    if on_its_noun and not args.sources:
        args.sources = nargs.sources  # "Russia's sanctions imposed on Belarus"
    return Candidate(t, etype, args, True, noun=obj)


def _with_object_of_same_act(ctx: Context, obj: Token | None, args: Args, etype: EventType) -> Args:
    """An event noun object of the same act as its verb ("won the election", "signed an
    agreement with Kyiv", "agreed to a truce") is one mention, on the verb: the noun is no mention of its own, and
    its targets stand in when the verb has none."""
    if obj is None or obj.pos_ != "NOUN":
        return args
    ntype = trigger_type(ctx, obj)
    if ntype is None or ntype == OTHER or ctx.voc.family(ntype) != etype.family:
        return args
    ctx.light_nouns.add(obj.i)
    if not [a for a in args.targets if a.i != obj.i]:
        args.targets = noun_args(ctx, obj, etype).targets
    return args


def _with_noun_subject(ctx: Context, v: Token, args: Args, etype: EventType) -> Args:
    """When the verb's subject is an event noun of the same act ("Russia's strikes hit Kyiv"),
    the agent is the noun's ("Russia")."""
    subj = first_child(v, {"nsubj"})
    if subj is not None and _subject_of_same_act(ctx, subj, etype):
        nsources = noun_args(ctx, subj, etype).sources
        args.sources = [s for s in args.sources if s.i != subj.i] + nsources
    return args


def trigger_type(ctx: Context, t: Token) -> str | None:
    """Event type of a candidate trigger, or None when it is not a trigger."""
    voc = ctx.voc
    lemma = t.lemma_.lower()
    low = t.lower_
    bare_noun = _bare_verb_after_be(t)
    if t.pos_ == "VERB" and not bare_noun:
        if not WORDLIKE.fullmatch(t.text):
            return None  # tagger slips on codes ("A-50")
        if lemma in voc.non_events:
            # copulas, stance and motion verbs, unless a pattern names an act ("went to the polls")
            typed = pattern_type(ctx, t, lemma)
            return typed if typed is not None and typed != OTHER else None
        typed = pattern_type(ctx, t, lemma)
        if typed:
            return typed
        if lemma in voc.intransitive and first_child(t, OBJ) is not None:
            return OTHER  # "demonstrated its readiness" is no protest
        if lemma in voc.words("warning_verbs") and _warns_of_others(ctx, t):
            return "STATEMENT"
        if lemma in voc.words("fighting_verbs") and _fights_no_one(ctx, t):
            return OTHER
        return voc.verb_type.get(lemma, OTHER)
    if (t.pos_ in {"NOUN", "PROPN"} or bare_noun) and not t.ent_type_:
        if lemma in voc.words("document_nouns") and _titled_name(t):
            return None  # "the 2020 U.S.-Poland Enhanced Defense Cooperation Agreement": a document
        typed = pattern_type(ctx, t, lemma)
        if typed:
            return typed
        name = voc.noun_type.get(low) or voc.noun_type.get(lemma)
        if name == OTHER and lemma in ctx.typed_lemmas and _anaphoric(t):
            # "North Korea carried out a missile launch. ... The launch took place ...": a
            # definite general event noun refers back to the coded event of the same word
            return ctx.typed_lemmas[lemma]
        return name
    return None


def _fights_no_one(ctx: Context, t: Token) -> bool:
    """Is what is fought neither an actor nor an act ("fight the rise of extremism", "fighting
    the outbreak")? Fighting an enemy ("fought the rebels") or a war is an attack; fighting a
    thing or a trend is no one's (`fighting_verbs`)."""
    obj = first_child(t, {"dobj"})
    if obj is None or actor_like(ctx, obj) or obj.pos_ in {"PROPN", "PRON"}:
        return False  # a name or a pronoun may well be an enemy the dictionary does not know
    if any(actor_like(ctx, o) for o in prep_objects(t, {"against"}) + prep_objects(obj, {"against"})):
        return False  # "fighting an insurgency against the Pakistani state": the state is the enemy
    return trigger_type(ctx, obj) in {None, OTHER}


def _warns_of_others(ctx: Context, t: Token) -> bool:
    """Does the warning tell what someone or something else will do or does ("warns that such
    measures could embolden Erdogan", "warned that the drought would hurt farmers")? That says
    something; warning someone, or that the warner will act ("warned that it would respond",
    "warned that Russian forces would strike", "warned that sanctions would follow"), threatens."""
    if any(c.dep_ in {"dobj", "dative"} for c in t.children):
        return False
    comp = first_child(t, {"ccomp"})
    if comp is None:
        return False
    subj = first_child(comp, {"nsubj", "nsubjpass"})
    if subj is None and first_child(comp, {"csubj"}) is not None:
        return True  # "warned that expanding military cooperation with Russia is dangerous": what an act is
    if subj is None or subj.pos_ == "PRON" or (subj.dep_ == "nsubjpass" and not prep_objects(comp, {"by"})):
        return False  # "warned that terrorists will not be spared": by the warner
    # "warned that sanctions would follow": the warner's own act; not "that cooperation between
    # Russia and North Korea is dangerous" or "the deployment of troops by Pyongyang": others'
    own_parties = first_child(subj, {"poss"}) is not None or bool(prep_objects(subj, {"between", "among", "by"}))
    if trigger_type(ctx, subj) not in {None, OTHER} and not own_parties:
        return False
    warner = first_child(t, {"nsubj"})
    said, said_by = ctx.ref(subj), ctx.ref(warner) if warner is not None else None
    return said is None or said_by is None or said.actor_id != said_by.actor_id


def _titled_name(t: Token) -> bool:
    """Is the noun the last word of a title in a sentence of running text ("the Enhanced Defense
    Cooperation Agreement which supports ...", "the Minsk Agreement", "a Democracy Summit")? A
    titled agreement or treaty (`document_nouns`) names a document, not an act: signing it is
    the act ("signed the Minsk Agreement"); a titled summit is still a meeting."""
    if t.tag_ not in {"NNP", "NNPS"} or not t.is_title or t.i == t.sent.start:
        return False
    if not any(c.dep_ == "compound" and c.i < t.i and c.text[:1].isupper() for c in t.children):
        return False
    words = [w for w in t.sent if w.is_alpha]
    return sum(w.is_lower for w in words) * 2 > len(words)


def _bare_verb_after_be(t: Token) -> bool:
    """A bare verb form the tagger made the complement of "be" ("the proposals are just talk"):
    a noun, as English has no "are talk" verb."""
    return t.tag_ == "VB" and t.dep_ in {"acomp", "attr"} and t.head.lemma_ == "be"


def _anaphoric(n: Token) -> bool:
    """A definite or demonstrative noun without a modifier of its own ("the launch", "this
    test"; not "the product launch", "a launch")."""
    if any(c.dep_ in {"compound", "amod", "poss", "nmod"} for c in n.children):
        return False
    return any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in n.children)


def undone_measure(ctx: Context, t: Token) -> Token | None:
    """The measure an act of undoing ends ("lifted the sanctions", "sanctions were eased", "the
    lifting of the ban"), when a pattern marked `undoes` types t: the measure is part of
    that act, not one of its own."""
    p = matching_pattern(ctx, t, t.lemma_.lower())
    if p is None or not p.undoes:
        return None
    held = with_counted([c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]) + prep_objects(t, {"of"})
    if t.dep_ in {"acl", "relcl"} and t.tag_ == "VBN":
        held.append(t.head)  # "the sanctions lifted last year"
    return next((m for m in held if forms([m]) & p.object), None)


def _undone(ctx: Context, n: Token) -> bool:
    """Is the event noun a measure that an act of undoing ends (`undone_measure`)?"""
    heads = [n.head] if n.dep_ in {"dobj", "nsubjpass"} else []
    if n.dep_ == "pobj" and n.head.lower_ == "of":
        heads.append(n.head.head)
    heads += [c for c in n.children if c.dep_ in {"acl", "relcl"}]
    return any(getattr(undone_measure(ctx, h), "i", None) == n.i for h in heads if h.i != n.i)


def _with_undone_measure(ctx: Context, t: Token, args: Args) -> Args:
    """An act of undoing is aimed at whom the measure was on ("lifted sanctions on Belarus"),
    and failing a subject of its own it is done by whoever held the measure ("US sanctions
    were lifted")."""
    m = undone_measure(ctx, t)
    if m is None:
        return args
    ctx.light_nouns.add(m.i)
    mtype = ctx.voc.event_type(trigger_type(ctx, m) or OTHER)
    margs = noun_args(ctx, m, mtype)
    # the measure's own preposition hung on the verb ("withdrew its lawsuit against Belarus")
    hung = [o for o in prep_objects(t, set(mtype.target_preps)) if actor_like(ctx, o)]
    measure = {a.i for a in args.targets if a.i == m.i or m in counted(a)}  # "eased some of its sanctions"
    args.targets = [a for a in args.targets if a.i not in measure] or margs.targets or hung
    args.sources = args.sources or margs.sources
    return args


def time_anchored(ctx: Context, n: Token) -> bool:
    """An event noun with its own date: "the invasion on February 24th 2022", "the 2020
    protests", "a crackdown that began almost two months ago" (a relative clause of which it is
    the subject dates it)."""
    for c in n.children:
        if subject_relative(c) and any(d.ent_type_ in {"DATE", "TIME"} and d.dep_ in {"advmod", "npadvmod"} for d in c.children):
            return True
        if c.ent_type_ in {"DATE", "TIME"} and c.dep_ in {"compound", "nmod", "npadvmod", "amod", "nummod"}:
            return True
        if (
            c.dep_ == "prep"
            and c.lower_ in {"on", "in", "of", "since", "during"}
            and any(o.dep_ == "pobj" and o.ent_type_ in {"DATE", "TIME"} for o in c.children)
        ):
            return True
    return False
