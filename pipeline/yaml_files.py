"""Reading Dateline's own YAML files: the grammars and vocabularies in `schemas/` and the
curation file.

Why: PyYAML's pure-Python parser took 0.48 s to read `schemas/` (the actor dictionary alone
0.14 s), paid by every run and by every extraction worker it starts; libyaml's parser, which
PyYAML wraps when it was built with it, reads the same files to the same data in 0.06 s.
Both build plain data with the safe constructor (no arbitrary objects). Articles' own YAML
(sidecars, front matter) keeps the reader in `pipeline.ingest.decode`, whose error messages
rejects quote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """The data of one YAML document (None for an empty one)."""
    return yaml.load(text, Loader=_LOADER)


def read_yaml(path: Path) -> Any:
    """The data of a UTF-8 YAML file (None when it is empty)."""
    return parse_yaml(path.read_text(encoding="utf-8"))
