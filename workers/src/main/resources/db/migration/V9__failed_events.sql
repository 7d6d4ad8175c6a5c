-- Events a worker could not apply and will not retry by itself (a poison message: unreadable, or
-- failing the same way delivery after delivery). Kept with payload, cause and attempts; an operator
-- requests a replay, and the workers re-apply the event (idempotent on its source and key).

CREATE TABLE failed_event (
  id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- null when the message was too broken to carry one
  transaction_id      uuid        UNIQUE,
  lane                text        NOT NULL,
  source_system       text,
  transaction_key     text,
  event_type          text,
  body                text        NOT NULL,
  cause               text        NOT NULL,
  attempts            integer     NOT NULL DEFAULT 1,
  first_failed_at     timestamptz NOT NULL DEFAULT now(),
  last_failed_at      timestamptz NOT NULL DEFAULT now(),
  status              text        NOT NULL DEFAULT 'failed',
  replay_requested_at timestamptz,
  replay_requested_by text,
  replayed_at         timestamptz,
  replay_outcome      text,
  CONSTRAINT failed_event_status CHECK (status IN ('failed', 'replay_requested', 'replayed')),
  CONSTRAINT failed_event_outcome CHECK (replay_outcome IS NULL OR replay_outcome IN ('applied', 'duplicate', 'quarantined'))
);

CREATE INDEX failed_event_status ON failed_event (status, last_failed_at);
