-- Report: every reason anything was ever rejected, across all runs: how often, in how many
-- runs, when first and last, with an example path (the latest run alone hides earlier rejects).
SELECT stage, table_name, expectation, reason, count(*) AS reject_count,
       count(DISTINCT run_id) AS runs, min(created_at) AS first_seen, max(created_at) AS last_seen,
       min(source_path) AS example_path
FROM rejects
GROUP BY ALL
ORDER BY last_seen DESC, reject_count DESC, stage, reason;
