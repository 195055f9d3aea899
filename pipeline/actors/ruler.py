"""The spaCy component that hands dictionary aliases to the NER as fixed entities."""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline import actor_names
from pipeline.actors.common import (
    COMPONENT_NAME,
)
from pipeline.actors.spans import (
    _ends_name_of,
    _opens_name_of,
)
from pipeline.actors.vocabulary import ActorVocabulary


class ActorRuler:
    """spaCy component: dictionary aliases become fixed entities before the statistical NER.

    Country names and capitals are not forced when they open or close a longer proper name
    ("Qatar Airways", "Air France"): the NER sees those whole, and the resolver still maps a
    country name it finds to the dictionary.
    """

    def __init__(self, nlp: Language, name: str = COMPONENT_NAME) -> None:
        self.nlp = nlp
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.meta: dict[int, tuple[str, str, str]] = {}
        self.vocabulary: ActorVocabulary | None = None

    def set_vocabulary(self, vocabulary: ActorVocabulary) -> None:
        self.vocabulary = vocabulary
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.meta = {}
        grouped: dict[tuple[str, str, str], list[str]] = {}
        for text, actor_id, label, kind in vocabulary.surface:
            variants = {text}
            if text.islower():
                variants.add(text[:1].upper() + text[1:])
            for v in variants:
                grouped.setdefault((actor_id, label, kind), []).append(v)
        for (actor_id, label, kind), texts in grouped.items():
            key = f"{actor_id}|{label}|{kind}"
            kid = self.nlp.vocab.strings.add(key)
            self.meta[kid] = (actor_id, label, kind)
            self.matcher.add(key, [self.nlp.make_doc(t) for t in texts])

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        n = len(doc)
        for match_id, start, end in self.matcher(doc):
            actor_id, label, kind = self.meta[match_id]
            if kind in {"name", "capital"} and label == "GPE":
                nxt = doc[end] if end < n else None
                prv = doc[start - 1] if start > 0 else None
                if nxt is not None and nxt.is_title and nxt.is_alpha and not nxt.is_sent_start:
                    continue
                if prv is not None and prv.is_title and prv.is_alpha and not prv.is_sent_start:
                    continue
                if _ends_name_of(doc, start):  # "National Bank of Ukraine": the NER sees the whole name
                    continue
            elif label == "ORG" and _opens_name_of(doc, end):
                continue  # "the Congress of South African Trade Unions" is no U.S. Congress
            spans.append(Span(doc, start, end, label=label, span_id=actor_id))
        if spans:
            spans = filter_spans(spans)
            keep = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
            doc.set_ents(filter_spans(spans + keep), default="unmodified")
        return doc

    # spaCy serialisation hooks: the patterns are rebuilt from the YAML, nothing to store.
    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: object) -> ActorRuler:
        return self

    def to_disk(self, _path: object, **_: object) -> None:
        return None

    def from_disk(self, _path: object, **_: object) -> ActorRuler:
        return self


@Language.factory(COMPONENT_NAME)
def _make_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler(nlp, name)


def install(nlp: Language, vocabulary: ActorVocabulary) -> None:
    """Add (or refresh) the dictionary component before the statistical "ner" (idempotent).

    Sentence starts at line breaks (headline and dateline apart from the first sentence) come
    from `pipeline.timex.install`, which the pipeline runs too."""
    _keep_title_abbreviations(nlp)
    if COMPONENT_NAME in nlp.pipe_names:
        ruler = nlp.get_pipe(COMPONENT_NAME)
    else:
        where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
        ruler = nlp.add_pipe(COMPONENT_NAME, **where)  # type: ignore[arg-type]
    assert isinstance(ruler, ActorRuler)
    if ruler.vocabulary is not vocabulary:
        ruler.set_vocabulary(vocabulary)


def _keep_title_abbreviations(nlp: Language) -> None:
    """Tokenizer special cases for abbreviated titles ("Brig.", "Lt."): split off, their full
    stop ends the sentence and cuts "Army Brig. Gen. Jane Doe" into an organisation and a
    sentence of its own (words in `schemas/actor_names.yaml`, section title_abbreviations)."""
    for abbr in actor_names.rules().abbreviations:
        for form in {abbr, abbr.upper()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])  # type: ignore[union-attr]
