-- 0002: the webhook log. One row per request the ingress answered on a webhook route (and every request
-- it refused at the HTTP level). Never a secret or a signature header; the body only for accepted events.
-- Written in batches off the request path. Times are milliseconds since the epoch (UTC).
CREATE TABLE webhook_log (
    id ${ID},
    request_id TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    source TEXT,
    integration_id TEXT,
    route TEXT NOT NULL,
    method TEXT,
    status INTEGER NOT NULL,
    error_code TEXT,
    latency_ms DOUBLE PRECISION NOT NULL,
    peer_ip TEXT,
    event_id TEXT,
    body ${BLOB}
);
CREATE INDEX webhook_log_received_at ON webhook_log (received_at);
CREATE INDEX webhook_log_source ON webhook_log (source, received_at);
CREATE INDEX webhook_log_request ON webhook_log (request_id);
