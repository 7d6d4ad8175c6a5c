-- Replays and re-sends asked for through the admin API or the command line.
--
-- failed_event: how often a replay was requested, and a replay that failed again as its own
-- outcome (the row is 'failed' again and may be replayed once more).
ALTER TABLE failed_event ADD COLUMN replays integer NOT NULL DEFAULT 0;
ALTER TABLE failed_event DROP CONSTRAINT failed_event_outcome;
ALTER TABLE failed_event ADD CONSTRAINT failed_event_outcome
  CHECK (replay_outcome IS NULL OR replay_outcome IN ('applied', 'duplicate', 'quarantined', 'failed'));

-- erp_posting: when the ERP refused it (the lineage's erp_failed stage), and who asked to send it
-- again, when.
ALTER TABLE erp_posting ADD COLUMN failed_at timestamptz;
ALTER TABLE erp_posting ADD COLUMN retry_requested_at timestamptz;
ALTER TABLE erp_posting ADD COLUMN retry_requested_by text;

-- what an operator looks at: postings the poster will not finish by itself soon
CREATE INDEX erp_posting_attention ON erp_posting (event_id) WHERE status IN ('failed', 'unknown');
