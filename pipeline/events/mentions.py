"""Wires the steps into event mentions of one parsed article: triggers, gates, arguments,
actor pairs, factuality and place."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from pipeline.actors import ActorResolver, slugify
from pipeline.events import gates
from pipeline.events.context import Context
from pipeline.events.factuality import factuality
from pipeline.events.location import location
from pipeline.events.roles import Roles, actor_pairs
from pipeline.events.triggers import Candidate, candidate
from pipeline.events.vocabulary import EventTypeVocabulary
from pipeline.models import ActorRef, Article, EventMention


def _mention_id(article_id: str, m: EventMention, taken: set[str] | None = None) -> str:
    """A stable id from the article, the trigger and the actors' spans. One pronoun may stand
    for several actors ("They agreed" after "Lukashenko met Putin"): a row whose spans another
    row of the trigger already has adds its actor ids to the key (`taken` holds the ids made)."""
    s, t = m.source, m.target
    parts: list[object] = [
        article_id, m.trigger_start, m.trigger_end,
        s.start_char if s else "", s.end_char if s else "", t.start_char if t else "", t.end_char if t else "",
    ]
    mid = hashlib.sha1("|".join(str(x) for x in parts).encode("utf-8")).hexdigest()[:16]
    if taken is not None and mid in taken:
        parts += [s.actor_id if s else "", t.actor_id if t else ""]
        mid = hashlib.sha1("|".join(str(x) for x in parts).encode("utf-8")).hexdigest()[:16]
    if taken is not None:
        taken.add(mid)
    return mid



def _confidence(src: ActorRef | None, tgt: ActorRef | None, fact: str, fallback: bool) -> float:
    """Evidence score: how each actor was resolved, certainty, parse quality."""
    score = 0.45
    weights = {"dictionary": 0.25, "metonymy": 0.2, "ner": 0.2, "title": 0.15, "coreference": 0.12, "nominal": 0.05}
    if src is not None:
        score += weights.get(src.resolved_by, 0.0)
    if tgt is not None:
        score += weights.get(tgt.resolved_by, 0.0) * 0.6
    if fact == "asserted":
        score += 0.05
    if fallback:
        score -= 0.1
    return round(max(0.05, min(0.95, score)), 3)


def extract_events(
    doc: Doc, article: Article, resolver: ActorResolver, event_types: EventTypeVocabulary
) -> list[EventMention]:
    """The coded event mentions of one parsed article (dates are filled later by the dating
    step). Untyped predicates are not emitted: a row exists only for an act of a Dateline type
    that passed the gates, so no actor, event or report entry comes from anything else."""
    ctx = Context(doc, resolver, event_types)
    out: list[EventMention] = []
    admitted: dict[int, tuple[str, set[_PairKey]]] = {}  # trigger token -> type and actor pairs
    for sent in distinct_sentences(doc):
        for t in sent:
            cand = candidate(ctx, t)
            if cand is None or not gates.admit(ctx, cand):
                continue
            for w in (cand.trigger, cand.noun):
                if w is not None:
                    ctx.typed_lemmas.setdefault(w.lemma_.lower(), cand.etype.name)
            roles = actor_pairs(ctx, cand)
            pairs = {(s.actor_id if s else None, g.actor_id if g else None) for s, g in roles.pairs}
            if _same_act_again(admitted, cand, pairs):
                continue
            if _fuller_second_word(admitted, cand, pairs):  # "the house arrest and detainment of Chamorro"
                out = [m for m in out if m.trigger_token != t.head.i]
            admitted[t.i] = (cand.etype.name, pairs)
            out.extend(_mentions(ctx, article, sent, cand, roles))
    return out


_PairKey = tuple[str | None, str | None]


def _same_act_again(admitted: dict[int, tuple[str, set[_PairKey]]], cand: Candidate, pairs: set[_PairKey]) -> bool:
    """Is the trigger a second word for an admitted trigger's act, with no actor of its own
    ("were kicked or beaten", "injured or killed", "the house arrest and detainment of
    Chamorro")? Two words for one act make one mention, as the news annotation counts them;
    "attacked Kyiv and struck Lviv", "arrested on Monday and jailed on Friday", "did not
    respond, but they have denied ..." and "praised the summit and announced that ..." are two."""
    first = _first_word_of_one_act(admitted, cand, _OWN_CLAUSE if cand.is_verb else _OWN_PHRASE)
    return first is not None and pairs <= first | {(None, None)}


def _fuller_second_word(admitted: dict[int, tuple[str, set[_PairKey]]], cand: Candidate, pairs: set[_PairKey]) -> bool:
    """Is the trigger the second of two words for one act, which alone holds the participants
    they share ("the house arrest and detainment of Chamorro": "of Chamorro" hangs on the
    second; "rebels attacked and killed five soldiers": the object on the second)? Then the
    second is the mention, with them, and the first goes. Each participant of the first must be
    one of the second's, and the first have no object of its own."""
    first = _first_word_of_one_act(admitted, cand, _OWN_SUBJECT if cand.is_verb else _OWN_PHRASE)
    if first is None or pairs == first or any(c.dep_ in _OBJECTS for c in cand.trigger.head.children):
        return False
    return all(any(_covers(q, p) for q in pairs) for p in first)


def _first_word_of_one_act(admitted: dict[int, tuple[str, set[_PairKey]]], cand: Candidate,
                           own: frozenset[str]) -> set[_PairKey] | None:
    """The actor pairs of the admitted trigger this one is joined to by "and" or "or", when both
    have one type and this one has no date and none of the `own` dependents that would make it
    a clause or a phrase of its own; else None."""
    t = cand.trigger
    first = admitted.get(t.head.i) if t.dep_ == "conj" else None
    if first is None or first[0] != cand.etype.name:
        return None
    joined = any(c.dep_ == "cc" and c.lower_ in {"and", "or"} and c.i < t.i for c in t.head.children)
    if not joined or any(c.dep_ in own for c in t.children) or any(w.ent_type_ in {"DATE", "TIME"} for w in t.subtree):
        return None
    return first[1]


def _covers(fuller: _PairKey, pair: _PairKey) -> bool:
    """Does one actor pair say all another does (each slot the same or left open in the other)?"""
    return all(b is None or a == b for a, b in zip(fuller, pair, strict=True))


# what makes a conjoined verb a clause of its own: its own subject, tense or polarity ...
_OWN_SUBJECT = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg"})
# ... and what makes a conjoined noun a phrase of its own: "the attack and the ensuing battle"
_OWN_PHRASE = frozenset({"det", "poss"})
# ... or its own object
_OBJECTS = frozenset({"dobj", "ccomp", "xcomp", "attr"})
_OWN_CLAUSE = _OWN_SUBJECT | _OBJECTS | {"dative"}


def distinct_sentences(doc: Doc) -> Iterator[Span]:
    """Sentences, each once: the same sentence again in one article (a pull quote, a repeated
    caption or lead) reports the same events."""
    seen: set[str] = set()
    for sent in doc.sents:
        said = " ".join(sent.text.split())
        if len(said) >= 40 and said in seen:
            continue
        seen.add(said)
        yield sent


def _mentions(
    ctx: Context, article: Article, sent: Span, cand: Candidate, roles: Roles
) -> list[EventMention]:
    """One mention per actor pair, with the theme, factuality and place of the trigger."""
    t = cand.trigger
    fact = factuality(ctx, t)
    loc = location(ctx, t, cand.noun if cand.noun is not None else (t.head if (not cand.is_verb and t.dep_ == "dobj") else None))
    out = []
    taken: set[str] = set()
    theme = roles.theme
    for s, g in roles.pairs:
        if s is not None and g is not None and s.actor_id == g.actor_id:
            # "Kyiv recalled its ambassador": the target is the phrase, not Kyiv again; a
            # pronoun is no phrase of its own ("him", "his" name no one new): no target; a name
            # stays the name it is ("North Korea's envoy defended Pyongyang"), no generic actor
            if g.text.lower() in _PRONOUNS:
                g = None
            elif not _names_only(ctx.doc, g):
                g = ActorRef(g.start_char, g.end_char, g.text, _generic_id(g.text), "nominal")
                ctx.resolver.register_generic(g.actor_id, g.text)
        m = EventMention(
            article_id=article.article_id,
            sentence_text=sent.text,
            sentence_start=sent.start_char,
            trigger_start=t.idx,
            trigger_end=t.idx + len(t.text),
            trigger_text=t.text,
            trigger_lemma=t.lemma_.lower(),
            event_type=cand.etype.name,
            source=s,
            target=g,
            theme_start=theme.start_char if theme else None,
            theme_end=theme.end_char if theme else None,
            theme_text=theme.text if theme else None,
            location=loc,
            factuality=fact,
            confidence=_confidence(s, g, fact, cand.args.fallback),
            trigger_token=t.i,
        )
        m.mention_id = _mention_id(article.article_id, m, taken)
        out.append(m)
    return out


_PRONOUNS = frozenset({"he", "him", "she", "her", "it", "they", "them", "himself", "herself", "itself", "themselves",
                       "his", "its", "their", "hers", "theirs"})


def _names_only(doc: Doc, ref: ActorRef) -> bool:
    """Is the phrase only names and pronouns, with no common noun of its own ("Pyongyang",
    "his", not "its ambassador")?"""
    span = doc.char_span(ref.start_char, ref.end_char, alignment_mode="expand")
    return span is not None and not any(t.pos_ == "NOUN" for t in span)


def _generic_id(text: str) -> str:
    words = [w for w in text.lower().replace("\u2019", "'").split() if w not in {"the", "a", "an", "its", "his", "her", "their"}]
    return f"nom:{slugify(words[-1] if words else text)}"
