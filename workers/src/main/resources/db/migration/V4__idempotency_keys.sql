-- Idempotency-Key records per client, shared by all gateway replicas: the first request with a
-- key claims it, its final answer is stored, and retries with the same key get that answer again.
CREATE TABLE idempotency_key (
  client_id      text        NOT NULL,
  key            text        NOT NULL,
  request_hash   bytea       NOT NULL,
  state          text        NOT NULL,
  status         integer,
  response_body  text,
  transaction_id uuid,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  PRIMARY KEY (client_id, key),
  CONSTRAINT idempotency_key_state CHECK (state IN ('in_flight', 'done'))
);

CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);
