"""Per-document extraction context: the parsed Doc, the actor resolver, the vocabulary, and
what a token refers to (cached), which every other step asks."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline import actor_names
from pipeline.actors import STRONG_RESOLUTIONS, ActorResolver
from pipeline.actors.antecedents import bare_pair
from pipeline.events.syntax import (
    FIRST_PERSON,
    NON_PARTICIPANT_ENTS,
    WEAK_PRONOUNS,
    antecedent,
    in_issued_statement,
    prep_objects,
    quote_runs_on,
)
from pipeline.events.vocabulary import EventTypeVocabulary
from pipeline.models import ActorRef
from pipeline.quotes import in_quotation

_WE = frozenset({"we", "us", "our", "ours"})


class Context:
    """Per-document extraction state (vocabularies, resolver, reference cache)."""

    def __init__(self, doc: Doc, resolver: ActorResolver, voc: EventTypeVocabulary) -> None:
        self.doc = doc
        self.resolver = resolver
        self.voc = voc
        self._ref_cache: dict[int, ActorRef | None] = {}
        self.light_nouns: set[int] = set()  # event nouns whose light verb carries the mention
        self.typed_lemmas: dict[str, str] = {}  # lemma -> type of the coded mentions so far

    def ref(self, tok: Token) -> ActorRef | None:
        if tok.i not in self._ref_cache:
            ok = not tok.lower_.endswith(("self", "selves")) \
                and (tok.ent_type_ not in NON_PARTICIPANT_ENTS or bare_pair(tok)) and not self._narrator(tok)
            ref = self._quoted_first_person(tok) if tok.lower_ in FIRST_PERSON else None
            speaker = self._antecedent_of_it(tok)
            if ref is None and speaker is not None:
                said = self.ref(speaker)
                if said is not None:
                    ref = ActorRef(tok.idx, tok.idx + len(tok.text), tok.text, said.actor_id, "coreference")
            if ref is None and ok:
                ref = self.resolver.resolve_head(tok)
            self._ref_cache[tok.i] = ref
        return self._ref_cache[tok.i]

    def _narrator(self, tok: Token) -> bool:
        """Is "I"/"me" outside any quotation the writer ("a receptionist told me" in a
        reporter's notebook, under the heading "Reporter's Notebook:")? The writer is no actor
        of the story; only an interview turn's label that names a person names someone there
        ("Armitage: I would say ...", `pipeline.actors.speakers`)."""
        return tok.lower_ in {"i", "me", "my", "mine"} and not in_quotation(tok) and not quote_runs_on(tok) \
            and self.resolver.turn_speaker(tok.i) is None and not self._after_a_colon(tok)

    def _after_a_colon(self, tok: Token, sentences: int = 3) -> bool:
        """Does a colon outside quotation marks open someone's text a few sentences before
        ("Apple released Jobs's email, which reads: Team, ... I have asked Tim Cook")? What
        follows is that text, quoted without marks; a heading's colon far above is not."""
        sent = tok.sent
        for _ in range(sentences - 1):
            if sent.start == 0:
                break
            sent = self.doc[sent.start - 1].sent
        return any(w.text == ":" and not in_quotation(w) and self._opens_a_text(w) for w in self.doc[sent.start : tok.i])

    def _opens_a_text(self, colon: Token) -> bool:
        """Does the colon close a clause with a verb ("which reads:", "Jobs wrote:") or a
        person's name ("Secretary James Roche:"), not a heading ("Reporter's Notebook:")?"""
        before = self.doc[colon.sent.start : colon.i]
        return any(w.pos_ in {"VERB", "AUX"} for w in before) or (len(before) > 0 and before[-1].ent_type_ == "PERSON")

    def _quoted_first_person(self, tok: Token) -> ActorRef | None:
        """"I"/"we" inside a quotation is its speaker: the subject of the reporting verb of
        the quote ("'We condemn the arrest,' said Senator Clark", "Mwangi said: 'I met
        them'"), or of the sentence right after or before that attributes it ("'I met
        them.' Mwangi said this on Monday" is rarer than "'... .' he said."); in a statement the
        publication issues ("Senators X and Y issued the following statement: 'We ...'") it is
        the issuer."""
        if not in_quotation(tok) or in_issued_statement(tok, self.voc.words("own_text_intros")):
            speaker = self._statement_author(tok)
            said = self.ref(speaker) if speaker is not None else None
            return None if said is None else ActorRef(tok.idx, tok.idx + len(tok.text), tok.text, said.actor_id, "coreference")
        speaker = self._speaker(tok.sent, tok)
        if speaker is None:
            # a quotation running over several sentences: the attribution is next door
            doc = tok.doc
            sent = tok.sent
            for other in (doc[sent.end].sent if sent.end < len(doc) else None,
                          doc[sent.start - 1].sent if sent.start > 0 else None):
                if other is not None:
                    speaker = self._speaker(other, None)
                    if speaker is not None:
                        break
        if speaker is None:
            return None
        ref = (self._spoken_for(speaker) if tok.lower_ in _WE else None) or self.ref(speaker)
        if ref is None:
            return None
        return ActorRef(tok.idx, tok.idx + len(tok.text), tok.text, ref.actor_id, "coreference")

    def _spoken_for(self, speaker: Token) -> ActorRef | None:
        """The body a spokesperson speaks for, which their quoted "we" is ("'We reject the
        allegations,' Indian foreign ministry spokesperson Randhir Jaiswal told reporters":
        India; "a spokesperson for the ministry"); `speaking_for_nouns` (schemas/actor_names.yaml).
        Anyone else's "we" is the speaker."""
        nouns = actor_names.rules().speaking_for_nouns
        spokes = next((t for t in speaker.subtree if t.lemma_.lower() in nouns or t.lower_ in nouns), None)
        if spokes is None:
            return None
        before = [t for t in speaker.subtree if t.i < spokes.i and t.pos_ in {"PROPN", "NOUN", "ADJ"}]
        for t in [*prep_objects(spokes, {"for", "of"}), *reversed(before)]:
            ref = self.ref(t)
            actor = self.resolver.actor(ref.actor_id) if ref is not None else None
            if ref is not None and actor is not None and actor.actor_type in {"state", "organisation"}:
                return ref
        return None

    def _statement_author(self, tok: Token) -> Token | None:
        """Unquoted "we" after "X released the following statement:" is X: a press release's
        text speaks for the people who issued it. Elsewhere an unquoted "we" is the author or
        a generic "we", and no actor."""
        if tok.lower_ not in {"we", "us", "our", "ours"}:
            return None
        colon = next((w for w in reversed(tok.doc[: tok.i]) if w.text == ":" and not in_quotation(w)), None)
        if colon is None:
            return None
        verb = tok.doc[colon.i - 1] if colon.i > 0 else colon
        while (verb.pos_ not in {"VERB", "AUX"} or verb.i > colon.i) and verb.head.i != verb.i:
            verb = verb.head  # the clause the colon closes ("X released the following statement:")
        if verb.lemma_.lower() not in self.voc.reporting | self.voc.verbs_of("STATEMENT") | {"release", "issue"}:
            return None
        return next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in FIRST_PERSON), None)

    def _speaker(self, sent: Span, tok: Token | None) -> Token | None:
        """The subject outside the quotation of a reporting verb of `sent` (the one that
        governs `tok` when given)."""
        verbs = self.voc.reporting | self.voc.verbs_of("STATEMENT")
        cands = list(tok.ancestors) if tok is not None else [sent.root]
        for v in cands:
            if v.pos_ not in {"VERB", "AUX"} or v.lemma_.lower() not in verbs or in_quotation(v):
                continue
            for c in v.children:
                if c.dep_ == "nsubj" and c.lower_ not in FIRST_PERSON and not in_quotation(c):
                    return c
        return None

    def _antecedent_of_it(self, tok: Token) -> Token | None:
        """The institution or state "it" or "its" stands for when the sentence says so: the
        reporter of its own act (`_reporter_of_it`), the one just blamed (`_object_of_it`), the
        one whose act "its" qualifies (`_subject_owning_its`)."""
        return self._reporter_of_it(tok) or self._object_of_it(tok) or self._subject_owning_its(tok)

    def _subject_owning_its(self, tok: Token) -> Token | None:
        """"its" on what its own clause does, says or acts on is the clause's subject, when that
        is an institution or a state: "Russia stepped up its attacks on Ukraine", "Beijing
        repeated its demands", "urged China to end its drills" (China); the verb's object when
        "its" is in the reason for what is done to it ("criticized Iran for its attacks"), and
        no one otherwise when the verb has an object ("told Kyiv about its plans")."""
        if tok.lower_ != "its" or tok.dep_ != "poss":
            return None
        cur = tok.head
        while cur.dep_ in {"pobj", "prep", "conj", "appos"} and cur.head.pos_ not in {"VERB", "AUX"}:
            cur = cur.head  # up the noun phrase to what hangs on the verb
        verb = cur.head if cur.dep_ in {"dobj", "prep"} else None
        if verb is None or verb.pos_ not in {"VERB", "AUX"}:
            return None
        obj = next((c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.i != cur.i), None)
        if obj is not None:
            # "criticized Iran for its attacks", "thanked Poland for its support": the object
            return obj if cur.dep_ == "prep" and cur.lower_ in {"for", "over"} and self._institution(obj) else None
        from pipeline.events.arguments import subject_of  # the arguments read this context

        subj, patient = subject_of(self, verb)  # "urged China to end its drills": China
        return subj if subj is not None and not patient and self._institution(subj) else None

    def _institution(self, tok: Token, types: frozenset[str] | set[str] = frozenset({"state", "organisation", "group"})) -> bool:
        """Is the word, not a pronoun, an actor of one of `types` (institutions, states, groups)?"""
        said = self.resolver.resolve_head(tok) if tok.pos_ != "PRON" else None
        actor = self.resolver.actor(said.actor_id) if said is not None else None
        return actor is not None and actor.actor_type in types

    def _object_of_it(self, tok: Token) -> Token | None:
        """"it" as the object of a clause hung on a verb whose object is an institution or a
        state named just before: "blamed archrival India, accusing it of providing support",
        "summoned the ambassador and warned it"."""
        if tok.lower_ != "it" or tok.dep_ != "dobj":
            return None
        clause = tok.head
        if clause.dep_ not in {"advcl", "conj", "xcomp"} or clause.head.i == clause.i:
            return None
        obj = next((c for c in clause.head.children if c.dep_ == "dobj" and c.i < tok.i), None)
        return obj if obj is not None and self._institution(obj, {"state", "organisation"}) else None

    def _reporter_of_it(self, tok: Token) -> Token | None:
        """"it" as the subject of what an institution or a state reports of itself is that
        reporter: "Ukraine says it downed 13 drones", "the ministry said it carried out an
        attack". Elsewhere "it" is too often an expletive or an abstraction to be an actor."""
        if tok.lower_ != "it" or tok.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        clause = tok.head
        verb = clause.head
        if clause.dep_ != "ccomp" or verb.lemma_.lower() not in self.voc.reporting | self.voc.verbs_of("STATEMENT"):
            return None
        speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if speaker is None or speaker.i == tok.i:
            return None
        return speaker if self._institution(speaker) else None

    def is_strong(self, tok: Token) -> bool:
        tok = antecedent(tok)
        r = self.ref(tok)
        weak = tok.lower_ in WEAK_PRONOUNS and self._antecedent_of_it(tok) is None
        return r is not None and strong(r, self.resolver) and not weak

    def is_participant(self, tok: Token) -> bool:
        """A real participant: an actor, or a concrete thing (not an abstraction, a number,
        a date or a pronoun like "it"/"this")."""
        tok = antecedent(tok)  # "the company, which ...": judge the antecedent
        r = self.ref(tok)
        if r is not None and bare_pair(tok):
            return True  # "where the two signed a pact": the two named before
        if r is None or tok.ent_type_ in NON_PARTICIPANT_ENTS:
            return False
        if tok.lower_ in WEAK_PRONOUNS and self._antecedent_of_it(tok) is None:
            # "it", "this", "which", "many": too often an abstraction or an expletive to make
            # a clause an event on their own (they still fill the slot when another
            # participant qualifies the mention)
            return False
        if strong(r, self.resolver):
            return True
        if tok.like_num or tok.pos_ == "PRON":
            return False
        actor = self.resolver.actor(r.actor_id)
        if actor is not None and actor.actor_type in {"organisation", "state", "group"}:
            return True  # an institution, a country or a body of people, whatever its suffix ("the electoral commission", "the nations", "the delegation")
        return not self.voc.is_abstract(tok.lemma_, tok.text)




def strong(ref: ActorRef, resolver: ActorResolver) -> bool:
    """A real participant: a named/dictionary actor, a resolved pronoun or description, or a
    human collective noun ("developers", "officials")."""
    if ref.resolved_by in STRONG_RESOLUTIONS:
        return True
    a = resolver.actor(ref.actor_id)
    return a is not None and a.actor_type == "group"


def inanimate(ref: ActorRef, resolver: ActorResolver) -> bool:
    """A thing (product, vehicle, document, generic noun phrase), not a person or a group."""
    a = resolver.actor(ref.actor_id)
    return a is not None and a.actor_type == "other"


