-- Report: data quality of every run, newest first: what each run checked and what it rejected.
-- A run that had little to do checks few rows; this history keeps earlier failures in view.
-- Rows checked: per table, the most rows any one expectation saw (summed over the run's
-- batches), added up over the tables.
WITH per_expectation AS (
    SELECT run_id, table_name, expectation, bool_and(success) AS success,
           sum(unexpected_count) AS unexpected, sum(element_count) AS checked
    FROM validations GROUP BY ALL
),
per_table AS (
    SELECT run_id, table_name, max(checked) AS checked FROM per_expectation GROUP BY ALL
),
v AS (
    SELECT e.run_id, count(*) AS expectations, count(*) FILTER (WHERE NOT e.success) AS expectations_failed,
           sum(e.unexpected) AS unexpected_rows,
           (SELECT sum(t.checked) FROM per_table t WHERE t.run_id = e.run_id) AS rows_checked
    FROM per_expectation e GROUP BY e.run_id
),
r AS (
    SELECT run_id, count(*) AS rejects, count(*) FILTER (WHERE stage = 'ingest') AS files_rejected
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
