"""Thin Prefect flows over `pipeline/`: orchestration, retries, caching and scheduling only."""
