-- 0001: the event journal, the spine of the engine. Every accepted webhook and every derived event is
-- written once, with a sequence number, before anything acts on it. Times are milliseconds since the epoch (UTC).
CREATE TABLE journal (
    seq ${SEQ_PK},
    source TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    occurred_at BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    wedding_id TEXT,
    organization_id TEXT,
    correlation_id TEXT,
    causation_id TEXT,
    payload TEXT NOT NULL
);
-- Idempotency: a redelivered event (same source and id) is stored once.
CREATE UNIQUE INDEX journal_source_event ON journal (source, event_id);
CREATE INDEX journal_received_at ON journal (received_at);
CREATE INDEX journal_correlation ON journal (correlation_id);

-- The last sequence number ever handed out. Kept apart from MAX(seq) so that retention never makes a
-- number come round again, and (PostgreSQL) row-locked by each appending transaction so that sequence
-- numbers become visible in commit order across nodes.
CREATE TABLE journal_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq BIGINT NOT NULL
);
INSERT INTO journal_head (id, last_seq) VALUES (1, 0);
