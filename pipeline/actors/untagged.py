"""Names in the text the NER left untagged or mislabelled: a surname alone ("Jobs" after
"Steve Jobs"), a name after a person's title in one phrase ("Military spokesperson Chaundry"),
a person buried in the "for"/"of" phrase of a title ("Resident Coordinator for Myanmar Andrew
Kirkwood"). `ActorResolver` (resolver.py) asks these when a proper noun heads an argument."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline import actor_names
from pipeline.actors.antecedents import Antecedents
from pipeline.actors.common import ACTOR_LABELS, alias_key, slugify
from pipeline.actors.name_shapes import a_document, body_acronym, speaks_as_a_person
from pipeline.actors.spans import _drop_words
from pipeline.models import ActorRef


class UntaggedNames(Antecedents):
    """The name searches of `ActorResolver` for proper nouns the NER did not resolve."""

    def _name(self, start: int, head: Token) -> ActorRef | None:
        """A proper noun the NER left untagged ("Jobs" after "Steve Jobs"): the earlier named
        actor ending with that word, else a new actor of unknown type."""
        if head.ent_type_ and head.ent_type_ not in ACTOR_LABELS:
            return None  # a word of a date, a time, an amount ("Tuesday", "September 17")
        named = self._person_in_title(head)
        if named is not None:  # "U.N. Resident Coordinator for Myanmar Andrew Kirkwood"
            return self._ref(start, named[1], named[0], "title")
        phrase = self.doc[start : head.i + 1].text
        hit = self.vocab.lookup(phrase) or self.vocab.lookup(head.text)
        if hit is not None:  # a dictionary name the ruler could not fix ("Ukraine" inside a longer name)
            self._use(self.vocab.entries[hit[0]])
            return self._ref(start, head.i + 1, hit[0], "dictionary" if hit[1] == "name" else "metonymy")
        # a person of the article named in full first: the NER may have tagged another
        # occurrence of the surname as an organisation ("Duterte" after "Rodrigo Duterte")
        key = alias_key(head.text)
        person = self._person_named(key)
        if person is not None:
            self._new_actor(person, self._people.name_of(person), "person")
            return self._ref(head.i, head.i + 1, person, "coreference")
        org_key = actor_names.rules().organisation_key(alias_key(phrase))
        if org_key in self._orgs:  # "Globex" after "Globex Ltd"
            self._new_actor(self._orgs[org_key], _drop_words(phrase, alias_key(phrase), org_key), "organisation")
            return self._ref(start, head.i + 1, self._orgs[org_key], "coreference")
        if org_key != alias_key(phrase):  # a legal-form suffix makes it an organisation ("Globex Inc.")
            actor_id = f"ner:organisation:{slugify(org_key)}"
            self._new_actor(actor_id, _drop_words(phrase, alias_key(phrase), org_key), "organisation")
            return self._ref(start, head.i + 1, actor_id, "ner")
        for m in reversed(self._mentions):
            if m.start >= head.i or m.non_actor:
                continue
            if alias_key(self.doc[m.end - 1].text) == key or alias_key(self.doc[m.start].text) == key:
                return self._ref(head.i, head.i + 1, m.actor_id, "coreference")
        if speaks_as_a_person(self.doc[start : head.i + 1], self.vocab):  # "Nop Vy, the group's director, told VOA"
            actor_id = f"ner:person:{slugify(actor_names.rules().person_key(alias_key(phrase)))}"
            self._new_actor(actor_id, phrase, "person")
            return self._ref(start, head.i + 1, actor_id, "ner")
        titled = self._titled_name(start, head)
        if titled is not None:
            return titled
        if a_document(self.doc[start : head.i + 1], self.vocab):
            return None  # "the government's Next Generation ... Development Plan": a text
        kind = "organisation" if start == head.i and body_acronym(head) else "other"  # "ICE declined": a body
        actor_id = f"ner:{kind}:{slugify(alias_key(phrase))}"
        self._new_actor(actor_id, phrase, kind)
        return self._ref(start, head.i + 1, actor_id, "ner")

    def _titled_name(self, start: int, head: Token) -> ActorRef | None:
        """An untagged name after a person's title in one phrase ("Military spokesperson
        Chaundry claimed", "Deputy Foreign Minister Ryabkov"): the person so named, the one of
        the article with that name when there is one."""
        rules = actor_names.rules()
        cut = max((t.i for t in self.doc[start : head.i]
                   if (t.lower_,) in rules.titles or self.vocab.is_description(t.lower_, "person")), default=None)
        if cut is None or not all(t.is_title for t in self.doc[cut + 1 : head.i + 1]):
            return None
        name = self.doc[cut + 1 : head.i + 1].text
        known = self._person_named(alias_key(name))
        actor_id = known or f"ner:person:{slugify(rules.person_key(alias_key(name)))}"
        self._new_actor(actor_id, self._people.name_of(actor_id) if known else name, "person")
        return self._ref(cut + 1, head.i + 1, actor_id, "title")

    def _person_in_title(self, head: Token, *, after_a_place: bool = False) -> tuple[str, int] | None:
        """The person a title names in its "for" or "of" phrase (or "to", after a place), where
        the parser buried the name ("Resident Coordinator for Myanmar Andrew Kirkwood", "Special Envoy for Syria
        Geir Pedersen"): the person's id and the end of the name. With `after_a_place` (a title
        in lower case) only a name right after the place the office is for: "the special envoy
        for Syria Geir Pedersen" is Pedersen, "a spokesman for Vladimir Putin" is not Putin."""
        preps = ("for", "of", "to") if after_a_place else ("for", "of")  # "Adviser to Vladimir Putin" is not Putin
        for p in head.children:
            if p.dep_ == "prep" and p.lower_ in preps:
                for o in p.children:
                    ent = self.entity_at(o) if o.dep_ == "pobj" else None
                    if ent is None or self._kind(ent[2]) != "person":
                        continue
                    if not after_a_place or self._after_a_place(ent[0], o):
                        return ent[2], ent[1]
        return None

    def _office_holder(self, head: Token) -> tuple[str, int] | None:
        """The person named after the place of the office a role noun heads ("the special
        envoy for Syria Geir Pedersen"), whether the NER took the office for a name or not."""
        if not (self.vocab.is_role_noun(head.lower_) or self.vocab.is_role_noun(head.lemma_)):
            return None
        return self._person_in_title(head, after_a_place=True)

    def _after_a_place(self, start: int, name: Token) -> bool:
        """Does the name starting at `start` follow the place of an office, in the name's own
        phrase ("for Syria Geir Pedersen") or glued into it by the NER ("Myanmar Andrew Kirkwood")?"""
        first, before = self.doc[start], self.doc[start - 1]
        if before.head.i == name.i and self.state_of(before) is not None:
            return True
        return name.i - first.i >= 2 and self.names_a_state(first.text)  # as _without_a_place strips it
