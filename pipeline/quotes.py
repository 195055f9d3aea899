"""Quotation marks as the tokenizer leaves them, for the rules that read where a direct
quotation opens or closes (events' speakers and arguments, actors' attributed quotations): one
list, so a mark added for one reader counts for all."""

from __future__ import annotations

OPEN_CURLY, CLOSE_CURLY = "\u201c", "\u201d"
# any token that may open a quotation, straight or curly (a straight one only after a space)
OPENING_QUOTE_MARKS = frozenset({OPEN_CURLY, '"', "``", "\u2018"})
# any token that may close a quotation, straight or curly
CLOSING_QUOTE_MARKS = frozenset({CLOSE_CURLY, '"', "''", "\u2019"})
