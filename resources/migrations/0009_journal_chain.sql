-- 0009: chains keyed by a number that grows with the journal. Every event stores chain_seq, the sequence
-- number of the first event of its chain (a webhook's event is its own first; a derived event carries its
-- parent's). The chain view reads one index range of chain_seq instead of looking up correlation_id, a
-- random string whose index took one scattered leaf write per event (about a fifth of the ingress rate).
ALTER TABLE journal ADD COLUMN chain_seq BIGINT;
-- Existing events: the chain of a correlation id starts at its lowest seq (found through the old index
-- while it still exists); an event without a correlation id is a chain of its own.
UPDATE journal SET chain_seq = (SELECT MIN(j.seq) FROM journal j WHERE j.correlation_id = journal.correlation_id)
    WHERE correlation_id IS NOT NULL;
UPDATE journal SET chain_seq = seq WHERE chain_seq IS NULL;
CREATE INDEX journal_chain ON journal (chain_seq);
DROP INDEX journal_correlation;
