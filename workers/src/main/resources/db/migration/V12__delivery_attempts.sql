-- How often a lane message was delivered without being acknowledged. Only redelivered messages get
-- a row (a first delivery costs nothing), written before the event is applied, so a message that
-- kills its worker before the ack is still counted. When the count passes workers.max-deliveries
-- the message is recorded in failed_event and dead-lettered; the row is deleted once the message
-- is acked or dead-lettered.

CREATE TABLE delivery_attempt (
  transaction_id     uuid        PRIMARY KEY,
  lane               text        NOT NULL,
  deliveries         integer     NOT NULL,
  first_delivered_at timestamptz NOT NULL DEFAULT now(),
  last_delivered_at  timestamptz NOT NULL DEFAULT now()
);
