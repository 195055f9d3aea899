"""Reading Dateline's own YAML files: the grammars and vocabularies in `schemas/` and the
curation file.

Why: PyYAML's pure-Python parser took 0.48 s to read `schemas/` (the actor dictionary alone
0.14 s), paid by every run and by every extraction worker it starts; libyaml's parser, which
PyYAML wraps when it was built with it, reads the same files to the same data in 0.06 s.
Both build plain data with the safe constructor (no arbitrary objects). Articles' own YAML
(sidecars, front matter) keeps the reader in `pipeline.ingest.decode`, whose error messages
rejects quote.

Only `true` and `false` are booleans (YAML 1.2): YAML 1.1 also reads on, off, yes, no, y and n
as booleans, which turned the words "on" and "off" of a word list into True and False (a
pattern `modifier: [off, down]` never matched "back off").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

_BOOL = "tag:yaml.org,2002:bool"


def with_yaml12_booleans(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """A subclass of the safe loader `base` that reads only true and false as booleans."""
    loader: type[yaml.SafeLoader] = type(f"{base.__name__}12", (base,), {})
    loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    return loader


_LOADER = with_yaml12_booleans(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def parse_yaml(text: str) -> Any:
    """The data of one YAML document (None for an empty one)."""
    return yaml.load(text, Loader=_LOADER)


def read_yaml(path: Path) -> Any:
    """The data of a UTF-8 YAML file (None when it is empty)."""
    return parse_yaml(path.read_text(encoding="utf-8"))
