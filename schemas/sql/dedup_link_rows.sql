-- The mentions the link pass reads (rules: pipeline/dedup/links.py). Expects dedup_input,
-- dedup_ids (first-pass event ids), dedup_types, dedup_unmerged and dedup_pair_only.
-- Only what a link can touch comes back to Python: the typed mentions of (article, family)
-- groups that hold a mention with an empty named slot, the mentions that share a named actor
-- with such a mention (statements link inside their article only), the mentions whose sentence occurs in another article, and every
-- mention of the events those belong to (an event is judged by all its mentions). A merge
-- of a million fully named mentions with no repeated sentence reads nothing here.
CREATE OR REPLACE TEMP TABLE dedup_link_rows AS
WITH narrow AS (
    -- one pass over the candidates with only what picking reads
    SELECT i.rowid AS rid, coalesce(i.article_id::VARCHAR, '') AS article_id,
        coalesce(t.family, coalesce(i.event_type::VARCHAR, 'OTHER')) AS fam,
        coalesce(trim(i.factuality::VARCHAR) = 'negated', false) AS negated,
        CASE WHEN coalesce(i.source_actor_id::VARCHAR, '') = '' OR starts_with(i.source_actor_id::VARCHAR, 'nom:')
             THEN NULL ELSE i.source_actor_id::VARCHAR END AS src,
        CASE WHEN coalesce(i.target_actor_id::VARCHAR, '') = '' OR starts_with(i.target_actor_id::VARCHAR, 'nom:')
             THEN NULL ELSE i.target_actor_id::VARCHAR END AS tgt,
        i.sent_key,
        i.date_basis IN ('publication', 'reference') AND i.date_start IS NOT NULL AS weak_date
    FROM dedup_input i
    LEFT JOIN dedup_types t ON t.event_type = coalesce(i.event_type::VARCHAR, 'OTHER')
),
coded AS (
    SELECT n.*, k.partial, n.fam IN (SELECT family FROM dedup_pair_only) AS speaker_only
    FROM narrow n JOIN dedup_ids k USING (rid)
    WHERE n.fam NOT IN (SELECT family FROM dedup_unmerged)
),
partial_rows AS (SELECT * FROM coded WHERE partial),
-- groups with a partial mention, or with a named mention dated only by a default
partial_groups AS (
    SELECT DISTINCT article_id, fam, negated FROM coded
    WHERE partial OR (weak_date AND (src IS NOT NULL OR tgt IS NOT NULL))
),
partial_actors AS (
    SELECT DISTINCT fam, negated, a AS actor FROM (
        SELECT fam, negated, src AS a FROM partial_rows WHERE NOT speaker_only
        UNION ALL SELECT fam, negated, tgt FROM partial_rows WHERE NOT speaker_only
    ) WHERE a IS NOT NULL
),
shared_sentences AS (
    SELECT sent_key FROM coded WHERE sent_key IS NOT NULL GROUP BY sent_key HAVING count(DISTINCT article_id) > 1
),
picked_rows AS (
    SELECT c.rid FROM coded c SEMI JOIN partial_groups g USING (article_id, fam, negated)
    UNION SELECT c.rid FROM coded c JOIN partial_actors p ON p.fam = c.fam AND p.negated = c.negated AND p.actor = c.src
    UNION SELECT c.rid FROM coded c JOIN partial_actors p ON p.fam = c.fam AND p.negated = c.negated AND p.actor = c.tgt
    UNION SELECT c.rid FROM coded c SEMI JOIN shared_sentences USING (sent_key)
),
picked AS (
    SELECT DISTINCT k.event_id FROM dedup_ids k SEMI JOIN picked_rows p USING (rid)
)
SELECT
    k.rid,
    k.event_id,
    i.mention_id::VARCHAR AS mention_id,
    c.article_id, c.fam, coalesce(t.is_symmetric, false) AS is_symmetric, c.src, c.tgt,
    TRY_CAST(i.date_start AS DATE) AS date_start,
    TRY_CAST(i.date_end AS DATE) AS date_end,
    i.date_basis::VARCHAR AS date_basis,
    nullif(lower(trim(i.location::VARCHAR)), '') AS loc,
    c.negated,
    TRY_CAST(i.trigger_start AS BIGINT) AS trigger_start,
    TRY_CAST(i.published_at AS TIMESTAMP) AS published,
    coalesce(i.article_no, 0) AS article_no,
    c.sent_key,
    c.partial,
    c.speaker_only
FROM dedup_ids k
JOIN coded c ON c.rid = k.rid
JOIN dedup_input i ON i.rowid = k.rid
LEFT JOIN dedup_types t ON t.event_type = coalesce(i.event_type::VARCHAR, 'OTHER')
WHERE k.event_id IN (SELECT event_id FROM picked);
