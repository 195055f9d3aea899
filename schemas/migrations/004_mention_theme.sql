-- What an event acted upon when it is a thing ("the missiles", "a decree", "energy equipment"):
-- source and target hold actors only (people, organisations, states, government bodies,
-- groups), so the thing is kept beside them, with its offsets into articles.body.
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS theme_start INTEGER;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS theme_end INTEGER;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS theme_text VARCHAR;
