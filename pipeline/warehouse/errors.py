"""What can go wrong with the warehouse file, as exceptions whose messages say what to do next."""

from __future__ import annotations


class WarehouseError(RuntimeError):
    """A warehouse problem with a message that says what to do next."""


class WarehouseLocked(WarehouseError):
    """Another process kept the file open for longer than the configured wait."""


class WarehouseTooNew(WarehouseError):
    """The file was written by a newer Dateline schema than this code knows."""


class ForeignDatabase(WarehouseError):
    """The file is a DuckDB database of another application: it has tables but no Dateline
    schema version. Adopting it would add fifteen tables to someone else's data."""


class GoneRefused(WarehouseError):
    """The run would mark more than half of the warehouse's articles gone (a wrong or empty
    corpus, more likely than a real mass deletion); `allow_gone` confirms it."""

    def __init__(self, gone: int, active: int, corpus_dir: str) -> None:
        super().__init__(
            f"this run would mark {gone} of the warehouse's {active} articles gone (their files are not in "
            f"{corpus_dir}); nothing was changed: check --corpus and --warehouse, or pass --allow-gone "
            "(allow_gone = true) if those articles were really removed"
        )
