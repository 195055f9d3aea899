-- Report: the expectations checked in one run ($run_id), failures first.
SELECT table_name, expectation, severity, success,
       sum(unexpected_count) AS unexpected_count, sum(element_count) AS element_count,
       count(*) AS batches
FROM validations
WHERE run_id = $run_id
GROUP BY ALL
ORDER BY success, severity, table_name, expectation;
