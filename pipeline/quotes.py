"""Quotation marks as the tokenizer leaves them, for the rules that read where a direct
quotation opens or closes (events' speakers and arguments, actors' attributed quotations): one
list, so a mark added for one reader counts for all; and whether a token stands inside a
quotation, read once per document for events and actors alike."""

from __future__ import annotations

from spacy.tokens import Doc, Token

OPEN_CURLY, CLOSE_CURLY = "\u201c", "\u201d"
# any token that may open a quotation, straight or curly (a straight one only after a space)
OPENING_QUOTE_MARKS = frozenset({OPEN_CURLY, '"', "``", "\u2018"})
# any token that may close a quotation, straight or curly
CLOSING_QUOTE_MARKS = frozenset({CLOSE_CURLY, '"', "''", "\u2019"})


def in_quotation(tok: Token) -> bool:
    """Inside a direct quotation: a quotation mark opened before the token in its paragraph
    and not closed (a curly mark opens or closes, a straight one toggles). Read off one pass
    over the document, kept with it: asked per token, a scan from the paragraph's start cost a
    third of extraction on articles that are one long line."""
    key = "dateline_quoted_tokens"
    quoted = tok.doc.user_data.get(key)
    if not isinstance(quoted, list) or len(quoted) != len(tok.doc):
        quoted = _quoted_tokens(tok.doc)
        tok.doc.user_data[key] = quoted
    return bool(quoted[tok.i])


def _quoted_tokens(doc: Doc) -> list[bool]:
    """Per token, whether a quotation is open where it starts (see `in_quotation`)."""
    text, out, inside, k = doc.text, [], False, 0
    for tok in doc:
        for ch in text[k : tok.idx]:
            if ch == "\n":
                inside = False
            elif ch in OPEN_CURLY:
                inside = True
            elif ch in CLOSE_CURLY:
                inside = False
            elif ch == '"':
                inside = not inside  # straight quotes, also mixed with curly ones ('"Today ...," said')
        out.append(inside)
        k = tok.idx
    return out
