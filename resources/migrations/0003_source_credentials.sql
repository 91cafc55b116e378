-- 0003: webhook secrets per source and per integration (integration_id '' = the whole source). The current
-- secret has expires_at NULL; a rotated one keeps verifying until expires_at (ms UTC), then is deleted on the
-- next change. Secrets are needed in clear to compute HMACs; protect the database like a key file.
CREATE TABLE source_secrets (
    id ${ID},
    source TEXT NOT NULL,
    integration_id TEXT NOT NULL,
    secret ${BLOB} NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT
);
CREATE INDEX source_secrets_lookup ON source_secrets (source, integration_id);

-- Settings that are not secrets: PayPal's pinned signing certificate (PEM) and webhook id.
CREATE TABLE source_settings (
    source TEXT NOT NULL,
    integration_id TEXT NOT NULL,
    certificate_pem TEXT,
    webhook_id TEXT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (source, integration_id)
);
