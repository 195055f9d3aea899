"""One pipeline run as plain Python: scan → extract → validate → stage → merge → export.

Prefect is not needed here: `flows/` passes task-wrapped versions of the steps through
`Steps` (and a Dask-backed `extract_many` for scale-out), so `run` and `batches` are the one place
where the order of the stages is written down.

Layout (a reader finds a behaviour by its module name): `plan` (known state, the scan,
re-extraction, refusing a corpus missing most articles), `guards` (unsafe paths, own
output), `extract` (one batch in this process, failures), `pools` (worker processes),
`steps` (the replaceable steps, batch validation), `batches` (the scan → extract → validate
loop), `summary` (what a run did), `run` (`run_pipeline`: lock, merge, export).
"""

from pipeline.runner.extract import FAILED, BatchRows, extract_batch, extract_serial, failure_rows
from pipeline.runner.guards import RunRefused, check_paths, own_outputs
from pipeline.runner.plan import ScanResult, force_reextraction, known_state, reextracted, refuse_mass_gone, scan
from pipeline.runner.pools import (
    PoolBatch,
    extract_default,
    extract_isolated,
    extract_parallel,
    extraction_pool,
    pipelined,
    shutdown_pool,
    submit_batch,
)
from pipeline.runner.run import export_after_merge, merge_staging, run_pipeline
from pipeline.runner.steps import BatchValidation, Steps, chunks, validate_batch
from pipeline.runner.summary import RunSummary, new_run_id

__all__ = [
    "FAILED",
    "BatchRows",
    "BatchValidation",
    "PoolBatch",
    "RunRefused",
    "RunSummary",
    "ScanResult",
    "Steps",
    "check_paths",
    "chunks",
    "export_after_merge",
    "extract_batch",
    "extract_default",
    "extract_isolated",
    "extract_parallel",
    "extract_serial",
    "extraction_pool",
    "failure_rows",
    "force_reextraction",
    "known_state",
    "merge_staging",
    "new_run_id",
    "own_outputs",
    "pipelined",
    "reextracted",
    "refuse_mass_gone",
    "run_pipeline",
    "scan",
    "shutdown_pool",
    "submit_batch",
    "validate_batch",
]
