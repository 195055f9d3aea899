"""Gates a candidate passes before it becomes a row: a specific act of someone, reported as
such.

Each gate is a general rule of English news prose, with its word lists under `gate_words` in
`schemas/event_types.yaml` and its examples under `gates` there (one parametrised test runs
them). `admit` applies them in order, the last `pipeline.events.participation.has_participant`;
the gates of speech acts are in `pipeline.events.speech_gates` and those of word sense in
`pipeline.events.sense_gates`. A candidate that fails a gate is dropped silently: it is not an
error, just a clause that reports no coded act (a topic, a description of a participant, the
author's advice, a habit, the outlet's own sourcing).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from pipeline.events.context import Context
from pipeline.events.participants import actor_like, of_participant
from pipeline.events.participation import has_participant
from pipeline.events.sense_gates import (
    not_a_civil_gathering,
    not_a_danger,
    not_a_framework,
    not_a_game,
    not_a_market_or_nature,
    not_a_reception,
    not_a_settled_place,
    not_a_thing_appointed,
    not_a_threatening_thing,
)
from pipeline.events.speech_gates import (
    not_a_discourse_marker,
    not_a_question,
    not_an_inference,
    not_anonymous_sourcing,
    not_attribution,
    not_commentary,
)
from pipeline.events.syntax import (
    OBJECT_CONTROL,
    RELATIVE,
    first_child,
    indefinite,
    inverted_condition,
    is_imperative,
    is_to_infinitive,
    light_participle_of,
    non_restrictive,
    prep_objects,
    report_content,
    without_final_stop,
)
from pipeline.events.triggers import Candidate


def admit(ctx: Context, cand: Candidate) -> bool:
    """True when the candidate passes every gate."""
    return all(gate(ctx, cand) for gate in GATES)


def not_a_side_clause(ctx: Context, cand: Candidate) -> bool:
    """A relative or participle clause on a noun describes that participant ("the militia that
    launched rockets", "aircraft stationed at the base", "people who were held", "reforms
    called for and backed by the UN") rather than report an act, unless the noun is itself an
    event that the clause carries on ("an attack that killed nine people") or a non-restrictive
    clause, or one with a subject of its own, dates what it tells ("Lukashenka, who met Putin
    on Friday, ...", "the system that the Kremlin claimed in December to have deployed"). A participle on an
    event noun restates it ("an airstrike targeting militants", "sanctions targeting banks"):
    the noun is the event. Clauses inside such a clause are side clauses too."""
    if not cand.is_verb:
        return True
    return all(_reports_new_act(ctx, v) for v in _clause_chain(cand.trigger) if v.dep_ in {"relcl", "acl"})


def _reports_new_act(ctx: Context, v: Token) -> bool:
    if v.dep_ == "acl" and is_to_infinitive(v):
        return True  # a complement ("a need to help", "a request to buy"), not a description
    if report_content(v, ctx.voc):
        return True  # "denied reports that they had arrested ...": not a description
    head = v.head
    if head.dep_ == "ROOT" and head.pos_ in {"NOUN", "PROPN"}:
        return True  # a headline misparsed as a noun phrase ("The embassy called the attacks ...")
    if v.dep_ == "acl":
        return light_participle_of(v, ctx.voc)  # "sanctions imposed on Belarus" is the event itself
    if _event_antecedent(ctx, head) or _first_to_act(v):
        return True
    if _sums_up_a_clause(head) and _own_subject(v) and head.lemma_.lower() in ctx.voc.words("summing_nouns"):
        return True  # "arrested the editor, a move the opposition condemned": the condemning is told
    if non_restrictive(v) and v.tag_ == "VBD" and ctx.is_strong(head):
        return True  # "Pushilin, who praised Belarus, ...": an act of the named actor
    return _dated_clause(v) and (non_restrictive(v) or _own_subject(v))


def _sums_up_a_clause(head: Token) -> bool:
    """Is the noun set after a comma in apposition to the clause before it ("..., a move the
    opposition condemned", "..., a decision Kyiv welcomed"; `summing_nouns`)? What its own
    clause tells is someone's act about that one, not a description of a participant."""
    if head.dep_ not in {"appos", "npadvmod"} or head.left_edge.i == 0:
        return False
    return head.doc[head.left_edge.i - 1].text == "," and indefinite(head)


def _first_to_act(v: Token) -> bool:
    """An infinitival relative after an ordinal ("the first country to expel its diplomats")
    says that the noun did it."""
    return is_to_infinitive(v) and any(c.dep_ == "amod" and c.lower_ in {"first", "second", "third", "last", "only", "latest"} for c in v.head.children)


def _own_subject(v: Token) -> bool:
    """An object relative with a subject of its own ("the system that the Kremlin claimed in
    December to have deployed"): it tells what someone else did, not what the noun is."""
    subj = first_child(v, {"nsubj", "nsubjpass"})
    return subj is not None and subj.lower_ not in RELATIVE


def _event_antecedent(ctx: Context, head: Token) -> bool:
    """The clause's noun phrase names an event: the noun itself, its of-object ("a wave of
    strikes that hit Kyiv") or the noun it is the object of ("an attack on the market that
    killed eleven")."""
    if _event_noun(ctx, head) or any(_event_noun(ctx, o) for o in prep_objects(head, {"of"})):
        return True
    return head.dep_ == "pobj" and _event_noun(ctx, head.head.head)


def _event_noun(ctx: Context, n: Token) -> bool:
    """A common noun of the vocabulary ("attack", "talks"); a named document or programme
    ("the Defense Cooperation Agreement") is a thing."""
    return n.pos_ == "NOUN" and (n.lower_ in ctx.voc.noun_type or n.lemma_.lower() in ctx.voc.noun_type)


def _dated_clause(v: Token) -> bool:
    """A date or time inside the verb's own clause (not in a nested clause)."""
    frontier = [c for c in v.children if c.dep_ not in {"relcl", "ccomp", "advcl", "acl", "xcomp"}]
    while frontier:
        c = frontier.pop()
        if c.ent_type_ in {"DATE", "TIME"}:
            return True
        frontier.extend(g for g in c.children if g.dep_ in {"pobj", "prep", "npadvmod", "compound", "nummod", "amod"})
    return False


def not_advice_or_ability(ctx: Context, cand: Candidate) -> bool:
    """The author's or a speaker's advice, obligation and capability are not acts: "Minsk
    should release the prisoners", "the enemy can attack our cities", "the ability to strike",
    "weapons to defend the sky", "ready to deploy". A modal of possibility that names a
    specific event under consideration ("may expel the ambassador") stays, as `possible`."""
    t = cand.trigger
    advice = ctx.voc.words("advice_modals")
    for v in _clause_chain(t):
        if any(c.dep_ == "aux" and (c.lower_ in advice or c.lemma_.lower() in advice) for c in v.children):
            return False  # the lemma too: "can't" is "ca" + "n't"
        h = v.head
        if v.dep_ in {"xcomp", "acl", "advcl"} and h.i != v.i and h.lemma_.lower() in ctx.voc.words("ability_words"):
            return False
        if is_to_infinitive(v) and _noun_before(v).lemma_.lower() in ctx.voc.words("ability_words"):
            return False  # "received weapons to defend": the parser hangs the infinitive on the verb
        if v.dep_ == "pcomp" and h.dep_ == "prep" and h.head.lemma_.lower() in ctx.voc.words("ability_words"):
            return False  # "capable of striking", "skilled at evading checkpoints"
    # "the capability for strikes"
    return cand.is_verb or t.dep_ != "pobj" or t.head.head.lemma_.lower() not in ctx.voc.words("ability_words")


def _noun_before(v: Token) -> Token:
    """The word right before the infinitive's "to" ("weapons" in "weapons to defend")."""
    to = min((c for c in v.children if c.dep_ == "aux" and c.lower_ == "to"), key=lambda c: c.i, default=v)
    return v.doc[max(to.i - 1, 0)]


_CHAIN_DEPS = {"xcomp", "acomp", "acl", "relcl", "advcl", "ccomp", "conj", "pcomp", "prep"}


def _clause_chain(t: Token) -> list[Token]:
    """The trigger and the words whose clause it continues, up to five levels: the verbs or
    nouns it complements ("should be able to release": release, able, be), the first of
    coordinated verbs ("to endanger ships and threaten trade"), and the noun a prepositional
    gerund hangs on ("commitment to defending")."""
    out = [t]
    cur = t
    for _ in range(5):
        if cur.dep_ not in _CHAIN_DEPS or cur.head.i == cur.i:
            break
        if cur.dep_ == "prep" and cur.i != t.i and cur.head.pos_ == "VERB" and not (
                cur.lower_ == "by" and out[-2].tag_ == "VBG"):
            break  # a means ("can end it by withdrawing") continues the clause it serves
        cur = cur.head
        out.append(cur)
    return out


def not_a_condition(ctx: Context, cand: Candidate) -> bool:
    """A verb inside a condition ("if Minsk joins the war", "unless Kyiv withdraws") is a
    hypothetical, not an act. An event noun inside it keeps its own reference ("if they do
    not end their illegal attacks": the attacks happened)."""
    if not cand.is_verb:
        return True
    for v in _clause_chain(cand.trigger):
        if any(c.dep_ == "mark" and c.lower_ in ctx.voc.words("condition_marks") for c in v.children):
            return False
        if inverted_condition(v):
            return False  # "Had Russia invaded earlier, ..."
    return True


def not_a_standing_state(ctx: Context, cand: Candidate) -> bool:
    """A war is the setting of acts, not an act ("the war in Ukraine", "a trade war"); its
    outbreak is one: the noun is a mention as the of-object of an onset noun ("the outbreak of
    war") or the object of an onset verb ("declared war on", "waged war against"). A measure one
    has or keeps in place or in force stands; putting it in place is the act ("still has a ban
    in place"; `keeping_verbs`, `standing_phrases`)."""
    t, words = cand.trigger, ctx.voc.words
    holders = [h for h in (t, cand.noun) if h is not None]  # "has a ban in place": on the verb or its noun
    if cand.is_verb and t.lemma_.lower() in words("keeping_verbs") and any(
            o.lower_ in words("standing_phrases") for h in holders for o in prep_objects(h, {"in"})):
        return False
    if cand.is_verb or t.lemma_.lower() not in words("state_nouns"):
        return True
    onset, head = words("onset_words"), t.head
    if t.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in onset:
        return True
    return t.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in onset


def not_an_open_inquiry(ctx: Context, cand: Candidate) -> bool:
    """An investigation accuses someone only when it is into someone: "prosecutors are
    investigating the senator" (ACCUSE, as PLOVER codes it), not "an inquiry into the fire"."""
    words = ctx.voc.words("inquiry_words")
    heads = [h for h in (cand.trigger, cand.noun) if h is not None and h.lemma_.lower() in words]
    if not heads:
        return True
    targets = cand.args.targets + [o for h in heads for o in prep_objects(h, {"into", "of"})]
    return any(actor_like(ctx, of_participant(ctx, a)) for a in targets)


def not_generic(ctx: Context, cand: Candidate) -> bool:
    """A bare plural of a common noun doing something in the present simple states what such
    people do, not an act: "foreigners visit hospitals for checkups", "farmers sell grain to
    traders". A headline tells past acts in the present ("Protesters clash with police"), a
    statement is an act whoever makes it ("analysts say"), and a named or counted subject is
    specific ("three protesters", "the protesters"); so is an act ("airstrikes kill 50"). A
    bare gerund subject names an activity ("negotiating with armed groups is a crime")."""
    v = cand.trigger
    if cand.is_verb and _activity_as_subject(v):
        return False
    if not cand.is_verb or v.tag_ != "VBP" or cand.etype.name == "STATEMENT" or without_final_stop(v):
        return True
    if any(c.dep_ in {"aux", "auxpass", "neg"} for c in v.children):
        return True
    subj = first_child(v, {"nsubj"})
    if subj is None or subj.tag_ != "NNS" or subj.ent_type_ or subj.lemma_.lower() in ctx.voc.noun_type:
        return True  # an act as subject is a report of it ("Airstrikes kill 50 militants")
    return any(c.dep_ in {"det", "nummod", "poss", "compound", "amod"} for c in subj.children)


def not_a_disposition(ctx: Context, cand: Candidate) -> bool:
    """An act told with an adverb of long standing in the present or the perfect is a standing
    disposition or a habit, no specific act: "Iran has long supported Hezbollah", "we have
    consistently urged the authorities to act", "Russia has always opposed the expansion"
    (`standing_adverbs`). The past tense tells one act ("in 2019 it firmly backed the plan")."""
    v = cand.trigger
    if not cand.is_verb or not any(c.dep_ == "advmod" and c.lower_ in ctx.voc.words("standing_adverbs") for c in v.children):
        return True
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in {"VBP", "VBZ"} for c in v.children)
    return not (perfect or v.tag_ in {"VBP", "VBZ"})


def _activity_as_subject(v: Token) -> bool:
    """A bare gerund that is the subject of a clause names a kind of activity, not an act:
    "negotiating with armed groups is a crime", "talking to the rebels would be a mistake". One
    with its own subject or possessor, or a date ("meeting the rebels on Monday was a
    mistake"), tells a specific act."""
    if v.dep_ not in {"csubj", "csubjpass"} or v.tag_ != "VBG":
        return False
    if any(c.dep_ in {"nsubj", "poss", "aux", "neg"} for c in v.children):
        return False
    return not _dated_clause(v)


def not_habitual(ctx: Context, cand: Candidate) -> bool:
    """A habit or a standing arrangement is not one act: "Poland regularly hosts NATO
    troops", "the ministry usually condemns such visits", "the opposition has demanded for
    years that ..."."""
    t = cand.trigger
    habitual = ctx.voc.words("habitual_adverbs")
    if any(c.dep_ == "advmod" and c.lower_ in habitual for c in t.children):
        return False
    whenever = ctx.voc.words("whenever_marks")
    if t.dep_ == "advcl" and t.head.tag_ in {"VBP", "VBZ"} and any(c.lower_ in whenever for c in t.children) \
            and any(c.dep_ == "advmod" and c.lower_ in habitual for c in t.head.children):
        return False  # "people most often lose their cards when they are convicted": whenever it happens
    # "has demanded for years": a standing position; "jailed him for five years" is one act
    # and its length
    spans = ctx.voc.words("standing_durations")
    if any((o.lemma_.lower() in spans or o.lower_ in spans) and not _length_of_a_past_act(t, o)
           for o in prep_objects(t, {"for"})):
        return False
    return not _whenever(ctx, t)


def not_a_provision(ctx: Context, cand: Candidate) -> bool:
    """What a law, a treaty or a rule requires, allows or forbids someone to do is a standing
    provision, not an act: "the treaty requires members to defend each other", "the new law
    allows police to detain suspects for 30 days", "diplomats are forbidden to meet opposition
    leaders". Only the present simple says so; "the court ordered the army to release them" is
    one act (`provision_verbs`, and `rule_nouns` for the subject of the active verb)."""
    t = cand.trigger
    gov = t.head
    if t.dep_ not in {"xcomp", "ccomp", "dobj"} or gov.lemma_.lower() not in ctx.voc.words("provision_verbs"):
        return True
    if gov.tag_ in {"VBZ", "VBP"} and not any(c.dep_ in {"aux", "auxpass"} for c in gov.children):
        subj = first_child(gov, {"nsubj"})
        return subj is None or subj.lemma_.lower() not in ctx.voc.words("rule_nouns")
    aux = first_child(gov, {"auxpass"})
    return not (gov.tag_ == "VBN" and aux is not None and aux.tag_ in {"VBZ", "VBP"}
                and not any(c.dep_ == "aux" for c in gov.children))


def _length_of_a_past_act(t: Token, duration: Token) -> bool:
    """"jailed the leader for five years" (a headline's "jails"): a counted length after a
    simple past is what the one act imposed, not a standing habit ("has demanded for years",
    "has called for two years")."""
    past = t.tag_ == "VBD" or (t.tag_ == "VBZ" and without_final_stop(t))  # a headline's present tells the past
    return past and any(c.dep_ == "nummod" for c in duration.children)


def _whenever(ctx: Context, t: Token) -> bool:
    """Is the trigger a bare gerund of a "when"/"while" clause under a present-simple verb of
    a sentence ("the army feels confident only when attacking cities")? What holds whenever
    it is done is a habit; a past, a headline or a reporting verb tells one act ("was killed
    while attacking a checkpoint", "Soldier dies while defending village", "X, while
    condemning the violence, says ...")."""
    if t.tag_ != "VBG" or t.dep_ != "advcl" or any(c.dep_ in ("aux", "nsubj") for c in t.children):
        return False
    if not any(c.dep_ in ("mark", "advmod") and c.lower_ in ctx.voc.words("whenever_marks") for c in t.children):
        return False
    gov = t.head
    simple = gov.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in gov.children)
    # news tells what someone says in the present: "X, while condemning the violence, says ..."
    return simple and not without_final_stop(gov) and gov.lemma_.lower() not in ctx.voc.reporting


def not_an_alternative(ctx: Context, cand: Candidate) -> bool:
    """What someone did not do instead ("rather than imprisoning its critics", "instead of
    negotiating") is not an act."""
    t = cand.trigger
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head  # "rather than imprisoning and intimidating its critics"
    if t.dep_ != "pcomp":
        return True
    prep = t.head
    words = {prep.lower_, *(c.lower_ for c in prep.children)}
    return not (words & ctx.voc.words("alternative_markers"))


def not_under_an_instruction(ctx: Context, cand: Candidate) -> bool:
    """A verb governed by an imperative is part of an instruction or a turn of speech ("let
    me say again", "Follow us and support our work"), not a report."""
    t = cand.trigger
    head = t.head
    return not (t.dep_ in {"xcomp", "ccomp", "conj"} and head.i != t.i and head.pos_ == "VERB" and is_imperative(head))


def not_a_contribution(ctx: Context, cand: Candidate) -> bool:
    """Helping with a bare complement and no one helped ("the investment helped fuel the
    growth", "capital helps to drive up prices", "he helped organise the handover") is a
    contribution to that act, which is the event if it is one: no support given to an actor.
    Someone helped ("helped Mauritius build an airstrip", "helped Poland with the repairs")
    keeps it."""
    t = cand.trigger
    if not cand.is_verb or t.lemma_.lower() not in ctx.voc.words("contributing_verbs"):
        return True
    if first_child(t, {"dobj", "dative", "ccomp"}) is not None:
        return True
    return first_child(t, {"xcomp"}) is None


def not_debris(ctx: Context, cand: Candidate) -> bool:
    """Falling debris is not an attack: "wreckage from the intercepted drones damaged a
    school", "shrapnel hit three houses". The attack is the act that made it."""
    if cand.etype.name != "ASSAULT" or not cand.is_verb:
        return True
    subj = first_child(cand.trigger, {"nsubj"})
    return subj is None or subj.lemma_.lower() not in ctx.voc.words("debris_nouns")


def not_a_purpose(ctx: Context, cand: Candidate) -> bool:
    """A purpose infinitive says why an act was done, not that a second act happened: "deployed
    troops to protect the border", "met to discuss the crisis", "will take further steps to
    protect our forces", "drones used to carry out attacks". An infinitive that is the act
    asked for, promised, planned or refused ("urged Minsk to release", "agreed to hold talks")
    is a complement, not a purpose, and stays; so is the act one travels to do ("flew to Ankara
    to meet Erdogan")."""
    v = cand.trigger
    if not cand.is_verb or not is_to_infinitive(v) or v.head.i == v.i or v.head.pos_ != "VERB":
        return True
    gov = v.head.lemma_.lower()
    voc = ctx.voc
    complement = gov in voc.requesting | voc.planned | voc.negating | voc.possible | voc.decision_verbs | OBJECT_CONTROL
    # "the invitation extended to Tsikhanouskaya to visit Kyiv": the infinitive belongs to a
    # noun of asking or offering the parser hung it past
    nouns = [c for c in v.head.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    if v.head.dep_ == "acl":
        nouns.append(v.head.head)
    complement |= any(n.lemma_.lower() in voc.words("offer_nouns") for n in nouns)
    complement |= gov in voc.words("motion_verbs")  # "flew to Ankara to meet Erdogan": the trip's act
    if v.dep_ == "advcl":
        return complement
    if v.dep_ == "xcomp":
        return gov not in voc.words("instrument_verbs")
    return True


GATES: tuple[Callable[[Context, Candidate], bool], ...] = (
    not_under_an_instruction,
    not_a_purpose,
    not_debris,
    not_a_contribution,
    not_a_side_clause,
    not_advice_or_ability,
    not_a_condition,
    not_a_standing_state,
    not_a_disposition,
    not_a_framework,
    not_a_settled_place,
    not_a_danger,
    not_a_civil_gathering,
    not_a_reception,
    not_a_thing_appointed,
    not_a_market_or_nature,
    not_a_threatening_thing,
    not_a_game,
    not_an_inference,
    not_an_open_inquiry,
    not_a_question,
    not_generic,
    not_habitual,
    not_a_provision,
    not_an_alternative,
    not_attribution,
    not_anonymous_sourcing,
    not_commentary,
    not_a_discourse_marker,
    has_participant,
)
