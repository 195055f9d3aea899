"""Factuality of a trigger: asserted, negated, possible, planned or reported, from the
cues of its own clause and of the clauses that govern it."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.events.context import Context
from pipeline.events.syntax import (
    accusing_verb,
    allegation_prep,
    first_child,
    in_issued_statement,
    inverted_condition,
    is_passive,
    is_to_infinitive,
    report_content,
    restating_object,
    speaking_conjunct_of,
    verb_in,
)
from pipeline.events.vocabulary import EventTypeVocabulary
from pipeline.quotes import in_quotation
from pipeline.timex.lexicon import UNITS


def factuality(ctx: Context, t: Token) -> str:
    """Asserted, negated, possible, planned or reported, from the cues of the
    trigger's own clause and of the clauses that govern it: complements of reporting,
    belief, intention and failure verbs ("claimed to have deployed", "failed to support",
    "plans to visit"), coordination, and temporal clauses (future only). Negation and
    modality of a main clause do not reach a concessive or temporal subordinate clause
    ("Although X withdrew, relations did not collapse"), and an event noun only takes the
    polarity of the verb it is the object of ("did not hold talks"), unless that verb judges
    someone else's act ("has never condemned the invasion": the invasion happened)."""
    voc = ctx.voc
    neg = poss = plan = rep = would = False
    cur = t
    is_noun = t.pos_ in {"NOUN", "PROPN"}
    if is_noun:
        for c in t.children:
            if c.dep_ in {"amod", "compound"}:
                lm = c.lemma_.lower()
                poss |= lm in voc.possible
                plan |= lm in voc.planned
                rep |= lm in voc.reporting
            if c.dep_ == "det" and c.lower_ == "no":
                neg = True
            poss |= c.dep_ == "det" and c.lower_ in voc.words("nonspecific_determiners")
    else:
        # an object that denies any: a light verb's event noun ("held no talks", "have had no
        # discussion"), or what the act would have been done to or said ("has said nothing about
        # the men", "imposed no sanctions", "killed no one")
        neg = any(c.dep_ == "dobj" and _none_of(c) for c in t.children)
    only_future = False  # above a subordinate clause only futurity carries over
    own_tense = False  # the clause below was a finite conjunct: the negation of this one is not its
    own_clause = True  # the trigger's clause, or a verb it is coordinated with ("injured or killed")
    if t.tag_ == "VBN" and (t.lemma_.lower() in voc.planned or t.lower_ in voc.planned) and is_passive(t):
        plan = True  # "the release, which is scheduled for next summer"
    undone_negator = -1  # "did not rule out sanctions": the negation undoes the negator
    kept: tuple[bool, bool, bool, bool] | None = None  # the cues below a verb that receives the act
    answered: tuple[bool, bool, bool] | None = None  # ... below one that may answer it (futurity passes)
    if is_noun and t.lemma_.lower() in voc.made_by_saying and any(c.dep_ == "poss" for c in t.children):
        kept = (neg, poss, plan, would)  # "refused to cave to Beijing's demands": Beijing made them
    if is_noun and any(c.dep_ == "amod" and c.lower_ in voc.words("ongoing_modifiers") for c in t.children):
        kept = (neg, poss, plan, would)  # "would undermine the ongoing talks": they are going on
    past: tuple[bool, bool] | None = None  # the futurity below a past-tense clause of its own
    described: tuple[bool, bool] | None = None  # negation and futurity below the first noun of a participant
    below = t  # the token the climb came up from
    for _ in range(6):
        if described is None and cur.i != t.i and _participant(voc, cur) and below.lower_ not in {"including", "like", "as"}:
            # "for the Uyghurs still in Thai custody, the danger has not passed", "the number of
            # attacks did not fall": a negation above says nothing of the act
            described = (neg, plan)
        for c in cur.children:
            dep = c.dep_
            lm = c.lemma_.lower()
            if dep == "neg":
                neg |= not only_future and not own_tense and cur.i != undone_negator and not _on_a_focus(voc, cur, c) \
                    and not _quoted_answer(cur, c) and not _or_not(c)
            elif dep in {"nsubj", "nsubjpass"} and own_clause and _none_of(c):
                neg = True  # "no civilians were killed", "nobody was hurt"
            elif dep == "aux":
                if lm in {"will", "shall", "'ll"} or c.lower_ in {"will", "shall", "'ll", "wo"}:
                    plan = True
                elif only_future:
                    continue
                elif c.lower_ == "would" and not poss:
                    would = True
                elif lm in voc.possible or c.lower_ in voc.possible:
                    poss = True
            elif only_future:
                continue
            elif dep == "mark" and c.lower_ in {"if", "unless", "whether"}:
                poss = True
            elif dep == "advcl" and own_clause and _condition(c) and not _unconditional(voc, t):
                poss = True  # the consequence of a condition: "if Minsk sends troops, Kyiv will respond"
            elif dep in {"advmod", "acomp"}:
                if lm in voc.possible:
                    poss = True
                elif lm in voc.planned:
                    plan = True
                elif lm in voc.reporting:
                    rep = True
            elif dep == "prep" and lm == "accord":
                rep = True
        dep = cur.dep_
        head = speaking_conjunct_of(cur, voc.speaking) or cur.head  # "said X aims ... and urged ..."
        if (dep == "ROOT" or _headline_subject(cur)) and is_to_infinitive(cur) and not only_future:
            plan = True  # headlinese: "Minister to visit Warsaw" is a future visit
        if cur.i == t.i and dep in {"relcl", "acl"} and _to_come(voc.words("ranking_words"), cur):
            plan = True  # "a report to be released next month", "talks to be held in Geneva"
        if head.i == cur.i or dep in {"relcl", "ROOT"} or _free_relative(cur) or _whether_clause(cur):
            break
        if is_to_infinitive(cur) and not only_future and _for_to(cur):
            poss = True  # "crucial for Islamabad to negotiate the package": wanted or needed, not done
            break
        if dep == "advcl" and head.lemma_.lower() in voc.requesting and (is_to_infinitive(cur) or any(
            c.dep_ == "mark" and c.lower_ in {"for", "with"} for c in cur.children
        )):
            poss = True  # "calls for the president to resign", "pleading with them to lift ...": asked for, not done
            break
        hl = head.lemma_.lower()
        if dep in {"ccomp", "xcomp"} and _proposed(voc, head):
            poss = True  # "The plan would see Israel withdraw from Gaza": proposed, not done
        if is_noun and dep in {"nsubj", "nsubjpass", "attr"}:
            # "a visit ... remains unlikely", "the first flight may take place in March",
            # "the delivery will be delayed": only the modality of the predicate applies
            for c in head.children:
                lm = c.lemma_.lower()
                if c.dep_ in {"acomp", "advmod"} and lm in voc.possible:
                    poss = True
                elif c.dep_ == "aux" and (lm in {"will", "shall"} or c.lower_ in {"will", "shall", "'ll", "wo"}):
                    plan = True
                elif c.dep_ == "aux" and (lm in voc.possible or c.lower_ in voc.possible) and c.lower_ != "would":
                    poss = True
                elif c.dep_ in {"acomp", "xcomp"} and lm in voc.planned:
                    plan = True  # "the launch is due / set / expected"
                elif c.dep_ == "mark" and c.lower_ in voc.possible and _existence(voc, head):
                    poss = True  # "not confirmed whether the raid took place" ("if the talks fail": talks there are)
                elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in voc.possible for m in c.children) \
                        and not _unconditional(voc, t):
                    poss = True  # "If confirmed, the strike would be the deadliest" ("a report finds X, if ...": made)
            if dep == "nsubjpass" and verb_in(voc.negating, head):
                neg = True  # "the visit was cancelled", "the talks were called off"
            elif dep == "nsubjpass" and head.pos_ == "VERB" and hl in voc.words("passive_planned"):
                plan = True  # "the talks were postponed", "the vote is scheduled for May"
            if head.dep_ == "ccomp" and head.head.lemma_.lower() in voc.reporting and not _performative(head):
                rep = True  # "Roble said the attack shows ...": inside the claim
                poss |= _doubted(voc, head.head)  # "neither side has confirmed the talks took place"
            break
        if dep == "prep" and cur.lower_ == "for" and hl in voc.requesting and not only_future:
            poss = True  # "called for his release", "calls for talks"
        if dep == "prep" and allegation_prep(voc, cur) and (cur.lower_ == "with" or _alleging(voc, head)):
            # "accused Kyiv of shelling the town", "blamed militias for the attack", "charged the
            # mayor with attacking a journalist": alleged ("with" only after a verb of accusing)
            rep = True
            break
        if dep == "prep" and (hl in voc.planned or head.lower_ in voc.planned) and head.tag_ in {"VBN", "JJ"} and not only_future:
            plan = True  # "slated for a release", "scheduled for release next summer"
        if dep == "pobj" and cur.i == t.i and head.lower_ in {"about", "of"} and head.head.lemma_.lower() in voc.report_nouns and not only_future:
            rep = True  # "reports of renewed attacks", "claims about the strike"
            break
        if report_content(cur, voc):
            rep = True  # "denied reports that they had arrested ...", "claims that its forces shelled ..."
            break
        if is_to_infinitive(cur) and not only_future and _asked_for(voc.requesting, cur):
            poss = True  # "calls to impose sanctions", "a request to inspect the site": asked for, not done
            break
        if dep in {"pcomp", "pobj"} and head.lower_ == "of" and head.head.pos_ == "NOUN" \
                and head.head.lemma_.lower() in voc.possible and not only_future:
            poss = True  # "face the risk of being deported", "the prospect of talks": not done
        if dep == "pcomp" and head.lower_ == "from" and head.head.lemma_.lower() in voc.negating:
            if _negated(head.head):
                undone_negator = head.head.i  # "would not stop her from writing": she will write
            else:
                neg = True  # "prevented the activists from protesting", "banned women from speaking"
        if dep in {"pcomp", "pobj"} and head.lower_ == "without" and not only_future:
            neg = True  # "sold the land without asking the residents", "took the town without a fight"
            break
        if dep in {"pcomp", "pobj"} and head.lower_ == "against" and head.head.lemma_.lower() in voc.words("dissuading_verbs") \
                and not only_future:
            poss = True  # "warned Kyiv against joining NATO", "cautioned against a rate cut": not done
        if cur.i == t.i and dep == "xcomp" and hl in ("have", "be") and any(
                c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children):
            neg = True  # "has yet to respond", "is yet to release the hostages": not done so far
        if dep == "acl" and head.pos_ == "NOUN" and hl in voc.negating and is_to_infinitive(cur) and not only_future:
            neg = True  # "a refusal to assist", "its failure to pay": not done
        if dep == "dobj" and cur.i == t.i and t.lemma_.lower() in voc.made_by_saying and (
                hl in voc.negating or hl in voc.words("disputing_verbs") or hl in voc.words("confirming_verbs")):
            # "rejected Moscow's proposal", "denied the accusations", "could not verify the
            # claims": they were made all the same
            break
        if cur.i == t.i and dep in {"dobj", "xcomp", "pcomp"} and hl in voc.words("disputing_verbs"):
            rep = True  # "denied the attack", "denied supplying drones": their claim, not a fact either way
            break
        if is_noun and cur.i == t.i and (
                (dep == "dobj" and hl in voc.judging) or (dep == "pobj" and _judged_by_preposition(voc, head))):
            # "has never condemned Russia's invasion": the condemning is negated, not the
            # invasion; only a claim above still reaches it ("'I condemn today's bombing,' he said");
            # so for "cannot abide by the ceasefire", "was not supportive of the meeting"
            kept = (neg, poss, plan, would)
        if is_noun and cur.i == t.i and dep == "pobj" and _answered(voc, head):
            answered = (neg, poss, would)  # "could respond to Washington's restrictions": imposed
        if is_noun and cur.i == t.i and dep == "pobj" and hl in voc.words("setting_prepositions") \
                and head.head.pos_ == "NOUN" and head.head.lemma_.lower() not in voc.possible:
            # the setting of something named ("claims of irregularities in the February 8 vote",
            # "a pause in the strikes"): the act it is in took place; only a claim above reaches it
            kept = (neg, poss, plan, would)
        if is_noun and cur.i == t.i and dep == "pobj" and hl in voc.words("cause_prepositions"):
            # a cause is a fact whatever the clause says of its effect: "will not be coming due to
            # the trophy bans", "despite the sanctions"; only a claim above reaches it
            kept = (neg, poss, plan, would)
        if cur.i == t.i and hl in voc.words("ending_verbs") and (
                (is_noun and dep == "dobj") or (t.tag_ == "VBG" and dep == "xcomp")):
            # what is stopped was going on: "halted its attacks", "stopped attacking Kyiv", "if
            # they do not end their attacks" (the attacks go on); only a claim above reaches it
            kept = (neg, poss, plan, would)
        intent = dep == "acl" and head.pos_ == "NOUN" and is_to_infinitive(cur) and not only_future and (
            hl in voc.planned or hl in voc.possible)
        if intent:  # "plans to help secure his release", "an attempt to topple": not done, and what
            plan |= hl in voc.planned  # is said of the plan ("did not affect plans to hold elections")
            poss |= hl in voc.possible  # does not undo it: above the noun only futurity carries over
        elif dep not in {"xcomp", "ccomp", "advcl", "conj", "dobj", "pcomp", "acomp", "pobj", "prep", "appos", "agent"} \
                and not (dep == "compound" and cur.i == t.i and hl in voc.words("act_containers")):
            break  # an event noun modifying its package goes with it ("vetoed the sanctions package")
        if dep == "ccomp" and restating_object(cur) is not None:
            break  # "accused Sudan of ..., a charge Khartoum denied": the main clause, not what was denied
        if only_future and dep == "ccomp" and hl in voc.reporting:
            rep = True  # "X said the attack killed one, while damaging ...": all of it is claimed
            break
        if dep == "xcomp" and hl in voc.words("hesitation_verbs") and not only_future:
            if _negated(head):
                undone_negator = head.i  # "did not hesitate to criticise": done; "will not hesitate": planned
            else:
                poss = True  # "hesitated to criticise": not done
        elif dep in {"xcomp", "ccomp", "dobj"} and head.pos_ in {"VERB", "AUX", "ADJ"} and not only_future:
            if dep == "xcomp" and hl == "have" and _deadline(head):
                poss = True  # "has until Friday to respond", "has 48 hours to leave": not done yet
            elif hl in voc.requesting and (dep != "dobj" or not (any(c.dep_ in {"oprd", "attr"} for c in head.children)
                                                               or hl in voc.words("convening"))):
                poss = True  # "urged Minsk to release", "demanded the release" (not "called the launch a threat")
            elif verb_in(voc.negating, head) and dep != "ccomp":
                if dep == "xcomp" and is_to_infinitive(cur) and hl not in voc.words("infinitive_negators"):
                    poss = True  # "must be rejected to protect ...": a purpose, not a refusal
                elif _negated(head):
                    poss = True  # "did not rule out sanctions", "has not excluded talks": possible
                    undone_negator = head.i
                else:
                    neg = True
            elif hl in voc.reporting and dep in {"ccomp", "xcomp"}:
                rep = not (t.pos_ in {"VERB", "AUX"} and _performative(cur))  # a quoted "we condemn ... and call for" is the speaker's own act
                poss |= _doubted(voc, head)  # "did not confirm that rebels had attacked": in doubt
                break
            elif hl in voc.possible or (dep == "xcomp" and hl in voc.words("hiring_verbs")):
                poss = True  # "hoped to meet"; "hired a hitman to kill": what it was for
            elif hl in voc.planned:
                plan = True
            elif dep == "ccomp" and hl not in {"be", "seem", "appear", "remain"}:
                break  # "assess why Kyiv has changed": the complement stands on its own
        if dep == "conj":
            cc = first_child(head, {"cc"})
            if cc is not None and cc.lower_ == "but":
                break
        if _participial_adjunct(cur):
            undone_negator = head.i  # "did not invite them, citing the Taliban's opposition": cited
        # "although ...", "when VOA asked ..." (the parser makes "when" an adverb of its clause)
        marked = dep == "advcl" and any(c.dep_ == "mark" or (c.tag_ == "WRB" and c.i == cur.left_edge.i)
                                        for c in cur.children)
        if marked and past is None and cur.tag_ == "VBD" and not any(c.dep_ in {"aux", "auxpass"} for c in cur.children):
            past = (plan, would)  # "will continue the pressure, as Tehran rejected the offer": told, not to come
        if marked or intent:
            only_future = True  # "although ...", "when ...": a clause of its own
        own_clause = own_clause and dep == "conj"
        # a finite conjunct has its own tense and polarity ("did not recognize it, and added
        # that ..."); a bare one shares the negated auxiliary ("did not sign or ratify")
        own_tense = dep == "conj" and cur.tag_ in {"VBD", "VBZ", "VBP"}
        below, cur = cur, head
    if described is not None:
        neg, plan = described
    if answered is not None:
        neg, poss, would = answered
    if kept is not None:
        neg, poss, plan, would = kept
    if past is not None:
        plan, would = past  # a claim above still reaches the past clause ("X said that ..., although Y spoke")
    if would:
        # "said it would merge": future in reported speech; a bare "would" is hypothetical
        if rep:
            plan = True
        else:
            poss = True
    if neg:
        return "negated"
    if poss or _yes_no_question(t):
        return "possible"
    if plan:
        return "planned"
    if rep or _quoted_claim(voc, t):
        return "reported"
    return "asserted"


def _deadline(v: Token) -> bool:
    """Does the verb ("have") name a time left to act: "until Friday", "48 hours"?"""
    if any(c.dep_ == "prep" and c.lower_ in {"until", "till", "through"} for c in v.children):
        return True
    return any(c.dep_ in {"dobj", "npadvmod"} and (c.ent_type_ in {"DATE", "TIME"}
                                                   or c.lemma_.lower() in UNITS) for c in v.children)


def _headline_subject(v: Token) -> bool:
    """Is the verb's head the sentence's root, a noun with no verb of its own to govern it? The
    parser reads headlinese "Zelenskyy to visit Washington" as a noun the infinitive describes
    (or the subject of a second infinitive: "President to Visit Peru, Bolivia to Discuss ..."),
    where "Biden to meet Xi" gets the verb as its root: the same future act."""
    head = v.head
    root = head.dep_ == "ROOT" or (head.dep_ == "nsubj" and head.head.dep_ == "ROOT" and is_to_infinitive(head.head))
    return v.dep_ in {"relcl", "acl", "advcl"} and root and head.pos_ in {"NOUN", "PROPN"} \
        and not any(t.pos_ in {"VERB", "AUX"} and t.tag_ not in {"VB", "VBG", "VBN"} for t in v.sent)


def _for_to(v: Token) -> bool:
    """Is the to-infinitive one with a subject of its own after "for" ("important for Kyiv to
    negotiate", "waiting for the rebels to leave")? Such a clause tells what is needed or wanted;
    "it took hours for the police to arrive" tells what was done."""
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in v.children) and v.head.lemma_.lower() != "take"


def _participant(voc: EventTypeVocabulary, tok: Token) -> bool:
    """Is the token a noun that names no act ("the Uyghurs", "the number", "details")? An event
    noun in a phrase that describes it is neither negated nor put in the future by what its
    clause says of the participant ("the number of attacks did not fall", "gave no details of
    the strike"); doubt and claims above still reach it."""
    lemma = tok.lemma_.lower()
    return tok.pos_ in {"NOUN", "PROPN"} and lemma not in voc.event_nouns and tok.lower_ not in voc.event_nouns \
        and lemma not in voc.patterns and lemma not in voc.words("act_containers")  # "vetoed the sanctions package"


def _judged_by_preposition(voc: EventTypeVocabulary, prep: Token) -> bool:
    """Does the preposition attach the act to a judging verb ("abide by", "comply with") or an
    adjective of attitude ("supportive of", "critical of": `judging_adjectives`)?"""
    gov = prep.head
    if prep.dep_ != "prep" or gov.i == prep.i:
        return False
    if gov.pos_ == "ADJ":
        return gov.lemma_.lower() in voc.words("judging_adjectives") or gov.lower_ in voc.words("judging_adjectives")
    return gov.pos_ == "VERB" and gov.lemma_.lower() in voc.judging and prep.lower_ in {"by", "with", "to"}


def _answered(voc: EventTypeVocabulary, prep: Token) -> bool:
    """Does the preposition attach the act to a verb of replying ("could respond to Washington's
    restrictions", "may retaliate for the attack": `conditional_replies`)? What one may answer
    was done; what one will answer may still be to come ("will react to Suga's visit")."""
    gov = prep.head
    return prep.dep_ == "prep" and gov.pos_ == "VERB" and prep.lower_ in {"to", "for"} \
        and gov.lemma_.lower() in voc.words("conditional_replies")


def _quoted_answer(verb: Token, neg: Token) -> bool:
    """Is the negation a quoted answer hung on the verb that reports it ("'Absolutely not,' he
    said")? The saying is not negated."""
    return neg.i < verb.i and in_quotation(neg) and not in_quotation(verb)


def _free_relative(clause: Token) -> bool:
    """Is the clause a finite one with its own subject under a preposition ("not pleased with
    what happened on his trip", "silent about what they did")? Like a relative clause it has
    its own polarity and modality: the trip happened."""
    if clause.tag_ not in {"VBD", "VBZ", "VBP"} or not any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children):
        return False
    # ... and so has a complement a wh-word opens ("is not what rights groups say it is", "did
    # not say why the talks failed"): what it tells is taken as known
    return clause.dep_ == "pcomp" or (clause.dep_ == "ccomp" and clause.left_edge.tag_ in {"WP", "WRB"})


def _participial_adjunct(v: Token) -> bool:
    """Is v a bare present participle after the clause it hangs on ("did not invite the women,
    citing the Taliban's opposition", "refused to comment, saying the case was pending")? It
    tells a second act of the same subject, which the clause's negation does not deny; its
    modality and future still reach it ("will visit Kyiv, meeting Zelensky")."""
    return v.dep_ == "advcl" and v.tag_ == "VBG" and v.i > v.head.i and not any(
        c.dep_ in {"mark", "aux", "neg"} for c in v.children)


def _doubted(voc: EventTypeVocabulary, verb: Token) -> bool:
    """Is the verb one of confirming (`confirming_verbs`) that is denied, by its own negation or
    a subject of no one ("has not confirmed", "neither side confirmed", "no one has verified")?
    What it would confirm is in doubt, not reported."""
    if verb.lemma_.lower() not in voc.words("confirming_verbs"):
        return False
    return _negated(verb) or any(c.dep_ in {"nsubj", "nsubjpass"} and _none_of(c) for c in verb.children)


def _negated(verb: Token) -> bool:
    """Has the verb a negation of its own? A negated verb of refusing, keeping from or
    hesitating undoes itself ("did not rule out", "did not stop them from", "did not hesitate to")."""
    return any(c.dep_ == "neg" for c in verb.children)


def _whether_clause(clause: Token) -> bool:
    """Does "whether" open the clause ("did not say whether Russia attacked Poland", "will
    decide whether to impose sanctions")? What it asks about is in doubt, whatever the
    polarity or modality of the clause that asks."""
    return any(c.dep_ == "mark" and c.lower_ == "whether" for c in clause.children)


def _or_not(neg: Token) -> bool:
    """Is the negation the other half of a question ("whether or not Moscow agrees")?"""
    return neg.i > 0 and neg.doc[neg.i - 1].lower_ == "or"


def _condition(clause: Token) -> bool:
    """Is the adverbial clause a condition it opens with "if" or "unless" ("if Minsk sends
    troops"), not a question ("asked if ...") nor the reader's own ("if you remember, ...")?"""
    first = clause.left_edge
    if inverted_condition(clause):
        return True  # "Should the talks fail, Israel will attack"
    if first.lower_ not in {"if", "unless"} or first.head.i != clause.i:
        return False
    return not any(c.dep_ == "nsubj" and c.lower_ == "you" for c in clause.children)


def _unconditional(voc: EventTypeVocabulary, t: Token) -> bool:
    """A threat, a request or a statement is made all the same when it states a condition; a
    reply is not ("if Russia attacks, the alliance will respond")."""
    if t.lemma_.lower() in voc.words("conditional_replies"):
        return False
    typed = voc.verb_type.get(t.lemma_.lower()) if t.pos_ in {"VERB", "AUX"} else voc.noun_type.get(t.lower_)
    return typed is not None and typed.lower() in voc.words("unconditional_types")


def _yes_no_question(t: Token) -> bool:
    """Is the trigger in a question that asks whether it happened ("Did Russia attack the
    dam?", "Will Minsk close the border?": the opening auxiliary is the trigger's)? Such an act
    is in doubt. A question opening with a question word presupposes the act ("Why did Russia
    attack the dam?"), and so does a definite event noun ("Did you see the attack?")."""
    words = [w for w in t.sent if not (w.is_punct and w.text != "?") and not w.is_space]
    return len(words) > 2 and words[-1].text == "?" and words[0].pos_ == "AUX" and words[0].head.i == t.i


def _existence(voc: EventTypeVocabulary, v: Token) -> bool:
    """Does the verb say only that its subject's event happened ("took place", "occurred")?"""
    words = voc.words("existence_predicates")
    return v.lemma_.lower() in words or any(
        f"{v.lemma_.lower()} {c.lower_}" in words for c in v.children if c.dep_ == "dobj")


def _on_a_focus(voc: EventTypeVocabulary, verb: Token, neg: Token) -> bool:
    """Does the negation fall on a focus particle rather than on the act ("did not just detain
    them", "was not fighting for her alone": the act was done, and more), or on a time ("not
    long ago", "not until Friday": it was done, then)?"""
    focus = voc.words("focus_particles")
    nxt = neg.nbor(1) if neg.i + 1 < len(neg.doc) else None
    times = voc.words("negated_times")
    if nxt is not None and (nxt.lower_ in focus or nxt.lower_ in times):
        return True  # "It was not long ago that the leaders had been trading barbs": they had
    if any(c.dep_ in {"prep", "mark"} and c.lower_ in times and c.i > neg.i for c in verb.children):
        return True  # "did not withdraw until Friday": it withdrew on Friday
    args = [c for c in verb.children if c.dep_ in {"dobj", "prep", "nsubj"}]  # "simply aren't talking" is no focus
    return any(c.dep_ == "advmod" and c.lower_ in focus and c.i > neg.i for a in [verb, *args] for c in a.children)


def _quoted_claim(voc: EventTypeVocabulary, t: Token) -> bool:
    """An act told inside a direct quotation is the speaker's claim, which the article does
    not itself assert ("'Drones are attacking the capital,' the mayor said"); a quoted
    first-person act done by saying it ("'We condemn the arrest'") is the speaker's own, and so
    is the whole of a statement the publication issues ("issued the following statement: ...")."""
    if not in_quotation(t) or in_issued_statement(t, voc.words("own_text_intros")):
        return False
    v = t
    while v.pos_ not in {"VERB", "AUX"} and v.head.i != v.i:
        v = v.head
    return not _performative(v)




def _performative(v: Token) -> bool:
    """A quoted first-person present act is done by saying it ("'We condemn the arrest,' said
    the senator", "'I urge both sides to talk'"): the quote does not make it hearsay."""
    if v.pos_ != "VERB" or v.tag_ not in {"VBP", "VB"} or any(c.dep_ in {"aux", "neg"} for c in v.children):
        return False
    subj = first_child(v, {"nsubj"})
    if subj is None and v.dep_ == "conj" and v.head.i != v.i:
        subj = first_child(v.head, {"nsubj"})  # "We condemn the arrest and call for his release"
    return subj is not None and subj.lower_ in {"i", "we"} and in_quotation(subj)


def _none_of(subj: Token) -> bool:
    """A subject or an object that denies any participant: "no civilians", "nobody", "no one",
    "neither side", "nothing"."""
    if subj.lower_ in {"nobody", "nothing", "none", "neither"}:
        return True
    if subj.lower_ == "one" and any(c.lower_ == "no" for c in subj.children):
        return True
    return any(c.dep_ in ("det", "preconj") and c.lower_ in ("no", "neither") for c in subj.children)


def _to_come(ranking: frozenset[str], v: Token) -> bool:
    """A passive to-infinitive on a noun ("a report to be released", "talks to be held") is an
    act still to come, unless a ranking word says which of several done acts it is ("the first
    soldier to be killed")."""
    noun = v.head
    passive_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children) and any(
        c.dep_ == "auxpass" for c in v.children)
    return (noun.pos_ in {"NOUN", "PROPN"} and passive_infinitive
            and not any(c.lower_ in ranking for c in noun.children) and noun.lower_ not in ranking)


def _proposed(voc: EventTypeVocabulary, verb: Token) -> bool:
    """Is the verb what a proposal "would" or "could" bring about ("the plan would see Israel
    withdraw", "the deal could allow Kyiv to export grain"; `proposal_nouns`)?"""
    modal = any(c.dep_ == "aux" and c.lower_ in {"would", "could", "'d"} for c in verb.children)
    subject = first_child(verb, {"nsubj"})
    return modal and subject is not None and subject.lemma_.lower() in voc.words("proposal_nouns")


def _alleging(voc: EventTypeVocabulary, head: Token) -> bool:
    """Is the head of an "of"/"for" phrase a reporting verb, or the object of one that accuses
    it, where the parser hangs the phrase ("accused police of the killing": on "police")?
    Claiming responsibility for an attack admits it ("claimed responsibility for the attack")."""
    verb = accusing_verb(voc, head)
    return verb.pos_ == "VERB" and verb.lemma_.lower() in voc.reporting


def _asked_for(requesting: frozenset[str], v: Token) -> bool:
    """A to-infinitive that says what a request asks for: it modifies the request noun ("a
    request to inspect the site"), or the parser hung it on the verb whose object the request
    is ("rebuffed calls from the EU to impose sanctions")."""
    head = v.head
    if v.dep_ == "acl":
        return head.pos_ == "NOUN" and head.lemma_.lower() in requesting
    return v.dep_ == "advcl" and any(
        c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() in requesting and c.i < v.i for c in head.children
    )
