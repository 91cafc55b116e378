-- 0005: outbound delivery. Subscriptions (outbound webhooks), the durable delivery outbox, every attempt,
-- the circuit breaker per target, alerts, and dead-letter replay jobs with their audit trail.
-- Times are milliseconds since the epoch (UTC).

-- An outbound webhook subscription. event_types is a comma-separated list (at least one).
CREATE TABLE subscriptions (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    event_types TEXT NOT NULL,
    secret TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    max_attempts INTEGER NOT NULL DEFAULT 5,
    backoff TEXT NOT NULL DEFAULT 'exponential',
    initial_delay_ms BIGINT NOT NULL DEFAULT 60000,
    rate_limit INTEGER NOT NULL DEFAULT 0,
    rate_window_ms BIGINT NOT NULL DEFAULT 60000,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    disabled_at BIGINT,
    disabled_reason TEXT
);

-- The outbox: one row per (event, target). state: pending | retrying | delivered | failed | dead.
-- A worker claims a due row by setting claimed_by/claimed_until; an expired claim (a killed node) is due again.
CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    event_seq BIGINT NOT NULL,
    event_type TEXT NOT NULL,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    url TEXT,
    payload ${BLOB} NOT NULL,
    priority INTEGER NOT NULL DEFAULT 2,
    wedding_id TEXT,
    correlation_id TEXT,
    meta TEXT,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 5,
    backoff TEXT NOT NULL DEFAULT 'exponential',
    initial_delay_ms BIGINT NOT NULL DEFAULT 1000,
    timeout_ms BIGINT NOT NULL DEFAULT 30000,
    next_attempt_at BIGINT NOT NULL,
    claimed_by TEXT,
    claimed_until BIGINT,
    response_code INTEGER,
    response_body TEXT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    delivered_at BIGINT
);
-- The claim scan: due rows in priority order, read straight off this partial index up to the LIMIT.
CREATE INDEX deliveries_due ON deliveries (priority, next_attempt_at) WHERE state IN ('pending', 'retrying');
CREATE INDEX deliveries_state ON deliveries (state, created_at);
CREATE INDEX deliveries_target ON deliveries (target, state);
CREATE INDEX deliveries_event ON deliveries (event_seq);

-- Every attempt, successful or not: status, latency, the first 4 KiB of the response, the error.
CREATE TABLE delivery_attempts (
    id ${ID},
    delivery_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    node TEXT,
    started_at BIGINT NOT NULL,
    latency_ms BIGINT NOT NULL,
    http_status INTEGER,
    response_body TEXT,
    error_code TEXT,
    error TEXT
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id, attempt);

-- The circuit breaker per target. state: closed | open | half_open. failing_since: start of the current run
-- of failures (an endpoint failing continuously for delivery.disable_after is disabled).
CREATE TABLE delivery_targets (
    target TEXT PRIMARY KEY,
    state TEXT NOT NULL DEFAULT 'closed',
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    opened_at BIGINT,
    probe_at BIGINT,
    failing_since BIGINT,
    last_success_at BIGINT,
    disabled_at BIGINT,
    updated_at BIGINT NOT NULL
);

-- Operator-visible alerts raised by delivery (an endpoint disabled, a subscription gone).
CREATE TABLE delivery_alerts (
    id ${ID},
    target TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- A dead-letter replay: one delivery (delivery_id) or a filter (target, event type, time range).
-- state: queued | running | done | failed.
CREATE TABLE replay_jobs (
    id TEXT PRIMARY KEY,
    delivery_id TEXT,
    target TEXT,
    event_type TEXT,
    since_ms BIGINT,
    until_ms BIGINT,
    requested_by TEXT,
    state TEXT NOT NULL DEFAULT 'queued',
    matched INTEGER NOT NULL DEFAULT 0,
    replayed INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT
);

-- One row per delivery a replay reset: what it was before, who asked, when.
CREATE TABLE replay_audit (
    id ${ID},
    job_id TEXT NOT NULL,
    delivery_id TEXT NOT NULL,
    previous_state TEXT NOT NULL,
    previous_attempts INTEGER NOT NULL,
    requested_by TEXT,
    replayed_at BIGINT NOT NULL
);
CREATE INDEX replay_audit_job ON replay_audit (job_id);
