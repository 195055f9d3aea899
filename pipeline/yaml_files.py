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


def without_duplicate_keys(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """A subclass of the loader `base` that refuses a mapping with the same key twice. Why: YAML
    lets the last one win, so a new word list named like an old one ("engaging_verbs" written
    twice in `gate_words`) silently emptied the old one's rule; the error names the key and
    its line instead."""

    def construct_mapping(self: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark, f"found the key {key!r} twice", key_node.start_mark)
            seen.add(key)
        return base.construct_mapping(self, node, deep=deep)

    return type(f"{base.__name__}Unique", (base,), {"construct_mapping": construct_mapping})


_LOADER = without_duplicate_keys(with_yaml12_booleans(getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def parse_yaml(text: str) -> Any:
    """The data of one YAML document (None for an empty one)."""
    return yaml.load(text, Loader=_LOADER)


def read_yaml(path: Path) -> Any:
    """The data of a UTF-8 YAML file (None when it is empty)."""
    return parse_yaml(path.read_text(encoding="utf-8"))
