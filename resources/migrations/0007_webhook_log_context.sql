-- 0007: what the webhook log knows about the wedding behind a request, where the payload says it: the
-- supplier type (photography, venue, catering, ...), the wedding id and the wedding date (YYYY-MM-DD).
ALTER TABLE webhook_log ADD COLUMN supplier_type TEXT;
ALTER TABLE webhook_log ADD COLUMN wedding_id TEXT;
ALTER TABLE webhook_log ADD COLUMN wedding_date TEXT;
CREATE INDEX webhook_log_wedding ON webhook_log (wedding_id, received_at);
