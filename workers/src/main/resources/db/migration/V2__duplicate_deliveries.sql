-- A transaction the gateway accepted whose (source, transaction key) was already in the ledger:
-- kept so that "what happened to this scan?" has an answer for retries too.
CREATE TABLE duplicate_delivery (
  transaction_id    uuid        PRIMARY KEY,
  original_event_id bigint      NOT NULL REFERENCES inventory_event (id),
  lane              text        NOT NULL,
  received_at       timestamptz NOT NULL,
  seen_at           timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX duplicate_delivery_original ON duplicate_delivery (original_event_id);
