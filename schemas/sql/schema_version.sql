-- The table that records migrations, created by migrate() before the first one runs.
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP, name VARCHAR);
COMMENT ON TABLE schema_version IS 'One row per migration applied to this file (schemas/migrations/NNN_name.sql); max(version) is the schema version.';
COMMENT ON COLUMN schema_version.version IS 'Migration number (the NNN of its file name).';
COMMENT ON COLUMN schema_version.applied_at IS 'When the migration was applied (local time of the writing process).';
COMMENT ON COLUMN schema_version.name IS 'File name of the migration.';
