-- Report: data quality of every run, newest first: what each run checked and what it rejected.
-- A run that had little to do checks few rows; this history keeps earlier failures in view.
WITH v AS (
    SELECT run_id,
           count(DISTINCT (table_name, expectation)) AS expectations,
           count(DISTINCT (table_name, expectation)) FILTER (WHERE NOT success) AS expectations_failed,
           sum(unexpected_count) AS unexpected_rows,
           max(element_count) AS rows_checked
    FROM validations GROUP BY run_id
),
r AS (
    SELECT run_id, count(*) AS rejects,
           count(*) FILTER (WHERE stage = 'ingest') AS files_rejected
    FROM rejects GROUP BY run_id
)
SELECT runs.run_id, runs.started_at, runs.finished_at, runs.status, runs.files_seen,
       runs.articles_new, runs.articles_changed, runs.events_extracted,
       coalesce(v.expectations, 0) AS expectations, coalesce(v.expectations_failed, 0) AS expectations_failed,
       coalesce(v.unexpected_rows, 0) AS unexpected_rows, v.rows_checked,
       coalesce(r.rejects, 0) AS rejects, coalesce(r.files_rejected, 0) AS files_rejected
FROM runs
LEFT JOIN v USING (run_id)
LEFT JOIN r USING (run_id)
ORDER BY runs.started_at DESC;
