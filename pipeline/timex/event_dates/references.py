"""References to other times: anaphora ("this airstrike"), same-day openers ("Later in the
day"), vague or earlier pasts ("for years", "had previously"), and how deep in the report an
act is told (an undated past act deep in a feature is background, not the news of the day).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span, Token

from pipeline.timex.event_dates.clauses import _CONTENT, _near, _path_up, clause_verb, unrealised
from pipeline.timex.event_dates.lexicon import lexicon

# The news part of a report: the first words of a text, where an undated past act is the news
# of the day (inverted pyramid). A wire story fits in it; deeper in a long analysis or feature
# an undated past act is background ("Hundreds of thousands fled the country") and stays
# undated. About the length of a wire story, not fitted to any test set.
NEWS_DEPTH_WORDS = 600


def same_day_opener(tok: Token) -> bool:
    """Does the trigger's sentence open with "Later in the day", "Earlier today" ...?"""
    words = [t.lower_ for t in tok.sent if not (t.is_space or t.is_punct)][:6]
    head = " ".join(words)
    return any(head == w or head.startswith(w + " ") for w in lexicon().same_day)


def anaphoric_nouns(tok: Token) -> list[tuple[Token, frozenset[str] | None]]:
    """Nouns that point back to a told event and are the trigger, its clause's subject or a
    cause or time adjunct ("killed as a result of this airstrike") -- not what a new act is
    about ("will ask a court to resolve this dispute"). Each comes with its owner's words when
    it is a possessed trigger ("his announcement", "Russia's invasion"): it names only an act
    told of its owner in the same word ("Russia invaded ..."), not any act of its type,
    and dates only itself (what "his announcement" caused came later). None for a noun with a
    demonstrative ("those attacks"), which may name an act told in other words."""
    verb = clause_verb(tok) or tok
    if verb.i != tok.i and unrealised(verb):
        return []
    out: list[tuple[Token, frozenset[str] | None]] = []
    for t in [tok, *verb.subtree]:
        if t.pos_ != "NOUN" or (t.i != tok.i and not _near(verb, t)):
            continue
        if t.i != tok.i and any(n.dep_ in _CONTENT for n in _path_up(t, verb)):
            continue
        before = " ".join(w.lower_ for w in t.doc[max(0, t.i - 3):t.i])  # the parser may miss the det
        if any(re.search(rf"(^|\s){re.escape(w)}( [a-z-]+)?$", before) for w in lexicon().anaphoric):
            out.append((t, None))
        elif t.i == tok.i and not any(c.dep_ == "compound" for c in t.children):  # "Zamora's house arrest" is a kind
            owner = _owner(t)
            if owner is not None:
                out.append((t, owner))
    return out


def _owner(noun: Token) -> frozenset[str] | None:
    """The words naming a noun's owner ("Nkurunziza's" -> {"nkurunziza"}); empty for a
    possessive pronoun ("his"), whose actor only the extraction can tell; None when the noun
    has no owner."""
    owners = lexicon().possessives
    for c in noun.children:
        if c.dep_ != "poss":
            continue
        if c.lower_ in owners:
            return frozenset()
        if any(g.dep_ == "case" and g.lower_ in owners for g in c.children):
            return frozenset(w.lower_ for w in c.subtree if w.is_alpha and not w.is_stop)
    return None


def parties(tok: Token, actor_ids: list[str]) -> frozenset[str]:
    """Who a trigger's act was told of: the words of its subject, object, agent or owner and,
    as "@" + id, the actors the extraction resolved as its source and target."""
    parts = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "poss")]
    words = {w.lower_ for c in parts for w in c.subtree if w.is_alpha and not w.is_stop}
    return frozenset(words | {"@" + a for a in actor_ids})


def event_lemmas(tok: Token) -> list[str]:
    """Words that name the act a dated trigger reports: the trigger itself ("shelled" names a
    later "shelling") and, for a light verb, its object ("conducted an airstrike")."""
    own = [tok.lemma_.lower()]
    return own + [c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"]


def antecedent(noun: Token, seen: dict[str, Any], event_type: str | None = None,
               owner: frozenset[str] | None = None) -> Any | None:
    """The earlier dated act an anaphoric noun names: the same word, or the noun of the verb
    that told it ("shelled" ... "this shelling", "invaded" ... "Russia's invasion"); for an
    owner, the first act told of it (one of its `parties`). A
    trigger noun of a known type also names the nearest act of that type in other words when
    that one is dated ("missiles struck Kyiv last week. Those attacks ..."), unless it names a
    lasting state ("this war")."""
    lemma = noun.lemma_.lower()
    if owner is not None:
        return _owned_antecedent(lemma, owner, seen)
    if lemma in seen:
        return seen[lemma]
    for key, value in reversed(list(seen.items())):
        if len(key) >= 4 and nominalises(key, lemma):
            return value
    if not event_type or lemma in lexicon().lasting:
        return None
    return seen.get(type_key(event_type))


def _owned_antecedent(lemma: str, owner: frozenset[str], seen: dict[str, Any]) -> Any | None:
    """The act a possessed noun names: the first act done and told in its word whose parties
    include the owner -- the news a report leads with ("announced on June 7 ... In 2015, he
    announced ... his announcement": June 7's), not a later background one."""
    for key, value in seen.items():
        if key.startswith(_OWNED):
            verb = key[len(_OWNED):].rsplit("#", 1)[0]
            if (verb == lemma or (len(verb) >= 4 and nominalises(verb, lemma))) and owner & value.parties:
                return value
    return None


_OWNED = "owned:"


def owned_key(lemma: str, trigger: int) -> str:
    """The key under which `seen` keeps an act done and told in a word (at token `trigger`),
    with its parties, in the order told."""
    return f"{_OWNED}{lemma}#{trigger}"


def nominalises(verb: str, noun: str) -> bool:
    """Is `noun` the verb's own noun by one of English's regular endings ("shell" -> "shelling",
    "negotiate" -> "negotiation", "invade" -> "invasion"; schemas/event_dates.yaml)?"""
    return any(verb.endswith(v_end) and noun == verb[:len(verb) - len(v_end)] + n_end
               for v_end, n_end in lexicon().nominalisations)


def type_key(event_type: str) -> str:
    """The key under which `seen` keeps the last dated act of a type (no lemma has a colon)."""
    return f"type:{event_type}"


def vague_past(tx: Any) -> bool:
    """Does the expression place an act in an unspecified past period ("in the early days of
    the war", "for years", "over the past several years", "in the past")? Such an act is
    not of the day of publication, and no date can be given."""
    value = tx.timex_value or ""
    if value == "PAST_REF":
        return tx.text.lower() not in lexicon().recent
    return tx.timex_type == "DURATION" and bool(re.match(r"^PT?X", value))


def recent_period(tx: Any) -> bool:
    """Is the expression a counted period of months or more up to now ("in the past two years",
    "over the last 15 months")? An act told in it happened some time in it, not on the day of
    the report, and the text does not say when."""
    value, text = tx.timex_value or "", (tx.text or "").lower()
    return (tx.timex_type == "DURATION" and bool(re.match(r"^P\d+(M|Y|DE|CE)$", value))
            and any(text == w or text.startswith(w + " ") for w in lexicon().period_openers))


def anterior(tok: Token) -> bool:
    """Does an adverbial of the trigger's clause place it at some earlier, unnamed time
    ("had previously avoided", "at that stage suited")?"""
    verb = clause_verb(tok) or tok
    words = lexicon().anterior
    for c in verb.children:
        if c.dep_ in ("advmod", "prep", "npadvmod") and " ".join(t.lower_ for t in c.subtree) in words:
            return True
    return False


def beyond_news_part(tok: Token) -> bool:
    """Is the trigger deeper in the text than the news part of a report (NEWS_DEPTH_WORDS)?"""
    doc = tok.doc
    counts = doc.user_data.get("dateline_word_counts")
    if not isinstance(counts, list) or len(counts) != len(doc):
        n, counts = 0, []
        for t in doc:
            n += t.is_alpha
            counts.append(n)
        doc.user_data["dateline_word_counts"] = counts
    return bool(counts[tok.i] > NEWS_DEPTH_WORDS)


def opening_signal(sent: Span) -> str | None:
    """An explicit 'same time' or 'after that' signal at the start of a sentence."""
    head = " ".join(t.lower_ for t in sent[:6])
    head = re.sub(r"\s+,", ",", head)
    for s in lexicon().same_time:
        if head.startswith(s):
            return "same"
    for s in lexicon().after:
        if head.startswith(s) or re.match(rf"^(and|but|so) {s}\b", head):
            return "after"
    return None
