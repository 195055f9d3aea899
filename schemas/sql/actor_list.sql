-- Actors with what an analyst needs to curate them (pipeline/actor_list.py, `dateline actors`):
-- mentions and articles (active articles only), the forms the text wrote them in, and their
-- aliases. An actor in no mention of an active article is listed with 0.
WITH m AS (
    SELECT m.article_id, m.source_actor_id AS actor_id, m.source_text AS written
    FROM event_mentions m JOIN articles a USING (article_id)
    WHERE a.status = 'active' AND m.source_actor_id IS NOT NULL
    UNION ALL
    SELECT m.article_id, m.target_actor_id, m.target_text
    FROM event_mentions m JOIN articles a USING (article_id)
    WHERE a.status = 'active' AND m.target_actor_id IS NOT NULL
),
counts AS (
    SELECT actor_id, count(*) AS mentions, count(DISTINCT article_id) AS articles
    FROM m GROUP BY actor_id
),
written AS (
    SELECT actor_id, list(written ORDER BY n DESC, written) AS written
    FROM (SELECT actor_id, written, count(*) AS n FROM m WHERE written IS NOT NULL GROUP BY ALL)
    GROUP BY actor_id
),
aliases AS (
    SELECT actor_id, list(alias ORDER BY alias) AS aliases FROM actor_aliases GROUP BY actor_id
)
SELECT
    coalesce(a.actor_id, c.actor_id) AS actor_id,
    coalesce(a.canonical_name, c.actor_id) AS name,
    coalesce(a.actor_type, 'other') AS kind,
    a.source,
    a.country_code,
    a.wikidata_qid,
    coalesce(c.mentions, 0) AS mentions,
    coalesce(c.articles, 0) AS articles,
    coalesce(al.aliases, []) AS aliases,
    coalesce(w.written, []) AS written
FROM actors a
FULL OUTER JOIN counts c ON c.actor_id = a.actor_id
LEFT JOIN aliases al ON al.actor_id = coalesce(a.actor_id, c.actor_id)
LEFT JOIN written w ON w.actor_id = coalesce(a.actor_id, c.actor_id)
