-- Mentions that may share an event with what this run merges. Expects temp tables
-- new_mentions (this run's mentions, not yet in event_mentions), staged_articles and touched
-- (events whose mentions changed). Existing mentions are blocked by event type and actor,
-- so the cost follows the new articles, then widened to every mention of the events those
-- candidates belonged to, so an event is always rebuilt from all its mentions. Only the
-- columns de-duplication reads are selected; of the article, its publication time and the
-- numbers of the article and its outlet (macros: dedup_macros.sql). Existing mentions that
-- hold a sentence of a new mention word for word (a syndicated copy) are candidates too.
WITH acts AS (
    SELECT source_actor_id AS actor_id FROM new_mentions WHERE source_actor_id IS NOT NULL
    UNION
    SELECT target_actor_id FROM new_mentions WHERE target_actor_id IS NOT NULL
),
sents AS (
    SELECT DISTINCT dedup_sent_key(sentence_text, sentence_start, trigger_start) AS sent_key FROM new_mentions
    WHERE dedup_sent_key(sentence_text, sentence_start, trigger_start) IS NOT NULL
),
cand0 AS (
    SELECT m.mention_id, m.event_id FROM event_mentions m
    WHERE m.event_id IN (SELECT event_id FROM touched)
       OR (m.event_type IN (SELECT DISTINCT event_type FROM new_mentions)
           AND (m.source_actor_id IN (SELECT actor_id FROM acts)
                OR m.target_actor_id IN (SELECT actor_id FROM acts)
                OR dedup_sent_key(m.sentence_text, m.sentence_start, m.trigger_start) IN (SELECT sent_key FROM sents)))
),
existing AS (
    SELECT m.mention_id, m.article_id, m.event_type, m.source_actor_id, m.target_actor_id, m.event_date,
           m.date_start, m.date_end, m.date_precision, m.location,
           m.factuality, m.confidence, m.trigger_start, m.date_basis,
           dedup_sent_key(m.sentence_text, m.sentence_start, m.trigger_start) AS sent_key,
           m.event_id AS old_event_id
    FROM event_mentions m
    WHERE m.mention_id IN (SELECT mention_id FROM cand0)
       OR m.event_id IN (SELECT event_id FROM cand0 WHERE event_id <> '')
)
SELECT c.*, a.published_at, a.article_no, a.outlet_no
FROM (
    SELECT * FROM existing
    UNION ALL BY NAME
    SELECT mention_id, article_id, event_type, source_actor_id, target_actor_id, event_date,
           date_start, date_end, date_precision, location, factuality, confidence, trigger_start, date_basis,
           dedup_sent_key(sentence_text, sentence_start, trigger_start) AS sent_key,
           NULL::VARCHAR AS old_event_id
    FROM new_mentions
) c
JOIN (
    SELECT article_id, published_at, dedup_article_no(article_id) AS article_no,
           dedup_outlet_no(source_name, source_path, article_id) AS outlet_no
    FROM (
        SELECT article_id, published_at, source_path, source_name FROM articles
        WHERE article_id NOT IN (SELECT article_id FROM staged_articles)
        UNION ALL
        SELECT article_id, published_at, source_path, source_name FROM staged_articles
    )
) a USING (article_id);
