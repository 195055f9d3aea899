-- Report: the source sentences of every reported event, with the article they come from.
SELECT m.mention_id, m.event_id, m.article_id, m.sentence_text, m.sentence_start,
       m.trigger_start, m.trigger_end, m.trigger_text,
       m.source_start, m.source_end, m.source_text,
       m.target_start, m.target_end, m.target_text,
       m.event_date, m.date_precision, m.date_basis, m.factuality, m.confidence,
       a.title, a.source_path, a.published_at, a.source_name, a.url
FROM event_mentions m
JOIN articles a USING (article_id)
JOIN events e ON e.event_id = m.event_id
WHERE a.status = 'active' AND NOT e.gone
ORDER BY m.event_id, a.published_at NULLS LAST, m.article_id, m.trigger_start;
