"""Antecedents: whom a description or a pronoun stands for, searched among the actors
named before it ("the minister" after "Prime Minister Hun Manet", "the military" after
"Pakistani army spokesperson", "the court" after "the International Court of Justice")."""

from __future__ import annotations

from functools import cached_property

from spacy.tokens import Token

from pipeline import actor_names
from pipeline.actors.name_shapes import doubtful_person
from pipeline.actors.named import NamedMentions
from pipeline.actors.spans import _is_subject, _Mention


class Antecedents(NamedMentions):
    """The searches back through the article's named mentions that `ActorResolver` asks."""

    def _sentence_floor(self, i: int, window: int) -> int:
        """First token index of the sentence `window` sentences before token i."""
        sent = self.doc[i].sent
        start = sent.start
        for _ in range(window):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        return start

    def _last_person(
        self, i: int, state: str | None, title: str | None, gender: str | None = None, subject: bool = False,
        besides: frozenset[str] = frozenset(), body: frozenset[str] = frozenset(),
    ) -> str | None:
        """The person named last before token `i` who fits: the state, the title, the gender,
        a subject (with `subject`), none of `besides` (the names "she" is coordinated with), and
        the `body` words of the title ("the Taliban chief", "the UNICEF director") written
        with the person's name where the article gave a title."""
        floor = self._sentence_floor(i, 1) if subject else 0
        introduced = self._introduced(i, title) if title is not None else 0
        floor = max(floor, introduced)
        for m in reversed(self._mentions):
            if m.start >= i:
                continue
            if m.start < floor:
                break
            if m.non_actor or m.actor_id in besides or (subject and not _is_subject(self.doc[m.start : m.end].root)):
                continue
            a = self.actor(m.actor_id)
            if a is None or a.actor_type != "person" or (doubtful_person(a) and not self._written_titles(m.start, m.end)):
                continue  # "President Moise" is a person, "Brexit" no antecedent
            if gender is not None:
                g = self.vocab.genders.get(m.actor_id)
                if g is not None and g != gender:
                    continue
            if state is not None and (a.country_code or "").lower() != state:
                continue
            if title is not None and m.actor_id in self.vocab.titles:
                titles = self.vocab.titles[m.actor_id]
                if titles and title not in titles and not any(title in t for t in titles):
                    continue
            elif title is not None:
                written = self._titles_written_for(m.actor_id, i)
                word = title.split()[-1]
                if (written or introduced) and word not in written and word not in actor_names.rules().generic_titles:
                    continue  # "the president" is not "National Security Adviser Robert O'Brien"
                if written and not body <= self._words_before_mentions(m.actor_id, i):
                    continue  # "the Taliban chief" is not "Afghan President Ashraf Ghani"
                if not written and self._occupations(m.actor_id, i):
                    continue  # "the minister" is not "Cambodian journalist Mech Dara"
            return m.actor_id
        return None

    def _titles_written_for(self, actor_id: str, i: int) -> set[str]:
        """The title words written with any mention of the person before token `i` ("North
        Korean leader Kim Jong Un ... meet with Kim": leader), so that "the president" is not
        someone the article calls only a leader or an adviser."""
        words: set[str] = set()
        for m in self._earlier_mentions(actor_id, i):
            words |= self._written_titles(m.start, m.end) | self._title_nouns_before(m.start)
        return words

    def _words_before_mentions(self, actor_id: str, i: int) -> set[str]:
        """The words, lower case, in and just before the person's mentions before token `i`
        ("Commerce Secretary Howard Lutnick": commerce, secretary, howard, lutnick)."""
        return {t.lower_ for m in self._earlier_mentions(actor_id, i) for t in self.doc[max(0, m.start - 6) : m.end]}

    def _earlier_mentions(self, actor_id: str, i: int) -> list[_Mention]:
        """The mentions of the actor that start before token `i`."""
        return [m for m in self._mentions_of.get(actor_id, []) if m.start < i]

    @cached_property
    def _mentions_of(self) -> dict[str, list[_Mention]]:
        """The article's mentions by actor, built once: a title's resolution asks it for every
        person it weighs (the mentions are all made when the article is read)."""
        index: dict[str, list[_Mention]] = {}
        for m in self._mentions:
            index.setdefault(m.actor_id, []).append(m)
        return index

    def _title_nouns_before(self, start: int) -> set[str]:
        """The person nouns in lower case in the words right before a name ("North Korean
        leader Kim Jong Un": leader)."""
        words: set[str] = set()
        k = start - 1
        while k >= max(0, start - 4) and self.doc[k].pos_ in {"NOUN", "ADJ", "PROPN"}:
            t = self.doc[k]
            if self.vocab.is_description(t.lower_, "person") or self.vocab.is_description(t.lemma_.lower(), "person"):
                words.add(t.lower_)
            k -= 1
        return words

    def _introduced(self, i: int, title: str) -> int:
        """Where "a <title>" last brought in someone unnamed before token `i` ("A State
        Department spokesperson expressed sorrow ... the spokesperson said"): "the <title>" is
        that one, not a person named before it nor one named since without the title; 0 when
        no one was."""
        word = title.split()[-1]
        for k in range(i - 1, -1, -1):
            t = self.doc[k]
            if t.lemma_.lower() == word and self._tok_mention[k] < 0 and t.tag_ == "NN" \
                    and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children):
                return k
        return 0

    def _occupations(self, actor_id: str, i: int) -> set[str]:
        """The nouns of people written before any mention of the person before token `i`
        ("Cambodian journalist Mech Dara", "Political analyst Alfatih Mahmoud"): an occupation
        that is no office, so "the minister" or "the general" is someone else."""
        words: set[str] = set()
        for m in self._earlier_mentions(actor_id, i):
            k = m.start - 1
            while k >= max(0, m.start - 4) and self.doc[k].is_title:
                k -= 1
            for t in self.doc[k + (0 if k >= 0 and self.doc[k].is_lower else 1) : m.start]:
                nouns = (t.lower_, t.lemma_.lower())
                if any(self.vocab.is_description(w, "people") for w in nouns) \
                        and not any(self.vocab.is_description(w, "person") for w in nouns):
                    words.add(t.lower_)  # "journalist", not "spokesperson", which is also a title
        return words

    def _written_titles(self, start: int, end: int) -> set[str]:
        """The title words written with a person's name in the text, before it or inside the
        entity ("National Security Adviser Robert O'Brien": adviser), lower case."""
        words: set[str] = set()
        k = start - 1
        while k >= max(0, start - 4) and self.doc[k].is_title:
            k -= 1
        for t in self.doc[k + 1 : end]:
            low = t.lower_
            if t.is_title and (self.vocab.is_description(low, "person") or self.vocab.is_description(t.lemma_.lower(), "person")):
                words.add(low)
        return words

    def _state_of_body(self, i: int, body: set[str]) -> str | None:
        """The state last named with that body before token `i` ("the Pakistani army
        spokesperson ... the military claimed": Pakistan's, though Afghanistan was named since),
        counting alike bodies (`alike` under governing_bodies in schemas/actors.yaml)."""
        words = set(body).union(*(self.vocab.alike_bodies.get(w, frozenset()) for w in body))
        for m in reversed(self._mentions):
            if m.start >= i or m.non_actor or self._kind(m.actor_id) != "state":
                continue
            after = self.doc[m.end : min(m.end + 2, i)]
            if any(t.lower_ in words or t.lemma_.lower() in words for t in after):
                return m.actor_id
        return None

    def _acting_state(self, i: int) -> str | None:
        """The state whose body "the army" or "the government" is: the last state named in this
        sentence or the one before that is not the place where something happened ("Israel
        struck targets in Lebanon overnight, the army said": Israel's), else the state named
        last ("Protests spread across Iran. The authorities ...": Iran's)."""
        acting = self._last_of_type_at(i, {"state"}, window=1, for_pronoun=True)
        return acting[0] if acting is not None else self._last_of_type(i, {"state"})

    def _main_state(self, i: int) -> str | None:
        """The state named most often before token `i` (the later of a tie): the one a story
        is about ("bushfires across eastern Australia ... a project based in China ...
        Authorities say": Australia's)."""
        counts: dict[str, tuple[int, int]] = {}
        for m in self._mentions:
            if m.start < i and not m.non_actor and self._kind(m.actor_id) == "state":
                n, _ = counts.get(m.actor_id, (0, 0))
                counts[m.actor_id] = (n + 1, m.start)
        return max(counts, key=lambda a: counts[a]) if counts else None

    def _last_of_type(
        self, i: int, types: set[str], window: int | None = None, labels: set[str] | None = None
    ) -> str | None:
        """The actor of one of `types` named last before token `i` (within `window` sentences)."""
        found = self._last_of_type_at(i, types, window, labels)
        return found[0] if found is not None else None

    def _last_of_type_at(
        self, i: int, types: set[str], window: int | None = None, labels: set[str] | None = None,
        for_pronoun: bool = False,
    ) -> tuple[str, int] | None:
        """`_last_of_type` and where the mention starts; `for_pronoun`, neither a place where
        something happened ("arrested protesters in Minsk. They ...": not Belarus) nor a news
        outlet ("told VOA ... their sentences")."""
        floor = self._sentence_floor(i, window) if window is not None else 0
        for m in reversed(self._mentions):
            if m.start >= i:
                continue
            if m.start < floor:
                break
            if m.non_actor or (labels is not None and m.label not in labels):
                continue
            a = self.actor(m.actor_id)
            root = self.doc[m.start : m.end].root
            if for_pronoun and ((a is not None and a.role == "MED") or self._where(root, m.label)):
                continue
            if a is not None and a.actor_type in types:
                # "Russia's defense ministry said its forces ...": its = Russia, as the phrase resolves
                return self._state_institution(root, m.start, m.end, m.actor_id) or m.actor_id, m.start
        return None

    def _where(self, root: Token, label: str) -> bool:
        """Is the name the place something happened: after "in", "at" or "near" whatever the
        NER took it for ("a school in Gusau"), or a place after any place preposition?"""
        prep = root.head.lower_ if root.dep_ == "pobj" else ""
        return prep in {"in", "at", "near"} or (label in {"GPE", "LOC", "FAC"} and prep in actor_names.rules().place_prepositions)

    def _people_nearer(self, i: int, than: int) -> Token | None:
        """A plural noun of people after token `than` and before token `i` (the plural pronoun,
        or the quotation it attributes), in its sentence or the one before ("arrested dozens of
        protesters in Minsk. They were charged", "addressed the girls and said their release"):
        what "they" stands for, not a state or organisation named before it."""
        for k in range(i - 1, max(than, self._sentence_floor(i, 1)) - 1, -1):
            t = self.doc[k]
            if t.tag_ in ("NNS", "NNPS") and self._tok_mention[k] < 0 and t.dep_ not in ("compound", "poss") \
                    and (self.vocab.is_role_noun(t.lemma_.lower()) or t.lower_ in self.vocab.non_state_roles):
                return t
        return None

    def _people_subject_before(self, tok: Token) -> Token | None:
        """The plural noun of people that was the subject of the sentence before, for a "they"
        that opens a clause of its own there ("The militants asked the passengers to come
        forward. Then they picked out police officers": the militants, not the passengers;
        "Analysts say ... They said": the analysts, not a country named in between). When that
        sentence ends in "he said", the subject of the words reported."""
        doc = self.doc
        if tok.lower_ != "they" or tok.dep_ != "nsubj" or tok.sent.start == 0:
            return None
        if any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in doc[tok.sent.start : tok.i]):
            return None  # "Aid agencies distributed relief where they could": the clause's own
        root = doc[tok.sent.start - 1].sent.root
        said = root.lemma_.lower() in actor_names.rules().speaking_verbs
        content = next((c for c in root.children if c.dep_ == "ccomp" and c.i < root.i), None) if said else None
        for verb in (content, root):
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
            if subj is not None and subj.tag_ in ("NNS", "NNPS") and self._tok_mention[subj.i] < 0 \
                    and (self.vocab.is_role_noun(subj.lemma_.lower()) or subj.lower_ in self.vocab.non_state_roles):
                return subj
        return None

    def _holder_of(self, head: Token, title: str, body_id: str, body: frozenset[str]) -> str | None:
        """The person named last who was written with the body an office is "of", by its words
        or by another name of it ("WFP head Cindy McCain ... the head of the World Food
        Programme"); a person named without it is not its holder ("Tom Fletcher arrived. The head
        of the World Food Programme said")."""
        found = self._last_person(head.i, None, title, body=body)
        if found is None or body <= self._words_before_mentions(found, head.i):
            return found
        near = (self.entity_at(t) for m in self._earlier_mentions(found, head.i)
                for t in self.doc[max(0, m.start - 6) : m.start])
        return found if any(e is not None and e[2] == body_id for e in near) else None

    def _office_of_a_body(self, head: Token) -> tuple[str, int, frozenset[str]] | None:
        """The organisation or group an unnamed holder of an office is "of" ("the head of
        Doctors Without Borders told the council", "the director of the World Health Organization declared"), the end
        of its name and its words: who acts for that body when no person of the article was
        written with it, as event data codes an official of a body by the body."""
        for p in head.children:
            if p.dep_ != "prep" or p.lower_ != "of":
                continue
            for o in p.children:
                ent = self.entity_at(o) if o.dep_ == "pobj" else None
                if ent is not None and self._kind(ent[2]) in {"organisation", "group"}:
                    words = frozenset(t.lower_ for t in self.doc[ent[0] : ent[1]] if t.is_alpha and not t.is_stop)
                    return ent[2], ent[1], words
        return None

    def _last_organisation(self, i: int, noun: str) -> str | None:
        """The organisation "the court", "the agency" or "the company" stands for: the last one
        named before; for a noun of an institution (`institution_nouns` in
        schemas/actor_names.yaml) only one whose name or dictionary titles hold the noun ("the
        court" after the International Court of Justice, not after Voice of America); for a noun
        of a civil body (`civil_nouns`) no court or intergovernmental body unless its name holds it
        ("the group" is not the European Commission)."""
        rules = actor_names.rules()
        specific = noun in rules.institution_nouns
        civil = noun in rules.civil_nouns
        for m in reversed(self._mentions):
            if m.start >= i or m.non_actor or m.label != "ORG" or self._medium(m.start, m.end):
                continue
            a = self.actor(m.actor_id)
            if a is None or a.actor_type != "organisation":
                continue
            named = noun in a.canonical_name.lower().split() or noun in self.vocab.titles.get(a.actor_id, ())
            if not named and (specific or (civil and (a.role or "").upper() in rules.official_roles)):
                continue
            return m.actor_id
        return None

    def _medium(self, start: int, end: int) -> bool:
        """Is the name doc[start:end] the medium something was posted or said on ("a video posted
        on Telegram"), not an actor (`medium_heads` in schemas/actor_names.yaml)?"""
        root = self.doc[start:end].root
        prep = root.head
        return root.dep_ == "pobj" and prep.lower_ in ("on", "via", "through") \
            and prep.head.lower_ in actor_names.rules().medium_heads

    def _named_by_participle(self, head: Token) -> str | None:
        """The actor a naming participle gives the noun ("known as the RSF", "called Hirak")."""
        for c in head.children:
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in actor_names.rules().naming_participles:
                for p in c.children:
                    names = [o for o in p.children if o.dep_ == "pobj"] if p.dep_ in {"prep", "agent"} else [p]
                    for o in names:
                        ent = self.entity_at(o)
                        if ent is not None and self._kind(ent[2]) in {"organisation", "group", "person"}:
                            return ent[2]
        return None

    def _pair(self, tok: Token) -> bool:
        """"the two companies", "both sides": a role noun counted as two; "the two" and "both"
        alone as a subject ("where the two signed a pact")."""
        if bare_pair(tok):
            return True
        return tok.tag_ == "NNS" and self.vocab.is_role_noun(tok.lemma_.lower()) and any(
            c.lower_ in {"two", "both"} and c.dep_ in {"nummod", "det", "predet"} for c in tok.children)


def bare_pair(tok: Token) -> bool:
    """"The two" or "both" standing alone as a subject ("where the two signed a pact", "Both
    condemned the attack"): the two parties named just before, though the NER calls it a number."""
    if tok.lower_ not in {"two", "both"} or tok.dep_ not in {"nsubj", "nsubjpass"} \
            or any(c.dep_ == "prep" for c in tok.children):
        return False  # "two of the soldiers": a part, no pair
    return tok.lower_ == "both" or any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
