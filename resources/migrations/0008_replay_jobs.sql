-- 0008: replay jobs run in the background in chunks, report progress, can be cancelled, and survive a
-- node that dies mid-job (its running jobs are marked interrupted when it starts again).
-- state: queued | running | done | failed | cancelled | interrupted.
-- runner: the node running the job (node.name); processed: deliveries looked at so far (matched is the
-- total); resume_after: the last delivery id / item position handled, so progress is exact.
ALTER TABLE replay_jobs ADD COLUMN runner TEXT;
ALTER TABLE replay_jobs ADD COLUMN processed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE replay_jobs ADD COLUMN resume_after TEXT;
ALTER TABLE replay_jobs ADD COLUMN updated_at BIGINT;
ALTER TABLE replay_jobs ADD COLUMN cancel_requested_by TEXT;
ALTER TABLE replay_jobs ADD COLUMN cancel_requested_at BIGINT;
CREATE INDEX replay_jobs_state ON replay_jobs (state, runner);

-- The deliveries a job replays when it was given a list of ids (no size limit), in request order.
CREATE TABLE replay_job_items (
    job_id TEXT NOT NULL,
    item_no INTEGER NOT NULL,
    delivery_id TEXT NOT NULL,
    PRIMARY KEY (job_id, item_no)
);
