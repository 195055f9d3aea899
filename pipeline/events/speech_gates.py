"""Gates of speech: a statement, a request or a report is a coded act only when someone makes
it. What a thing suggests is a reading ("the remarks suggest"), asking whether is a question,
not a request, and an outlet's own sourcing ("Reuters reported, citing witnesses") is no
statement. Part of the gates `pipeline.events.gates.admit` applies, with their word lists and
examples in `schemas/event_types.yaml`."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.events.arguments import subject_of
from pipeline.events.context import Context
from pipeline.events.syntax import doer, first_child, is_passive, prep_objects
from pipeline.events.triggers import Candidate


def not_anonymous_sourcing(ctx: Context, cand: Candidate) -> bool:
    """Speaking to a reporter on condition of anonymity, with nothing said in the clause, is how
    the report got its source, not a statement or a meeting: "a U.S. defense official, who spoke
    to VOA on condition of anonymity, ...". What the source says ("the official said on
    condition of anonymity that ...") is still a statement. `gate_words` `anonymity_words`."""
    t = cand.trigger
    if not cand.is_verb or any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in t.children):
        return True
    words = ctx.voc.words("anonymity_words")
    return not any(w.lower_ in words for c in t.children if c.dep_ in {"prep", "advmod"} for w in c.subtree)


def not_commentary(ctx: Context, cand: Candidate) -> bool:
    """What unnamed commentators or witnesses say is the report's colour or sourcing, not a
    public statement by an identifiable actor: "analysts say", "experts warn", "security sources
    said", nor what they add or warn in the same breath ("sources said, adding that ...",
    "witnesses said ... and warned that ..."), whose subject is theirs. A plural with a name or
    a phrase that says whose they are is not: "analysts at Capital Economics", "UN experts",
    "the witnesses who testified". `gate_words` `commentator_nouns` (lemmas)."""
    if cand.etype.name not in {"STATEMENT", "THREATEN"} or not cand.is_verb:
        return True
    subj = first_child(cand.trigger, {"nsubj"})
    if subj is None and cand.trigger.dep_ in {"advcl", "conj"}:
        subj, _ = subject_of(ctx, cand.trigger)
    if subj is None or subj.tag_ not in {"NNS", "NNPS"} or subj.lemma_.lower() not in ctx.voc.words("commentator_nouns"):
        return True
    return any(_says_whose(c) for c in subj.children)


def _says_whose(c: Token) -> bool:
    """Does the modifier of a commentator noun say whose they are: a name in it ("UN
    experts"), an article ("the witnesses" named before), a phrase or clause after the noun? A
    common word before it does not ("security sources", "local residents")."""
    if c.dep_ == "punct":
        return False
    return not (c.i < c.head.i and c.dep_ in {"compound", "amod", "nummod"} and not any(w.ent_type_ for w in c.subtree))


def not_an_inference(ctx: Context, cand: Candidate) -> bool:
    """What a thing suggests, shows or highlights is a reading of it, no one's statement:
    "O'Brien's remarks suggest that ...", "it also highlights the importance of ...", "the
    figures indicate ...". Someone suggesting or showing something still states it ("analysts
    suggest ..."). `gate_words` `evidential_verbs`."""
    t = cand.trigger
    if not cand.is_verb or t.lemma_.lower() not in ctx.voc.words("evidential_verbs"):
        return True
    subj = first_child(t, {"nsubj"})
    if subj is None:
        return True
    return not (subj.lower_ in {"it", "this", "that"} or ctx.voc.is_abstract(subj.lemma_, subj.text))


def not_a_question(ctx: Context, cand: Candidate) -> bool:
    """Asking whether, if, why or about something is a question, not a request that someone
    act: "asked by VOA if the U.S. was considering sanctions, Rubio said ...", "reporters asked
    him about the talks". "asked Minsk to release" and "asked for help" stay requests."""
    t = cand.trigger
    if t.lemma_.lower() not in ctx.voc.words("asking_verbs"):
        return True
    question_words = ctx.voc.words("question_words")
    for c in t.children:
        if c.dep_ in {"ccomp", "advcl"} and any(w.lower_ in question_words for w in c.subtree if w.i < c.i):
            return False  # "asked if ...", "asked whether ...", "asked why ..."
    asker = doer(t)
    if asker is not None and (_an_outlet(ctx, asker) or asker.lemma_.lower() in ctx.voc.words("own_reporter_nouns")):
        return False  # "Asked by VOA while en route to Jeddah if ...": a reporter's question
    return not _about(t)


def _about(t: Token) -> bool:
    """Has the verb an "about" phrase of its own, on it or on its asker or the one asked, not
    inside a clause below it ("asked him about the talks", "Asked by reporters about the strike")?"""
    for w in t.subtree:
        if w.dep_ != "prep" or w.lower_ != "about":
            continue
        node = w.head
        while node.i != t.i and node.dep_ not in {"ccomp", "xcomp", "advcl", "relcl", "acl"}:
            node = node.head
        if node.i == t.i:
            return True
    return False


def not_attribution(ctx: Context, cand: Candidate) -> bool:
    """The outlet's own sourcing is not a statement: "I'm Jane Doe reporting", "the agency
    reported", "..., Xinhua added" (`outlet_verbs`), "X contributed to this report", "three news
    outlets cited intelligence sources"
    (`sourcing_verbs`), a source or an occasion named beside a report
    ("..., Reuters reported, citing witnesses"; "Speaking to reporters, X said"), a reduced "as"
    clause ("..., as confirmed by local officials"), and hearsay
    without a speaker ("Minsk is said to be preparing"). A speaker's statement ("the ministry
    reported ...") stays."""
    t = cand.trigger
    if cand.etype.name != "STATEMENT":
        return True
    lemma = t.lemma_.lower()
    if lemma in ctx.voc.words("hearsay_verbs") and is_passive(t) and not prep_objects(t, {"by"}):
        return False
    if not cand.is_verb:
        det = first_child(t, {"det"})
        return not (det is not None and det.lower_ == "this" and lemma in ctx.voc.words("media_nouns"))
    if _as_told_by(t):
        return False
    subj = first_child(t, {"nsubj"})
    if _the_outlets_reporter(ctx, subj) or (subj is not None and subj.lemma_.lower() in ctx.voc.words("source_nouns")):
        return False  # "Security sources have said ...": the outlet's unnamed sourcing
    if lemma in ctx.voc.words("report_participles") and _beside_attribution(ctx, t):
        return False
    if lemma in ctx.voc.words("sourcing_verbs"):
        return subj is None or not _is_media(ctx, subj)
    if lemma in ctx.voc.words("outlet_verbs") and subj is not None and _an_outlet(ctx, subj):
        return False  # "..., Xinhua added": the outlet's reporting
    if lemma not in ctx.voc.words("journalism_verbs"):
        return True
    if subj is None:
        byline = t.dep_ in {"acl", "advcl", "ROOT"} or (t.dep_ in {"ccomp", "xcomp"} and t.head.lower_ in {"'m", "’m", "am"})
        return not byline  # "I'm Jane Doe reporting": a byline
    if subj.lower_ in {"i", "we"}:
        return False
    return not _is_media(ctx, subj)


def _as_told_by(t: Token) -> bool:
    """Is the verb a reduced "as" clause naming the source of what the sentence tells ("..., as
    confirmed by local officials", "as cited by the website", "As reported by TASS, ...")? It
    attributes the sentence, as "according to" does; it reports no act of its own."""
    return t.tag_ == "VBN" and first_child(t, {"nsubj", "nsubjpass", "auxpass", "aux"}) is None \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children) and bool(prep_objects(t, {"by"}))


def _the_outlets_reporter(ctx: Context, subj: Token | None) -> bool:
    """Is the speaker the outlet's own unnamed reporter ("The reporter said security forces ...",
    "A VOA reporter in the town said ..."; `own_reporter_nouns`)? What a reporter tells is the
    report, no statement of an actor; a named one who speaks is a person, and so is another
    outlet's ("the chief foreign correspondent of Britain's Financial Times noting ...")."""
    if subj is None or subj.tag_ != "NN" or subj.lemma_.lower() not in ctx.voc.words("own_reporter_nouns"):
        return False
    if any(c.dep_ == "poss" for c in subj.children) or prep_objects(subj, {"of", "for", "with"}):
        return False
    return not any(c.ent_type_ == "PERSON" for c in subj.children if c.dep_ in {"appos", "compound"})


def _beside_attribution(ctx: Context, t: Token) -> bool:
    """A participle with no subject of its own that hangs on a reporting verb or on a clause
    with "according to": it names where that report came from, what it rests on or where it
    was made, the same act told again ("..., Reuters reported, citing witnesses"; "Speaking to
    reporters, the envoy said ...")."""
    if t.tag_ != "VBG" or t.dep_ not in {"advcl", "conj", "xcomp"} or first_child(t, {"nsubj"}) is not None:
        return False
    # an opening participle is the main clause's, wherever the parser hung it
    heads = [t.head] + ([t.sent.root] if t.i == t.sent.start else [])
    reporting = ctx.voc.reporting | ctx.voc.verbs_of("STATEMENT")
    return any(h.lemma_.lower() in reporting or any(c.lower_ == "according" for c in h.children) for h in heads)


def _an_outlet(ctx: Context, tok: Token) -> bool:
    """Is the word a named news outlet, an actor with the MED role ("Xinhua", "VOA")? Not a
    noun of one: "the agency", "a UN report", "Reporters Without Borders" speak for themselves."""
    ref = ctx.ref(tok)
    actor = ctx.resolver.actor(ref.actor_id) if ref is not None else None
    return actor is not None and (actor.role or "").upper() == "MED"


def _is_media(ctx: Context, tok: Token) -> bool:
    """A news outlet or its staff: a media noun ("the agency", "the newspaper", "reporters") or
    a dictionary actor with the MED role. The form counts as well as the lemma: "media" is
    lemmatised "medium"."""
    media = ctx.voc.words("media_nouns")
    return tok.lemma_.lower() in media or tok.lower_ in media or _an_outlet(ctx, tok)


def not_a_discourse_marker(ctx: Context, cand: Candidate) -> bool:
    """A speaker pointing at their own words or at the moment is no new statement: "like I
    said", "as I mentioned", "as we speak" (`gate_words` `discourse_markers`: the words that
    open such a clause)."""
    t = cand.trigger
    if cand.etype.name != "STATEMENT" or not cand.is_verb:
        return True
    mark = first_child(t, {"mark"})
    subj = first_child(t, {"nsubj"})
    if mark is None or subj is None or mark.lower_ not in ctx.voc.words("discourse_markers"):
        return True
    own = subj.lower_ in {"i", "we"}
    return not (own and first_child(t, {"ccomp"}) is None)  # no content of its own
