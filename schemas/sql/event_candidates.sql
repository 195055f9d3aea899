-- Mentions that may share an event with what this run merged (temp tables staged_articles
-- and touched exist). Blocked by event type and actor so the cost follows the new articles;
-- then widened to every mention of the events those candidates belonged to, so an event is
-- always rebuilt from all its mentions.
WITH new_m AS (
    SELECT * FROM event_mentions WHERE article_id IN (SELECT article_id FROM staged_articles)
),
acts AS (
    SELECT source_actor_id AS actor_id FROM new_m WHERE source_actor_id IS NOT NULL
    UNION
    SELECT target_actor_id FROM new_m WHERE target_actor_id IS NOT NULL
),
cand0 AS (
    SELECT m.mention_id, m.event_id FROM event_mentions m
    WHERE m.article_id IN (SELECT article_id FROM staged_articles)
       OR m.event_id IN (SELECT event_id FROM touched)
       OR (m.event_type IN (SELECT DISTINCT event_type FROM new_m)
           AND (m.source_actor_id IN (SELECT actor_id FROM acts)
                OR m.target_actor_id IN (SELECT actor_id FROM acts)))
)
SELECT m.*, m.event_id AS old_event_id, a.published_at, a.source_path, a.source_name
FROM event_mentions m
JOIN articles a USING (article_id)
WHERE m.mention_id IN (SELECT mention_id FROM cand0)
   OR m.event_id IN (SELECT event_id FROM cand0 WHERE event_id <> '')
ORDER BY m.mention_id;
