-- Event types carry PLOVER's names (extractor 4): MEET is CONSULT, WITHDRAW is RETREAT,
-- RELEASE is CONCEDE; DEPLOY joined MOBILIZE and REDUCE_RELATIONS joined SANCTION, as PLOVER
-- codes them. Rows written before are renamed in place, so counts by type stay comparable.
UPDATE event_mentions SET event_type = CASE event_type
    WHEN 'MEET' THEN 'CONSULT' WHEN 'WITHDRAW' THEN 'RETREAT' WHEN 'RELEASE' THEN 'CONCEDE'
    WHEN 'DEPLOY' THEN 'MOBILIZE' WHEN 'REDUCE_RELATIONS' THEN 'SANCTION' END
WHERE event_type IN ('MEET', 'WITHDRAW', 'RELEASE', 'DEPLOY', 'REDUCE_RELATIONS');
UPDATE events SET event_type = CASE event_type
    WHEN 'MEET' THEN 'CONSULT' WHEN 'WITHDRAW' THEN 'RETREAT' WHEN 'RELEASE' THEN 'CONCEDE'
    WHEN 'DEPLOY' THEN 'MOBILIZE' WHEN 'REDUCE_RELATIONS' THEN 'SANCTION' END
WHERE event_type IN ('MEET', 'WITHDRAW', 'RELEASE', 'DEPLOY', 'REDUCE_RELATIONS');
COMMENT ON COLUMN event_mentions.event_type IS 'Event type from schemas/event_types.yaml: PLOVER''s names (CONSULT, ASSAULT, SANCTION, ...) and Dateline''s extensions STATEMENT, APPOINT, ELECTION.';
