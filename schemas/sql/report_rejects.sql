-- Report: what one run ($run_id) rejected, grouped by reason, with an example path.
SELECT stage, table_name, expectation, reason, count(*) AS reject_count,
       min(source_path) AS example_path
FROM rejects
WHERE run_id = $run_id
GROUP BY ALL
ORDER BY reject_count DESC, stage, reason;
