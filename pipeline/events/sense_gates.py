"""Gates of word sense: a trigger word that names something else here. An agreement acts are
done under is their framework, a settlement with no sign of a deal is a place, a threat one
poses is a danger, "met with" something is a reception, a thing promoted is no appointment, a
market rallying or a storm hitting is no one's act, and amassing followers is no mobilisation.
Part of the gates `pipeline.events.gates.admit` applies, with their word lists and examples in
`schemas/event_types.yaml`."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from pipeline import actor_names
from pipeline.actors.name_shapes import storm_names
from pipeline.events.context import Context
from pipeline.events.participants import actor_like
from pipeline.events.syntax import AMOUNT_ENTS, doer, first_child, is_passive, prep_objects, without_final_stop
from pipeline.events.triggers import Candidate


def not_a_framework(ctx: Context, cand: Candidate) -> bool:
    """An agreement or a sanction that acts are done under is the standing framework of those
    acts, not a report of agreeing or sanctioning: "limits under the Paris climate pact", "left
    in line with the deal", "under the terms of the treaty", "under the sanctions, he is barred";
    and an agreement that says what holds is one too ("the defense treaty applies to attacks on
    ships"; "the agreement, signed on Monday, ends the war" is new; "the new sanctions
    show ..." refers to sanctions imposed: `framework_subject_types`). The act itself is a
    verb ("signed a treaty") or a noun that is not the object of such a phrase."""
    t, words = cand.trigger, ctx.voc.words
    if cand.is_verb or cand.etype.name.lower() not in words("framework_types"):
        return True
    if cand.etype.name.lower() in words("framework_subject_types") and t.dep_ == "nsubj" and _present_state(t.head) \
            and not any(c.dep_ == "acl" for c in t.children) \
            and not any(ctx.is_strong(a) for a in cand.args.sources + cand.args.targets):
        return False  # "the mutual defense treaty applies to ...", not "recent agreements between X and Y are"
    if t.dep_ != "pobj":
        return True
    prep = t.head
    if prep.lower_ == "of" and prep.head.lemma_.lower() in words("framework_parts") and prep.head.dep_ == "pobj":
        prep = prep.head.head  # "under the terms of the treaty"
    if prep.lower_ in words("framework_preps"):
        return False
    # "in line with the deal", "in accordance with the treaty"
    return not (prep.lower_ == "with" and prep.head.lemma_.lower() in words("framework_phrases"))


def not_a_settled_place(ctx: Context, cand: Candidate) -> bool:
    """A noun that also names a place ("the Kalobeyei settlement", "Israeli settlements in the
    West Bank") is an agreement only with a sign of one: a verb that reaches, signs or rejects
    it ("reached a settlement"), a word of the deal's kind ("a peace settlement") or what or
    whom it settles ("a settlement of the dispute", "a settlement with the creditors");
    `gate_words` `place_sense_nouns`, `settling_verbs`, `settlement_kinds`, `settlement_preps`."""
    t, words = cand.trigger, ctx.voc.words
    if cand.is_verb or t.lower_ not in words("place_sense_nouns"):
        return True
    if t.dep_ in {"dobj", "pobj", "nsubjpass"} and _governing_verb(t).lemma_.lower() in words("settling_verbs"):
        return True
    if any(c.dep_ in {"amod", "compound"} and c.lower_ in words("settlement_kinds") for c in t.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ in words("settlement_preps") and not _named_place(c) for c in t.children)


def _named_place(prep: Token) -> bool:
    """Does an "of" phrase name a place ("the settlement of Yitzhar")?"""
    return prep.lower_ == "of" and any(o.ent_type_ in {"GPE", "LOC", "FAC"} for o in prep.children if o.dep_ == "pobj")


def _governing_verb(n: Token) -> Token:
    """The verb a noun is the object of, directly or through one preposition ("agreed on a
    settlement")."""
    return n.head.head if n.dep_ == "pobj" and n.head.dep_ == "prep" else n.head


def _present_state(v: Token) -> bool:
    """A present-simple verb without a modal or a future ("applies", "requires", "is")."""
    return v.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in v.children) \
        and not without_final_stop(v)


def not_a_danger(ctx: Context, cand: Candidate) -> bool:
    """A threat with no one making it is a danger, not an act: "the threat of terrorism", "a
    reminder of the threat". One someone makes has its maker: a possessor ("Russia's threats"),
    "from", "by" or an actor after "of" ("the threat from Warsaw", "the threat of al-Shabab"),
    or the subject of the verb that makes it
    ("issued a threat"); `gate_words` `danger_nouns`. A single threat of a kind that names
    a capability ("North Korea's nuclear threat") is a danger whoever poses it
    (`danger_modifiers`), and so is one its subject poses, represents or constitutes ("the
    missiles pose no threat to NATO", "China poses a threat to Taiwan": a quality, not a threat
    anyone made; `danger_verbs`)."""
    t = cand.noun if cand.is_verb and cand.noun is not None else cand.trigger
    if t.lower_ not in ctx.voc.words("danger_nouns") or (cand.is_verb and t is cand.trigger):
        return True
    verb = cand.trigger if cand.is_verb else t.head  # "poses a threat", "the threat Russia poses"
    if (cand.is_verb or t.dep_ in {"dobj", "attr"}) and verb.lemma_.lower() in ctx.voc.words("danger_verbs"):
        return False
    if cand.is_verb:
        return True
    if t.tag_ == "NN" and any(c.dep_ in {"amod", "compound"} and c.lower_ in ctx.voc.words("danger_modifiers")
                              for c in t.children):
        return False  # "North Korea's nuclear threat": the danger it poses
    if any(c.dep_ == "poss" for c in t.children) or prep_objects(t, {"from", "by"}):
        return True
    if any(ctx.is_strong(o) for o in prep_objects(t, {"of"})):
        return True  # "the ongoing threat of al-Shabab": the group threatens
    return t.dep_ == "dobj" and any(c.dep_ == "nsubj" for c in t.head.children)


def not_a_reception(ctx: Context, cand: Candidate) -> bool:
    """"Meet with" something that is no one says how a thing or a person was received ("the
    offensive met with surprising success", "the plan met with resistance", "protesters were
    met with tear gas"), not that anyone met; `gate_words` `reception_verbs`."""
    t = cand.trigger
    if not cand.is_verb or t.lemma_.lower() not in ctx.voc.words("reception_verbs"):
        return True
    objs = prep_objects(t, {"with"})
    return not objs or any(c.dep_ == "dobj" for c in t.children) or any(
        actor_like(ctx, o) and not _bare_singular(o) for o in objs)


def _bare_singular(n: Token) -> bool:
    """A singular common noun with no determiner, possessor or modifier that names someone
    ("met with opposition", "met with resistance"): a mass noun, not a party one meets ("met
    with the opposition", "met with opposition leaders")."""
    return n.tag_ == "NN" and not any(c.dep_ in {"det", "poss", "compound", "amod", "nmod"} for c in n.children)


def not_a_thing_appointed(ctx: Context, cand: Candidate) -> bool:
    """One appoints, promotes or hires someone: a verb of office whose object is a thing
    promotes or designates that thing ("promoting open borders", "designated the area a
    no-fly zone"), no change of office. Someone is an actor or a title's word ("promoted the
    colonel", "hired lawyers": `person_titles` in `schemas/actor_names.yaml`)."""
    t = cand.trigger
    if cand.etype.name != "APPOINT" or not cand.is_verb:
        return True
    obj = first_child(t, {"nsubjpass"} if is_passive(t) else {"dobj"})
    return obj is None or obj.pos_ != "NOUN" or actor_like(ctx, obj) \
        or (obj.lemma_.lower(),) in actor_names.rules().titles  # "promoted the colonel", "hired lawyers"


def not_a_market_or_nature(ctx: Context, cand: Candidate) -> bool:
    """A market, a measure or a force of nature acting is a figure of speech or a disaster, not
    anyone's act: "shares rallied", "inflation hit a record", "a storm hit the coast", "the
    virus struck the town", "Malawi was hit by the storm", "was struck by Chido" (a storm the
    article named); nor is hitting a level ("the talks hit a snag"). `gate_words`
    `impersonal_subjects` (by lemma), `level_verbs` and `level_objects`."""
    t = cand.trigger
    if not cand.is_verb:
        return True
    agent = doer(t)
    if agent is not None and ((agent.lemma_.lower() in ctx.voc.words("impersonal_subjects") and not agent.ent_type_)
                              or agent.text in storm_names(agent.doc)):
        return False
    if t.lemma_.lower() not in ctx.voc.words("level_verbs"):
        return True
    obj = first_child(t, {"dobj"})
    if obj is not None and (obj.ent_type_ in AMOUNT_ENTS or obj.like_num):
        return False  # "trade hit $1.1 billion": an amount reached
    return obj is None or obj.lemma_.lower() not in ctx.voc.words("level_objects")


def not_a_threatening_thing(ctx: Context, cand: Candidate) -> bool:
    """A thing or a trend that threatens is a danger, not a threat anyone made: "Rising seas
    threaten the island nation", "the province is threatened by the consumption of dog meat";
    an actor threatens ("Ukraine was threatened by Russia"), and a threat with no agent named
    stays ("the journalist was threatened with arrest")."""
    if not cand.is_verb or ctx.voc.family(cand.etype.name) != "THREATEN":
        return True
    agents = cand.args.sources  # "the letter from 47 senators warned Iran": the senators
    return not agents or agents[0].pos_ == "PRON" or actor_like(ctx, agents[0])


def not_a_civil_gathering(ctx: Context, cand: Candidate) -> bool:
    """Amassing, moving or mobilising what is no force is no mobilisation: "amassed 12 million
    followers", "mobilized support for the bill", "the peaceful transfer of power". The thing
    moved is the verb's object or the noun's "of" phrase; `gate_words` `unmilitary_things`
    (lemmas)."""
    if cand.etype.name != "MOBILIZE":
        return True
    t = cand.trigger
    moved = [o for o in t.children if o.dep_ in {"dobj", "nsubjpass"}] if cand.is_verb else prep_objects(t, {"of"})
    things = ctx.voc.words("unmilitary_things")
    return not any(o.lemma_.lower() in things or o.lower_ in things for o in moved)


def not_a_game(ctx: Context, cand: Candidate) -> bool:
    """A blow or a win in a game is sport, not force: "Manchester United beat Chelsea 2-1",
    "Liverpool beat Arsenal in the final", "Brazil beat Germany 7-1 in Belo Horizonte"; a score after the
    verb's object, or an "in"/"at" phrase of a game (`gate_words` `game_nouns`). A range before
    a noun is a count, no score ("killed 20-30 people")."""
    t = cand.trigger
    if ctx.voc.family(cand.etype.name) != "ASSAULT":
        return True
    games = ctx.voc.words("game_nouns")
    if any(o.lemma_.lower() in games for o in prep_objects(t, {"in", "at", "during"})):
        return False
    return not any(_score_at(t.doc, k) for k in range(t.i + 1, min(t.sent.end, t.i + 8)))


def _score_at(doc: Doc, k: int) -> bool:
    """Does a score ("2-1", "2 - 1") start at token k: two numbers of one or two digits joined
    by a hyphen or a dash, with no noun right after it (that would be a range: "20-30 people")?"""
    tok = doc[k]
    if _SCORE.fullmatch(tok.text):
        end = k + 1
    elif k + 2 < len(doc) and _GOALS.fullmatch(tok.text) and doc[k + 1].text in {"-", "\u2013"} \
            and _GOALS.fullmatch(doc[k + 2].text):
        end = k + 3
    else:
        return False
    return end >= len(doc) or doc[end].pos_ not in {"NOUN", "PROPN"}


_SCORE = re.compile(r"\d{1,2}[-\u2013]\d{1,2}")
_GOALS = re.compile(r"\d{1,2}")
