-- One row per coded event for `dateline export` (pipeline/export.py): who did what to whom,
-- when and where, with the sentence of the event's first report and its article. Expects
-- temp tables plover_types(event_type, plover, quad) and plover_sectors(role, sector), and the
-- function plover_mode(type, trigger lemma, sentence, trigger offset) (pipeline/plover_modes.py).
-- Untyped (OTHER) events and events whose every article was deleted are not exported.
SELECT
    e.event_id,
    e.event_date,
    e.date_precision,
    e.event_type,
    coalesce(p.plover, e.event_type) AS plover_type,
    p.quad,
    plover_mode(e.event_type, m.trigger_lemma, m.sentence_text, m.trigger_start - m.sentence_start) AS plover_mode,
    e.factuality,
    e.summary,
    e.source_actor_id,
    sa.canonical_name AS source_name,
    sa.country_code AS source_country,
    ss.sector AS source_sector,
    sa.wikidata_qid AS source_qid,
    m.source_text AS source_text,
    e.target_actor_id,
    ta.canonical_name AS target_name,
    ta.country_code AS target_country,
    ts.sector AS target_sector,
    ta.wikidata_qid AS target_qid,
    m.target_text AS target_text,
    e.location,
    m.sentence_text,
    m.trigger_text,
    e.mention_count,
    e.article_count,
    e.source_count,
    a.source_name AS outlet,
    a.url,
    a.title,
    a.published_at::DATE AS published,
    m.date_basis
FROM events e
LEFT JOIN plover_types p ON p.event_type = e.event_type
LEFT JOIN actors sa ON sa.actor_id = e.source_actor_id
LEFT JOIN actors ta ON ta.actor_id = e.target_actor_id
LEFT JOIN plover_sectors ss ON ss.role = sa.role
LEFT JOIN plover_sectors ts ON ts.role = ta.role
LEFT JOIN event_mentions m ON m.mention_id = substr(e.event_id, 4)
LEFT JOIN articles a ON a.article_id = m.article_id
WHERE e.event_type <> 'OTHER' AND NOT e.gone
ORDER BY e.date_start NULLS LAST, e.event_id
