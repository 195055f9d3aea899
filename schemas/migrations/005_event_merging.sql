-- Why a mention shares its event (pipeline/dedup/links.py names the reasons), and what an
-- event is in words: a readable summary and its representative trigger.
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS merge_reason VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS summary VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS trigger_text VARCHAR;
-- Merges and splits are explained in event_history: `merged` (the event's mentions joined
-- another event: related_event_ids holds it) and `split` (they went to several events).
ALTER TABLE event_history ADD COLUMN IF NOT EXISTS related_event_ids VARCHAR[];
