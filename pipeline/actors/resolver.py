"""Per-article resolution of event arguments to canonical actors (`ActorResolver`): the head of
an argument as a named mention, a title, a description, a pronoun or a generic nominal. The
article's named mentions themselves are built in `named` (`NamedMentions`), the searches back
for an antecedent are in `antecedents` and the names the NER missed in `untagged`."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline import actor_names
from pipeline.actors.antecedents import bare_pair
from pipeline.actors.common import (
    _DEFINITE,
    _PRON_FEMALE,
    _PRON_FIRST_PLURAL,
    _PRON_FIRST_SINGULAR,
    _PRON_MALE,
    _PRON_NEUTER,
    _PRON_PLURAL,
    _RELATIVE,
    alias_key,
    slugify,
)
from pipeline.actors.name_shapes import body_acronym, storm_names, water_body
from pipeline.actors.spans import _multiword, _np_start
from pipeline.actors.speakers import addressees, attributed_quote_start, turn_label
from pipeline.actors.untagged import UntaggedNames
from pipeline.models import Actor, ActorRef
from pipeline.quotes import in_quotation


class ActorResolver(UntaggedNames):
    """Maps argument heads of one parsed article to canonical actors.

    Built once per document: entity mentions are resolved up front (dictionary, metonymy, name
    coreference for "Jobs" after "Steve Jobs", new NER actors); pronouns and descriptions are
    resolved on demand to the last compatible named mention before them.
    """

    # ------------------------------------------------------------------ argument heads
    def resolve(self, span: Span) -> ActorRef | None:
        """Resolve a noun phrase (by its syntactic root) to an actor reference."""
        return self.resolve_head(span.root)

    def resolve_head(self, head: Token) -> ActorRef | None:
        """Resolve the head token of an argument to an ActorRef, or None for no participant;
        the analyst's curation has the last word (merged ids, declared non-actors)."""
        idx = self._tok_mention[head.i]
        if idx >= 0 and (self._mentions[idx].non_actor or self._water(idx)):
            return None
        ref = self._resolve_head(head)
        if ref is None:
            return None
        actor_id = self._curated_id(ref.actor_id)
        if self.vocab.is_non_actor(actor_id, ref.text) or self.vocab.is_non_actor(None, head.text):
            return None
        ref.actor_id = actor_id
        return ref

    def _water(self, idx: int) -> bool:
        """Is the named mention a body of water ("the Gulf of Oman"): a place, no participant?"""
        m = self._mentions[idx]
        return water_body(self.doc[m.start : m.end])

    def _resolve_head(self, head: Token) -> ActorRef | None:
        low = head.lower_
        if _storm_name(head):
            return None
        ent = self.entity_at(head)
        if ent is not None:
            s, e, actor_id, how = ent
            outlet = self._outlet_of_a_service(head, s)
            if outlet is not None:  # "told VOA Albanian": the outlet's service, not Albania
                return self._ref(outlet[0], e, outlet[2], outlet[3])
            # an office the NER took for a name: "Resident Coordinator for Myanmar Andrew Kirkwood"
            placed = self._office_holder(head)
            if placed is not None and self._kind(actor_id) != "person":
                return self._ref(s, placed[1], placed[0], "title")
            state = self._state_institution(head, s, e, actor_id)
            if state is not None:
                return self._ref(_np_start(head), e, state, "metonymy")
            # a demonym heading a group noun phrase is handled below ("Ukrainian officials" is
            # the NP, but the head is "officials"); here the head itself is the named mention
            return self._ref(s, e, actor_id, how)
        if head.pos_ == "PRON" or low in _PRON_NEUTER | _PRON_PLURAL:
            return self._resolve_pronoun(head)
        if head.pos_ not in {"NOUN", "PROPN", "NUM", "ADJ", "X"}:
            return None
        lemma = head.lemma_.lower()
        children = list(head.children)
        start = _np_start(head)
        # appositive name: "its ambassador, Ihor Kyzym"
        for c in children:
            if c.dep_ == "appos":
                app = self.entity_at(c)
                if app is not None and app[2] and self._kind(app[2]) in {"person", "organisation", "group"}:
                    return self._ref(start, app[1], app[2], "title")
        named_after = self._name_after_a_comma(head, children)
        if named_after is not None:  # "an armed group, the Syrian Democratic Forces", parsed apart
            return self._ref(start, named_after[1], named_after[2], "title")
        named = self._named_by_participle(head)  # "the aid group, known by its acronym MSF"
        if named is not None:
            return self._ref(start, head.i + 1, named, "title")
        if self._pair(head) and (pair := self.parties(head)):  # "the two companies" named before
            return self._ref(start, head.i + 1, pair[0], "coreference")
        # a name after the place of an office: "the U.N. special envoy for Syria Geir Pedersen"
        placed = self._office_holder(head)
        if placed is not None:
            return self._ref(start, placed[1], placed[0], "title")
        # a named mention inside the phrase: "Lukashenka regime", "Apple engineers",
        # "Ukraine's government", "the Ukrainian authorities"
        mod_actor: str | None = None
        counterpart = bool({lemma, low} & self.vocab.counterparts)
        owner = next((p for p in children if p.dep_ == "poss" and self.entity_at(p) is not None), None)
        for c in children:
            if counterpart and c.dep_ == "poss":
                continue  # "its allies", "Russia's rivals" are others than the owner ("NATO allies" are NATO's)
            if mod_actor is not None and owner is not None and owner.i < c.i:
                break  # a named possessor says whose it is: "China's U.N. ambassador" is China's
            if c.dep_ in {"compound", "amod", "poss", "nmod"} and c.i < head.i and not _opposed(c):
                m = self.entity_at(c)
                if m is not None:
                    mod_actor = m[2]
                elif c.dep_ == "poss" and (c.pos_ == "PRON"):
                    ref = self._resolve_pronoun(c)
                    if ref is not None:
                        mod_actor = ref.actor_id
                elif c.dep_ == "poss" and self.vocab.is_description(c.lemma_.lower(), "state"):
                    ref = self.resolve_head(c)  # "the country's security forces": the state the text is about
                    if ref is not None and self._kind(ref.actor_id) == "state":
                        mod_actor = ref.actor_id
                elif c.dep_ == "poss" and self.vocab.is_description(c.lemma_.lower(), "organisation"):
                    ref = self.resolve_head(c)  # "the Hamas movement's commanders": named by its own modifier
                    if ref is not None and ref.resolved_by == "title" and self._kind(ref.actor_id) in {"organisation", "group"} \
                            and any(start <= t.i < head.i and self.entity_at(t) is not None for t in c.subtree):
                        mod_actor = ref.actor_id
                elif self.state_of(c):
                    mod_actor = self.state_of(c)
        of_end = head.i + 1  # the end of the phrase that names the state's body
        of_state = self._actor_of_a_phrase(head) if mod_actor is None else None
        if of_state is not None:  # "the government of Pakistan", "the parliament of Ukraine"
            mod_actor, of_end = of_state
        if mod_actor is None and {lemma, low, _multiword(head)} & self.vocab.located_roles:
            mod_actor = self._state_where(head)
        mod_state = None
        if mod_actor is not None:
            a = self.actor(mod_actor)
            if a is not None and a.actor_type == "state":
                mod_state = mod_actor
            elif a is not None and a.country_code and a.actor_type == "person":
                mod_state = a.country_code.lower() if a.country_code.lower() in self.vocab.entries else None
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in children) or any(
            c.dep_ == "poss" for c in children
        )
        multi = _multiword(head)
        end = head.i + 1
        if mod_state is not None and (role := self._non_state_role(mod_state, lemma, low)) is not None:
            return self._ref(start, of_end, role, "metonymy")  # "Armenian protesters": not the state
        if mod_state is not None and {lemma, low, multi} & self.vocab.state_bodies:
            return self._ref(start, of_end, mod_state, "metonymy")  # "Ukraine's parliament" acts for Ukraine
        person_noun = self.vocab.is_description(multi, "person") or self.vocab.is_description(lemma, "person")
        # "the head of Doctors Without Borders", "the director of the WHO": acts for that body
        office = self._office_of_a_body(head) if mod_actor is None and definite and head.tag_ not in _PLURAL_TAGS \
            and (person_noun or lemma in actor_names.rules().generic_titles) else None
        if office is not None and not person_noun:  # "head", "boss": no person alone ("hit on the head")
            found = self._holder_of(head, lemma, office[0], office[2])
            return self._ref(start, office[1], found or office[0], "title" if found else "metonymy")
        if person_noun:
            title = multi if self.vocab.is_description(multi, "person") else lemma
            named, end = self._title_of(head)
            if named is not None:
                return self._ref(start, end, named, "title")
            # a plural ("Afghanistan's de facto leaders") is never one person of the article
            single = head.tag_ not in _PLURAL_TAGS
            # a relative clause says who is meant ("the general who led the effort"): no one named before
            described = any(c.dep_ == "relcl" for c in children)
            named_body = frozenset(c.lower_ for c in children if self._body_of_a_title(c))
            found = self._last_person(head.i, mod_state, title, body=named_body) \
                if (definite or mod_state) and single and not described else None
            if found is not None:
                return self._ref(start, end, found, "title")
            if office is not None:
                return self._ref(start, office[1], office[0], "metonymy")
            if mod_state is not None:
                return self._ref(start, end, self._past_office(head, mod_state) or mod_state, "title")
            spokes = {lemma, low} & actor_names.rules().speaking_for_nouns
            found = self._same_noun_before(head, window=6) if definite and single and spokes else None
            if found is not None:  # "a State Department spokesperson told VOA ... the spokesperson said"
                return self._ref(start, end, found, "coreference")
        elif self.vocab.is_description(lemma, "state") and (definite or mod_state):
            # "the G7 countries", "the EU's member states": the body they make up; "the countries"
            # several, not the one named last
            whole = mod_actor if mod_actor is not None and self._kind(mod_actor) == "organisation" else None
            found = mod_state or whole or (
                self._last_of_type(head.i, {"state"}) if head.tag_ not in _PLURAL_TAGS else None)
            if found is not None:
                return self._ref(start, head.i + 1, found, "title")
        elif any(self.vocab.is_description(w, "group") for w in (lemma, low, multi)):
            if mod_state is not None:
                return self._ref(start, head.i + 1, self._past_office(head, mod_state) or mod_state, "metonymy")
            body = {lemma, low, multi} & self.vocab.governing_bodies
            if mod_actor is not None and not (body and self._kind(mod_actor) == "person"):
                return self._ref(start, head.i + 1, self._past_office(head, mod_actor) or mod_actor, "title")
            # "his government" is no person's own: the state the text is about, as for "the government"
            bare = not any(c.dep_ in {"det", "poss", "amod", "compound", "prep"} for c in children) \
                and low in self.vocab.bare_bodies
            if (definite or bare) and body:
                found = self._state_of_body(head.i, body) or (
                    self._main_state(head.i) if bare else self._acting_state(head.i))
                if found is not None:
                    return self._ref(start, head.i + 1, found, "title")
        elif self.vocab.is_description(lemma, "organisation") and mod_actor is not None \
                and self._kind(mod_actor) in {"organisation", "group"}:
            return self._ref(start, head.i + 1, mod_actor, "title")  # "the Hamas movement", "the Wagner group"
        elif self.vocab.is_description(lemma, "organisation") and definite and mod_actor is None \
                and head.tag_ not in _PLURAL_TAGS:  # "the groups bringing the lawsuits" are not the one named last
            found = self._last_organisation(head.i, lemma)
            if found is not None:
                return self._ref(start, head.i + 1, found, "title")
        if mod_actor is not None and (
            self.vocab.is_description(lemma, "people") or self.vocab.is_description(lemma, "person")
        ):
            # "Apple engineers", "Belarusian volunteers", "Apple Computer CEO": members of a
            # named collective act for it
            a = self.actor(mod_actor)
            if a is not None and a.actor_type in {"state", "organisation", "group"}:
                return self._ref(start, head.i + 1, self._past_office(head, mod_actor) or mod_actor, "metonymy")
        if head.pos_ == "PROPN" and head.is_title and not any(c.dep_ == "det" for c in children) \
                and not self.role_noun_opening(head):
            return self._name(start, head)
        if mod_actor is None and body_acronym(head):  # "ICE and DHS declined": an untagged acronym
            return self._name(head.i, head)
        if mod_actor is None and head.tag_ in _PLURAL_TAGS and any(c.dep_ == "det" and c.lower_ == "the" for c in children):
            found = self._same_noun_before(head)
            if found is not None:  # "Top diplomats from the G7 urged ... the diplomats said": the G7's
                return self._ref(start, end, found, "coreference")
        return self._nominal(start, head, end)

    def _name_after_a_comma(self, head: Token, children: list[Token]) -> tuple[int, int, str, str] | None:
        """The organisation or group named right after an indefinite description of one and a
        comma ("agreements between the authorities and an armed group, the Syrian Democratic
        Forces (SDF)"), which the parser may hang elsewhere: the appositive it is on the surface."""
        doc = self.doc
        if not any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in children) or head.i + 2 >= len(doc) \
                or doc[head.i + 1].text != "," or not any(self.vocab.is_description(head.lemma_.lower(), k)
                                                         for k in ("group", "organisation")):
            return None
        k = head.i + 2 + (doc[head.i + 2].lower_ == "the")
        ent = self.entity_at(doc[k]) if k < len(doc) else None
        return ent if ent is not None and ent[0] >= head.i + 2 and self._kind(ent[2]) in {"organisation", "group"} else None

    def _same_noun_before(self, head: Token, window: int = 2) -> str | None:
        """The actor of the nearest earlier mention of the same noun, in its sentence or the
        `window` before, when that one was named ("Top diplomats from the Group of Seven urged
        Russia ... the diplomats said": the G7; "a State Department spokesperson told VOA ...
        the spokesperson said"). An earlier mention that names no one ends the search: "the
        diplomats" is then as generic as it was."""
        for k in range(head.i - 1, self._sentence_floor(head.i, window) - 1, -1):
            t = self.doc[k]
            if t.lemma_ != head.lemma_ or t.pos_ != "NOUN" or t.dep_ == "compound":
                continue
            ref = self.resolve_head(t)
            return ref.actor_id if ref is not None and not ref.actor_id.startswith("nom:") else None
        return None

    def _outlet_of_a_service(self, head: Token, start: int) -> tuple[int, int, str, str] | None:
        """A news outlet's name right before a people's or a language's word names the outlet's
        service in that language ("VOA Albanian", "BBC Persian", "VOA Mandarin"): the outlet."""
        if start == 0 or head.ent_type_ not in {"NORP", "LANGUAGE"}:
            return None
        before = self.entity_at(head.doc[start - 1])
        actor = self.actor(before[2]) if before is not None else None
        return before if actor is not None and actor.role == "MED" else None

    def _actor_of_a_phrase(self, head: Token) -> tuple[str, int] | None:
        """The actor a phrase right after the noun names, and the end of that phrase: a state
        after "of" ("the government of Pakistan": as "Pakistan's government" and "the Pakistani
        government" are), a state, organisation or group after "from" when the noun names
        people ("officials from Russia", "a delegation from Hamas": as "Russian officials"), or
        after "for" or "of" a spokesperson (`speaking_for_nouns`: "a spokesman for Hamas")."""
        prep = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
        spokes = bool({head.lemma_.lower(), head.lower_} & actor_names.rules().speaking_for_nouns)
        if prep is None or prep.head.i != head.i or prep.lower_ not in ({"of", "from", "for"} if spokes else {"of", "from"}):
            return None
        kinds = {"state"}
        if spokes:  # "a spokesperson for Hamas" speaks as Hamas
            kinds = {"state", "organisation", "group"}
        elif prep.lower_ == "from":
            lemma = head.lemma_.lower()
            if not any(self.vocab.is_description(lemma, k) for k in ("people", "person", "group")):
                return None
            kinds = {"state", "organisation", "group"}
        for o in prep.children:
            if o.dep_ != "pobj":
                continue
            m = self.entity_at(o)
            actor_id = m[2] if m is not None else None
            if actor_id is None and spokes:  # "a spokeswoman for the Kenyan police", not "for the company"
                ref = self.resolve_head(o)
                actor_id = ref.actor_id if ref is not None and not ref.actor_id.startswith("nom:") else None
            if actor_id is not None and self._kind(actor_id) in kinds:
                return actor_id, o.i + 1
        return None

    def turn_speaker(self, i: int) -> str | None:
        """The person whose interview turn token `i` is in ("Armitage: I would say ..."), else None."""
        label = turn_label(self.doc, i)
        return self._speaker(label) if label is not None else None

    def _speaker(self, label: Span) -> str | None:
        """The person an interview turn's label names ("Armitage:", "Richard Armitage, former
        deputy secretary:"), None for anything else ("VOA:", a heading "Analysis:")."""
        ent = self.entity_at(label[0])
        if ent is not None and self._kind(ent[2]) == "person":
            return ent[2]
        name = label[: next((t.i - label.start for t in label if t.is_punct), len(label))]
        return self._person_named(alias_key(name.text))

    def _body_of_a_title(self, c: Token) -> bool:
        """Does the modifier of a title name the body of the office ("the Taliban chief", "the
        UNICEF director", "the military spokesperson"), not a state ("the U.S. envoy": the state
        is matched apart) nor a rank ("the top diplomat")?"""
        if c.dep_ == "compound" and c.pos_ in {"PROPN", "NOUN"}:
            return not self.names_a_state(c.text)
        lemma = c.lemma_.lower()
        return c.dep_ == "amod" and (self.vocab.is_description(lemma, "group")
                                     or self.vocab.is_description(lemma, "organisation"))

    def _past_office(self, head: Token, body: str) -> str | None:
        """Whom a role noun stands for when a modifier says the office is past ("a former
        Russian diplomat", "former NATO chief", "retired U.S. generals"; `past_office_modifiers` in
        schemas/actor_names.yaml): not the body they no longer act for, but the state's people (its
        civilians), or the generic noun for an organisation's; None for a present office."""
        past = actor_names.rules().past_office_modifiers
        if not any(c.dep_ in {"amod", "advmod", "compound"} and c.lower_ in past for c in head.children):
            return None
        if self._kind(body) == "state":
            people = self.people_of(body, "citizens")
            if people is not None:
                return people
        ref = self._nominal(_np_start(head), head)
        return ref.actor_id if ref is not None else None

    def people_of(self, state: str, noun: str) -> str | None:
        """The actor of a country's people a role noun names ("protesters" of Sudan ->
        "sdn-opp"; schemas/actors.yaml non_state_roles), else None."""
        return self._non_state_role(state, noun, noun)

    def _non_state_role(self, state: str, lemma: str, low: str) -> str | None:
        """The actor of a country's people who do not act for its state ("Armenian protesters"
        -> "arm-opp", schemas/actors.yaml non_state_roles), created on first use; None for
        any other noun."""
        found = self.vocab.non_state_roles.get(low) or self.vocab.non_state_roles.get(lemma)
        country = self.actor(state)
        if found is None or country is None:
            return None
        code, name = found
        actor_id = f"{state}-{code.lower()}"
        if actor_id not in self._actors:
            self._actors[actor_id] = Actor(actor_id=actor_id, canonical_name=f"{country.canonical_name} ({name})",
                                           actor_type="group", country_code=country.country_code, role=code,
                                           source="nominal")
        return actor_id

    def _resolve_pronoun(self, tok: Token) -> ActorRef | None:
        low = tok.lower_
        found: str | None = None
        if low in _RELATIVE:
            # relative pronoun: the noun the relative clause modifies
            verb = tok.head
            if verb.dep_ == "relcl" and verb.head.i != tok.i:
                ref = self.resolve_head(verb.head)
                if ref is not None:
                    return ActorRef(tok.idx, tok.idx + len(tok.text), tok.text, ref.actor_id, "coreference")
            return None
        quoted = attributed_quote_start(tok)
        at = tok.i if quoted is None else quoted  # "'... the minister ...,' he said": not the minister
        if low in _PRON_MALE | _PRON_FEMALE:
            gender = "m" if low in _PRON_MALE else "f"
            # a direct quotation's "he" is not its speaker ("'... he threatened ...,' Zelenskyy told Biden")
            found = None if in_quotation(tok) else self._person_reporting(tok, gender) or self._opening_looks_ahead(tok, gender)
            # "She and Lockyear urged": not Lockyear; in a quotation, not the one it is said to
            besides = frozenset(e[2] for c in [*tok.conjuncts, *addressees(tok)] if (e := self.entity_at(c)) is not None)
            # a subject pronoun continues the previous subject ("Lukashenka met Putin. He ...")
            if found is None and tok.dep_ in {"nsubj", "nsubjpass"}:
                found = self._last_person(at, None, None, gender=gender, subject=True, besides=besides)
            if found is None:
                found = self._last_person(at, None, None, gender=gender, besides=besides)
        elif low in _PRON_FIRST_SINGULAR:
            found = self.turn_speaker(tok.i) or self._last_person(tok.i, None, None)
        elif (partner := self._conjoined_owner(tok)) is not None:
            found = partner  # "the separatist group and its allies": the group's allies
        elif low in _PRON_NEUTER:
            found = self._last_of_type(at, {"organisation", "state"}, window=2)
        elif low in _PRON_PLURAL | _PRON_FIRST_PLURAL:
            reporter = _reporter(tok, _PLURAL_TAGS) if low in _PRON_PLURAL else None
            ref = self.resolve_head(reporter) if reporter is not None else None
            found = ref.actor_id if ref is not None else None
            if found is None and low in _PRON_PLURAL:
                found = next(iter(self.parties(tok)), None)
            if found is None and (subject := self._people_subject_before(tok)) is not None:
                ref = self.resolve_head(subject)
                found = ref.actor_id if ref is not None else None
            if found is None:
                last = self._last_of_type_at(at, {"organisation", "state", "group"}, window=2, for_pronoun=True)
                people = self._people_nearer(at, last[1] if last is not None else -1) if low in _PRON_PLURAL else None
                if people is not None:  # "the girls ... their release": the girls, not the town named before
                    ref = self.resolve_head(people)
                    return None if ref is None else ActorRef(tok.idx, tok.idx + len(tok.text), tok.text, ref.actor_id, "coreference")
                found = last[0] if last is not None else None
            if found is not None and self._kind(found) in {"state", "organisation"} and _done_to_people(tok):
                found = None  # "why they were not deported": people, not the state or body named before
        if found is None:
            return None
        return ActorRef(tok.idx, tok.idx + len(tok.text), tok.text, found, "coreference")

    def _conjoined_owner(self, tok: Token) -> str | None:
        """The actor of the first conjunct when "its"/"their" owns the second ("the group and its
        allies", "Russia and its proxies")."""
        if tok.dep_ != "poss" or tok.lower_ not in {"its", "their"} or tok.head.dep_ != "conj" \
                or tok.head.head.i >= tok.i:
            return None
        ref = self.resolve_head(tok.head.head)
        return ref.actor_id if ref is not None and self._kind(ref.actor_id) in {"organisation", "state", "group"} else None

    def parties(self, tok: Token) -> list[str]:
        """The actors a plural pronoun stands for when the sentence before named two or more
        together: a coordinated subject ("Putin and Lukashenko held talks. Their meeting ...")
        or the two sides of a joint act ("Lukashenko met Putin. They agreed ...", `joint_verbs`
        in schemas/actor_names.yaml); so do "the two countries", "both sides"; [] otherwise."""
        if tok.lower_ not in _PRON_PLURAL and not self._pair(tok):
            return []
        if tok.i not in self._parties:  # read once: pronoun resolution and each slot ask again
            self._parties[tok.i] = []  # while it is read: a side that holds the pronoun asks again
            here = self._parties_here(tok) if tok.lower_ in _PRON_PLURAL and tok.dep_ == "poss" else []
            root = tok.sent.root
            if not here and bare_pair(tok) and root.i < tok.i:
                here = self._parties_before(root)  # "Kim hosted Putin in Pyongyang, where the two signed ..."
            before = self._parties_before(self.doc[tok.sent.start - 1].sent.root) if tok.sent.start > 0 else []
            self._parties[tok.i] = here or before
        return self._parties[tok.i]

    def _parties_here(self, tok: Token) -> list[str]:
        """The coordinated subject of a clause the possessive is in, named before it ("Duterte and
        Suga are off to a good start in their relationship": both). A "they" that opens a clause
        of its own is left to the sentence before ("Neither China nor Thailand has explained why
        they were not deported": not China)."""
        node = tok
        for _ in range(8):
            if node.head.i == node.i:
                break
            node = node.head
            subj = next((c for c in node.children if c.dep_ == "nsubj" and c.i < tok.i), None)
            if node.pos_ in {"VERB", "AUX"} and subj is not None:
                # not a side the pronoun is part of ("Lai's son and their legal team")
                own = any(side.left_edge.i <= tok.i <= side.right_edge.i for side in (subj, *subj.conjuncts))
                return self._parties_before(node) if subj.conjuncts and not own else []
        return []

    def _parties_before(self, root: Token) -> list[str]:
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return []
        sides = [subj, *(c for c in subj.conjuncts if c.i > subj.i)]
        if len(sides) == 1 and root.lemma_.lower() in actor_names.rules().joint_verbs:
            sides += [c for c in root.children if c.dep_ == "dobj"]
            sides += [o for p in root.children if p.dep_ == "prep" and p.lower_ == "with" for o in p.children if o.dep_ == "pobj"]
        ids: list[str] = []
        for side in sides:
            ref = self.resolve_head(side) if side.pos_ != "PRON" else None
            a = self.actor(ref.actor_id) if ref is not None else None
            if a is not None and a.actor_type in {"person", "state", "organisation"} and a.actor_id not in ids:
                ids.append(a.actor_id)
        return ids if len(ids) >= 2 else []

    def _state_where(self, head: Token) -> str | None:
        """The state an "in" phrase of the noun names ("police in Minsk": Belarus)."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for o in prep.children:
                    if o.dep_ == "pobj" and (state := self.state_of(o)) is not None:
                        return state
        return None

    def _person_reporting(self, tok: Token, gender: str) -> str | None:
        """The person who says or thinks the clause a subject "he"/"she" opens ("Austin noted
        that he fought in Iraq"), when that person's gender, if known, agrees."""
        reporter = _reporter(tok, _SINGULAR_TAGS)
        ref = self.resolve_head(reporter) if reporter is not None else None
        a = self.actor(ref.actor_id) if ref is not None else None
        if a is not None and reporter is not None and a.actor_type == "state" \
                and self.vocab.is_description(reporter.lemma_.lower(), "person"):
            return a.actor_id  # "the Afghan army chief said his forces ...": the state he speaks for
        return self._person_of_gender(a, gender)

    def _person_of_gender(self, a: Actor | None, gender: str) -> str | None:
        """The actor when it is a person whose gender, if known, is `gender`."""
        if a is None or a.actor_type != "person" or self.vocab.genders.get(a.actor_id, gender) != gender:
            return None
        return a.actor_id

    def _opening_looks_ahead(self, tok: Token, gender: str) -> str | None:
        """The subject a possessive looks ahead to from a phrase that opens its clause ("In his
        testimony Tuesday, Mehdiyev said ...": Mehdiyev, not a person named before; "During
        her visit, the minister met ..."), when that subject is a person whose gender, if
        known, agrees."""
        if tok.dep_ != "poss":
            return None
        node = tok
        while node.dep_ != "prep" and node.head.i != node.i and node.head.pos_ not in {"VERB", "AUX"}:
            node = node.head
        verb = node.head
        if node.dep_ != "prep" or verb.pos_ not in {"VERB", "AUX"}:
            return None
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or subj.i < node.i:
            return None
        ref = self.resolve_head(subj)
        return self._person_of_gender(self.actor(ref.actor_id) if ref is not None else None, gender)

    # ------------------------------------------------------------------ helpers
    def _title_of(self, head: Token) -> tuple[str | None, int]:
        """A title with an of-phrase: the person it names when the parser buried the name
        there ("President of Kenya William Ruto"), else None and the end of the office's
        name ("the secretary of defense", "the head of criminal investigation"), which is
        part of the span; a named organisation or state after "of" is the mod, not the span."""
        for p in head.children:
            if p.dep_ != "prep" or p.lower_ != "of":
                continue
            for o in p.children:
                if o.dep_ != "pobj":
                    continue
                ent = self.entity_at(o)
                if ent is not None and self._kind(ent[2]) == "person":
                    return ent[2], ent[1]
                if ent is None and o.pos_ in {"NOUN", "PROPN"} and not any(w.ent_type_ for w in o.subtree):
                    return None, o.right_edge.i + 1
        return None, head.i + 1

    def register_generic(self, actor_id: str, text: str) -> None:
        """Record a generic participant created outside the resolver (for the actors table)."""
        if actor_id not in self._actors and actor_id not in self.vocab.entries:
            name = actor_id.split(":", 1)[-1]
            # typed as `_nominal` types the same id: one id, one row, whichever path made it
            self._actors[actor_id] = Actor(actor_id=actor_id, canonical_name=name,
                                           actor_type=self._nominal_type(name, name), source="nominal")

    def _nominal(self, start: int, head: Token, end: int | None = None) -> ActorRef | None:
        """A generic participant: the noun phrase itself, keyed by its head lemma."""
        lemma = head.lemma_.lower()
        if head.pos_ == "PROPN" and self.role_noun_opening(head):
            lemma = self._singular(head.lower_)  # "Rebels" tagged a proper noun keeps its plural
        if not head.like_num and head.pos_ != "PROPN" and not any(ch.isalpha() for ch in head.text):
            return None
        person = self._person_named(alias_key(head.text)) if head.is_title else None
        if person is not None:  # a surname the tagger took for a noun ("Okonkwo resigns")
            self._new_actor(person, self._people.name_of(person), "person")
            return self._ref(head.i, head.i + 1, person, "coreference")
        for word in (head.text, head.lemma_):
            hit = self.vocab.lookup(word)
            if hit is not None and hit[1] == "demonym" and self._kind(hit[0]) == "state":
                return self._ref(start, head.i + 1, hit[0], "metonymy")  # "the Ukrainians" -> Ukraine
        if head.lower_ == "state" and any(o.pos_ == "NOUN" for o in _of_objects(head)):
            return None  # "a state of emergency", "the state of the economy": a condition, no polity
        atype = self._nominal_type(lemma, head.lower_)
        actor_id = f"nom:{slugify(lemma)}"
        if actor_id not in self._actors:
            self._actors[actor_id] = Actor(actor_id=actor_id, canonical_name=lemma, actor_type=atype, source="nominal")
        span = self.doc[start : end if end is not None else head.i + 1]
        return ActorRef(span.start_char, span.end_char, span.text, actor_id, "nominal")

    def _singular(self, word: str) -> str:
        """The singular of a plural role noun the descriptions list ("rebels" -> "rebel",
        "gunmen" -> "gunman"), else the word."""
        for plural, single in (("men", "man"), ("ies", "y"), ("s", "")):
            if word.endswith(plural):
                stem = word[: len(word) - len(plural)] + single
                if self.vocab.is_role_noun(stem):
                    return stem
        return word

    def _nominal_type(self, lemma: str, low: str) -> str:
        """The kind of actor a common noun names: people and human collectives are groups
        ("protesters", "police", "officials"), institutions organisations ("the committee"),
        countries states; anything else ("the decree", "missiles") is a thing ("other")."""
        words = (lemma, low)
        if any(self.vocab.is_description(w, k) for w in words for k in ("people", "person", "group")):
            return "group"
        if any(self.vocab.is_description(w, "organisation") for w in words):
            return "organisation"
        if any(self.vocab.is_description(w, "state") for w in words):
            return "state"
        return "other"


def _of_objects(tok: Token) -> list[Token]:
    """The objects of the token's own "of" phrases."""
    return [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]


def _opposed(tok: Token) -> bool:
    """Is the modifier what a group is against ("anti-Pakistan militants": `opposing_prefixes`
    of schemas/actor_names.yaml), not whose it is?"""
    doc, prefixes = tok.doc, actor_names.rules().opposing_prefixes
    if "-" in tok.text and tok.lower_.split("-")[0] in prefixes:
        return True
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in prefixes


_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_SINGULAR_TAGS = frozenset({"NN", "NNP"})


def _reporter(tok: Token, tags: frozenset[str]) -> Token | None:
    """The subject, of one of `tags`, of the verb whose complement clause a subject pronoun
    opens ("Militants said they released the hostages", "Officials believe they have found
    the cause", "Austin noted that he fought"): who says or thinks it is who the pronoun is."""
    if tok.dep_ == "poss" and tok.head.dep_ in {"nsubj", "nsubjpass"}:
        tok = tok.head  # "the army chief said his forces had killed ...": his forces' owner says it
    clause = tok.head
    if tok.dep_ not in {"nsubj", "nsubjpass"} or clause.dep_ != "ccomp" or clause.head.i == clause.i:
        return None
    subj = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.i == tok.i or subj.tag_ not in tags:
        return None
    return subj


def _done_to_people(tok: Token) -> bool:
    """Is the pronoun what a verb that is only ever done to people was done to ("they were not
    deported", "detained them"; `people_patient_verbs`)?"""
    return tok.dep_ in {"dobj", "nsubjpass"} and tok.head.lemma_.lower() in actor_names.rules().people_patient_verbs


def _storm_name(head: Token) -> bool:
    """A storm's name ("Cyclone Freddy", "Hurricane Maria"), which the NER may take for a
    person or an event: a proper noun right after a storm word (`weather_names` in
    schemas/actor_names.yaml), or the storm word itself heading the name."""
    words = actor_names.rules().weather_words
    if head.pos_ != "PROPN" and head.lower_ not in words:
        return False
    if head.text in storm_names(head.doc):  # "was struck by Chido", named a storm elsewhere
        return True
    i = head.i
    while i > head.sent.start and head.doc[i - 1].pos_ == "PROPN" and head.doc[i - 1].lower_ not in words:
        i -= 1  # "Tropical Cyclone Jude": back over the name's words
    return head.lower_ in words or (i > head.sent.start and head.doc[i - 1].lower_ in words)
