-- 0006: the node server (access tokens, audit trail) and integration health (trend buckets, alerts).
-- Times are milliseconds since the epoch (UTC).

-- Access tokens for consoles and scripts. Only the SHA-256 of a token is stored; the token itself is
-- printed once when it is created.
CREATE TABLE node_tokens (
    id ${ID},
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE UNIQUE INDEX node_tokens_name ON node_tokens (name);
CREATE UNIQUE INDEX node_tokens_hash ON node_tokens (token_hash);

-- Who did (or was refused) what, when. Also the `audit` topic's rows (seq = id).
CREATE TABLE node_audit (
    id ${ID},
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    outcome TEXT NOT NULL,
    details TEXT
);
CREATE INDEX node_audit_at ON node_audit (at);

-- Per-minute health trend buckets per integration (kind = source | target), kept 7 days.
CREATE TABLE health_minutes (
    integration TEXT NOT NULL,
    kind TEXT NOT NULL,
    minute BIGINT NOT NULL,
    ok_count BIGINT NOT NULL,
    fail_count BIGINT NOT NULL,
    p95_ms DOUBLE PRECISION NOT NULL,
    score INTEGER NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (integration, kind, minute)
);
CREATE INDEX health_minutes_minute ON health_minutes (minute);

-- Alerts with their lifecycle (raised, escalated, cleared, acknowledged); kept as history.
CREATE TABLE health_alerts (
    id ${ID},
    integration TEXT NOT NULL,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    raised_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    cleared_at BIGINT,
    acked_at BIGINT,
    acked_by TEXT
);
CREATE INDEX health_alerts_open ON health_alerts (cleared_at);

-- Every health state change and alert transition, in order: the `health` and `alerts` topics (seq = id).
CREATE TABLE health_log (
    id ${ID},
    at BIGINT NOT NULL,
    topic TEXT NOT NULL,
    integration TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX health_log_topic ON health_log (topic, id);
