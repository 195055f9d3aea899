-- Report: the source sentences of every reported event, with the article they come from.
-- Every column of `event_mentions` is passed on (`m.*`), so columns added later (such as
-- `merge_reason`) reach the report without editing this file.
SELECT m.*,
       a.title, a.source_path, a.published_at, a.source_name, a.url
FROM event_mentions m
JOIN articles a USING (article_id)
JOIN events e ON e.event_id = m.event_id
WHERE a.status = 'active' AND NOT e.gone
ORDER BY m.event_id, a.published_at NULLS LAST, m.article_id, m.trigger_start;
