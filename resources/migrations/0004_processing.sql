-- 0004: event processing and channel routing. The processor's cursor, the handler error store, the rows the
-- wedding handlers write (bookings, payments, form submissions) and the routing rules (channel and event-type
-- patterns -> targets, with a declarative field mapping). Times are milliseconds since the epoch (UTC).

-- How far each processor has got in the journal. Advanced in the same transaction as the handlers' side
-- effects and delivery rows, so a restart resumes exactly after the last committed batch.
CREATE TABLE processing_cursor (
    name TEXT PRIMARY KEY,
    last_seq BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO processing_cursor (name, last_seq, updated_at) VALUES ('main', 0, 0);

-- A handler that failed after its attempts (or at once on invalid input). One row per event and handler.
CREATE TABLE processing_errors (
    id ${ID},
    event_seq BIGINT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    handler TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX processing_errors_event_handler ON processing_errors (event_seq, handler);
CREATE INDEX processing_errors_created ON processing_errors (created_at);

-- Bookings as the handlers know them: created by booking.created, cancelled by booking.cancelled, marked paid
-- by payment.received (whichever arrives first creates the row).
CREATE TABLE bookings (
    booking_id TEXT PRIMARY KEY,
    supplier_id TEXT,
    couple_email TEXT,
    couple_name TEXT,
    wedding_id TEXT,
    start_at BIGINT,
    end_at BIGINT,
    status TEXT NOT NULL,
    paid_amount BIGINT,
    currency TEXT,
    paid_at BIGINT,
    created_seq BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX bookings_supplier ON bookings (supplier_id);

-- One row per payment.received event (keyed by the event), so a re-processed payment is not counted twice.
CREATE TABLE payments (
    payment_key TEXT PRIMARY KEY,
    booking_id TEXT NOT NULL,
    amount BIGINT NOT NULL,
    currency TEXT,
    received_at BIGINT NOT NULL,
    event_seq BIGINT NOT NULL
);
CREATE INDEX payments_booking ON payments (booking_id);

-- Stored form submissions (form.submitted), keyed by the event.
CREATE TABLE form_submissions (
    submission_key TEXT PRIMARY KEY,
    form_id TEXT NOT NULL,
    supplier_id TEXT,
    couple_id TEXT,
    respondent_email TEXT,
    answers TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    event_seq BIGINT NOT NULL
);
CREATE INDEX form_submissions_form ON form_submissions (form_id);

-- Routing rules: an event published on a channel matching channel_pattern (empty: any channel, or none) and
-- whose type matches event_pattern (empty or '*': any type) is delivered to target. field_mapping is a JSON
-- object {"target.field": "/json/pointer/into/the/event", ...}; empty sends the whole event envelope.
CREATE TABLE routing_rules (
    id ${ID},
    name TEXT NOT NULL,
    channel_pattern TEXT NOT NULL,
    event_pattern TEXT NOT NULL,
    target TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    field_mapping TEXT NOT NULL,
    priority TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX routing_rules_name ON routing_rules (name);

-- MISSION.md section 3's default mappings.
INSERT INTO routing_rules (name, channel_pattern, event_pattern, target, target_kind, field_mapping, priority, enabled, created_at) VALUES
    ('dashboard-photography-crm', 'supplier:dashboard:{supplierId}', '*', 'photography-crm', 'connector', '', 'normal', 1, 0),
    ('dashboard-venue-management', 'supplier:dashboard:{supplierId}', '*', 'venue-management', 'connector', '', 'normal', 1, 0),
    ('dashboard-whatsapp-business', 'supplier:dashboard:{supplierId}', '*', 'whatsapp-business', 'whatsapp', '', 'normal', 1, 0),
    ('form-slack-notifications', 'form:response:{formId}', '*', 'slack-notifications', 'slack', '', 'normal', 1, 0),
    ('form-email-service', 'form:response:{formId}', '*', 'email-service', 'email', '', 'normal', 1, 0),
    ('form-supplier-dashboards', 'form:response:{formId}', '*', 'supplier-dashboards', 'connector', '', 'normal', 1, 0),
    ('journey-project-management', 'journey:milestone:{coupleId}', '*', 'project-management', 'connector', '', 'normal', 1, 0),
    ('journey-timeline-coordination', 'journey:milestone:{coupleId}', '*', 'timeline-coordination', 'connector', '', 'normal', 1, 0),
    ('journey-client-communications', 'journey:milestone:{coupleId}', '*', 'client-communications', 'connector', '', 'normal', 1, 0),
    ('photography-job-updates', '', 'crm.job.updated', 'photography-crm', 'connector',
     '{"job_id":"/data/wedding_id","venue":"/data/venue","timeline":"/data/timeline","change":"/data/change","organization_id":"/organization_id"}',
     'high', 1, 0);
