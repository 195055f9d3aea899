-- The factuality of scheduled or announced acts is `planned` (it was `planned/future`), the
-- name event-data annotation uses. Rows written before are renamed in place.
UPDATE event_mentions SET factuality = 'planned' WHERE factuality = 'planned/future';
UPDATE events SET factuality = 'planned' WHERE factuality = 'planned/future';
