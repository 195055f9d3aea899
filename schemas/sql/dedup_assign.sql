-- Grouping and the common clusters of cross-article de-duplication (rules: pipeline/dedup.py).
-- Expects `dedup_input` (mention rows with `article_no`, see dedup_macros.sql) and
-- `dedup_types(event_type, family, is_symmetric)`.
-- Writes `dedup_ids`: one row per mention with its row `rid` in dedup_input and `event_id`
-- wherever SQL decides it alone: mentions without a group, groups of one, and groups whose dated
-- members all have a day date and at most one place, where the clusters are simply the distinct
-- days. Mentions with fewer than two named actors are their own event here: the link pass
-- (pipeline/dedup/links.py, dedup_link_rows.sql) joins them. Other groups keep a NULL event_id, and a group number in `grp` (the smallest rid of the
-- group), for the Python pass. `ek`, the rid of the mention the event id is named after, is an
-- integer stand-in for the event id: the event summary groups a million mentions by it far
-- faster. Mentions are grouped by their key itself: numbering the keys first cost a distinct
-- pass and a join (0.1 s per million).
CREATE OR REPLACE TEMP TABLE dedup_ids AS
WITH base AS (
    SELECT
        rowid AS rid,
        mention_id::VARCHAR AS mention_id,
        coalesce(article_id::VARCHAR, '') AS article_id,
        coalesce(article_no, 0) AS article_no,
        coalesce(event_type::VARCHAR, 'OTHER') AS etype,
        CASE WHEN coalesce(source_actor_id::VARCHAR, '') = '' OR starts_with(source_actor_id::VARCHAR, 'nom:')
             THEN NULL ELSE source_actor_id::VARCHAR END AS src,
        CASE WHEN coalesce(target_actor_id::VARCHAR, '') = '' OR starts_with(target_actor_id::VARCHAR, 'nom:')
             THEN NULL ELSE target_actor_id::VARCHAR END AS tgt,
        TRY_CAST(date_start AS DATE) AS d_start,
        TRY_CAST(date_end AS DATE) AS d_end,
        nullif(lower(trim(location::VARCHAR)), '') AS loc,
        coalesce(trim(factuality::VARCHAR) = 'negated', false) AS negated,
        TRY_CAST(published_at AS TIMESTAMP) AS published
    FROM dedup_input
),
typed AS (
    SELECT b.*, coalesce(t.family, b.etype) AS fam, coalesce(t.is_symmetric, false) AS is_symmetric,
           (b.src IS NOT NULL)::INTEGER + (b.tgt IS NOT NULL)::INTEGER AS named
    FROM base b LEFT JOIN dedup_types t ON t.event_type = b.etype
),
-- the group key is one string (family, actors, negation; ids never hold the control
-- characters between them): a struct holding a list cost 0.25 s more per million mentions to
-- hash and compare. Symmetric types list their actors sorted.
keyed AS (
    SELECT *,
        CASE WHEN named < 2 OR fam IN (SELECT family FROM dedup_unmerged) THEN NULL
             ELSE concat_ws(chr(30), fam,
                      CASE WHEN NOT is_symmetric THEN src || chr(31) || tgt
                           ELSE least(src, tgt) || chr(31) || greatest(src, tgt) END,
                      negated::VARCHAR)
        END AS gkey
    FROM typed
),
shape AS (
    SELECT gkey, count(*) AS n, min(rid) AS first_rid,
           bool_and(d_start IS NOT NULL AND d_end IS NOT NULL AND d_end = d_start) AS all_days,
           -- at most one place (a count(DISTINCT) would not spill under the memory limit)
           coalesce(min(loc) = max(loc), true) AS one_place
    FROM keyed WHERE gkey IS NOT NULL GROUP BY gkey
),
-- the id of a cluster is its earliest mention (publication date, then article and mention id;
-- article numbers follow the order of article ids, and compare faster)
first_of_day AS (
    SELECT gkey, d_start, 'ev_' || first.mention_id AS event_id, first.rid AS ek
    FROM (SELECT gkey, d_start,
                 arg_min(struct_pack(mention_id, rid), row(published IS NULL, published, article_no, mention_id)) AS first
          FROM keyed WHERE gkey IS NOT NULL GROUP BY gkey, d_start)
)
SELECT n.rid, n.mention_id,
    CASE WHEN n.gkey IS NOT NULL AND s.n > 1 AND NOT (s.all_days AND s.one_place) THEN s.first_rid END AS grp,
    CASE
        WHEN n.gkey IS NULL OR s.n = 1 THEN 'ev_' || n.mention_id
        WHEN s.all_days AND s.one_place THEN f.event_id
    END AS event_id,
    CASE
        WHEN n.gkey IS NULL OR s.n = 1 THEN n.rid
        WHEN s.all_days AND s.one_place THEN f.ek
    END AS ek,
    NULL::VARCHAR AS merge_reason,
    -- a typed mention with an empty named slot: the link pass looks at its article and actor
    n.named < 2 AND n.fam NOT IN (SELECT family FROM dedup_unmerged) AS partial
FROM keyed n
LEFT JOIN shape s USING (gkey)
LEFT JOIN first_of_day f ON f.gkey = n.gkey AND f.d_start IS NOT DISTINCT FROM n.d_start;
