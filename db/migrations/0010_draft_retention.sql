-- 0010: retention reaches the intake drafts (issue 7).  A draft holds
-- everything a desk worker typed about someone who may never have
-- applied; a purge run now deletes the drafts nobody has changed for
-- [retention] draft_days before its date, and its record says how many
-- went and from which day.  Runs before this migration keep NULL: they
-- purged no drafts.
ALTER TABLE purge_run ADD COLUMN draft_days INTEGER;
ALTER TABLE purge_run ADD COLUMN draft_cutoff TEXT;   -- changed before this
ALTER TABLE purge_run ADD COLUMN drafts INTEGER NOT NULL DEFAULT 0;
