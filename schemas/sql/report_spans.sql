-- Report: what to highlight in an article page: event triggers, their actors and time expressions.
SELECT article_id, 'trigger' AS kind, trigger_start AS start_char, trigger_end AS end_char,
       mention_id AS ref, event_type || coalesce(' · ' || event_date, '') AS label
FROM event_mentions WHERE trigger_end > trigger_start
UNION ALL
SELECT article_id, 'source', source_start, source_end, mention_id, coalesce(source_actor_id, source_text)
FROM event_mentions WHERE source_start IS NOT NULL AND source_end > source_start
UNION ALL
SELECT article_id, 'target', target_start, target_end, mention_id, coalesce(target_actor_id, target_text)
FROM event_mentions WHERE target_start IS NOT NULL AND target_end > target_start
UNION ALL
SELECT article_id, 'timex', start_char, end_char, timex_id,
       timex_type || coalesce(' ' || timex_value, '')
FROM time_expressions WHERE end_char > start_char
ORDER BY article_id, start_char, end_char DESC;
