-- What the gateway did with each request it answered: when it was received, validated and
-- confirmed by the broker (or why it was rejected). Written in batches, off the request path.
CREATE TABLE gateway_transaction (
  transaction_id  uuid        PRIMARY KEY,
  client_id       text,
  source_system   text,
  transaction_key text,
  event_type      text,
  outcome         text        NOT NULL,
  lane            text,
  priority        integer,
  problem_type    text,
  status          integer     NOT NULL,
  received_at     timestamptz NOT NULL,
  validated_at    timestamptz,
  queued_at       timestamptz,
  CONSTRAINT gateway_transaction_outcome CHECK (outcome IN ('queued', 'rejected'))
);

CREATE INDEX gateway_transaction_received ON gateway_transaction (received_at);
