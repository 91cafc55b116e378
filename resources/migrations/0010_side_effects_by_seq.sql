-- 0010: payments and form submissions keyed by the journal seq of the event that made them. Their text keys
-- (source:event id) are random strings as vendors send ids, and a unique index on them took one scattered
-- leaf write per row; the seq grows with the journal, so a row now lands at the end of its table. One event
-- makes at most one row of each, and the journal already refuses a second event with the same source and id,
-- so the seq dedupes exactly what the text key did. The text keys stay as plain columns for people looking
-- a payment up by its vendor id.
CREATE TABLE payments_by_seq (
    event_seq ${SEQ_PK},
    payment_key TEXT NOT NULL,
    booking_id TEXT NOT NULL,
    amount BIGINT NOT NULL,
    currency TEXT,
    received_at BIGINT NOT NULL
);
INSERT INTO payments_by_seq (event_seq, payment_key, booking_id, amount, currency, received_at)
    SELECT event_seq, payment_key, booking_id, amount, currency, received_at FROM payments;
DROP TABLE payments;
ALTER TABLE payments_by_seq RENAME TO payments;
CREATE INDEX payments_booking ON payments (booking_id);

CREATE TABLE form_submissions_by_seq (
    event_seq ${SEQ_PK},
    submission_key TEXT NOT NULL,
    form_id TEXT NOT NULL,
    supplier_id TEXT,
    couple_id TEXT,
    respondent_email TEXT,
    answers TEXT NOT NULL,
    submitted_at BIGINT NOT NULL
);
INSERT INTO form_submissions_by_seq (event_seq, submission_key, form_id, supplier_id, couple_id,
                                     respondent_email, answers, submitted_at)
    SELECT event_seq, submission_key, form_id, supplier_id, couple_id, respondent_email, answers, submitted_at
    FROM form_submissions;
DROP TABLE form_submissions;
ALTER TABLE form_submissions_by_seq RENAME TO form_submissions;
CREATE INDEX form_submissions_form ON form_submissions (form_id);
