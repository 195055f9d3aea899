-- Report: the most recent run (any status), for the data-quality summary.
SELECT * FROM runs ORDER BY started_at DESC LIMIT 1;
