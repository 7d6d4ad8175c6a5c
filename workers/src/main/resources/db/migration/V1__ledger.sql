-- The inventory ledger: every accepted event once, its movements, and the balances they add up to.

CREATE TABLE inventory_event (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id  uuid        NOT NULL,
  source_system   text        NOT NULL,
  transaction_key text        NOT NULL,
  event_type      text        NOT NULL,
  lane            text        NOT NULL,
  occurred_at     timestamptz NOT NULL,
  received_at     timestamptz NOT NULL,
  applied_at      timestamptz NOT NULL DEFAULT now(),
  payload         jsonb       NOT NULL,
  -- the business identity of an event: a second delivery with the same pair is a duplicate
  CONSTRAINT inventory_event_source_key UNIQUE (source_system, transaction_key),
  CONSTRAINT inventory_event_transaction_id UNIQUE (transaction_id)
);

CREATE TABLE movement (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id    bigint        NOT NULL REFERENCES inventory_event (id),
  item        text          NOT NULL,
  location    text          NOT NULL,
  lot         text          NOT NULL DEFAULT '',
  state       text          NOT NULL,
  unit        text          NOT NULL,
  quantity    numeric(24,6) NOT NULL,
  occurred_at timestamptz   NOT NULL,
  recorded_at timestamptz   NOT NULL DEFAULT now(),
  CONSTRAINT movement_state CHECK (state IN ('on_hand', 'allocated', 'reserved', 'in_transit', 'damaged', 'quarantined'))
);

CREATE INDEX movement_event ON movement (event_id);
CREATE INDEX movement_position ON movement (item, location, lot, state, unit, occurred_at);

-- Until unit conversion per item exists, balances are kept per unit so that cases and eaches
-- are never added together.
CREATE TABLE balance (
  item             text          NOT NULL,
  location         text          NOT NULL,
  lot              text          NOT NULL DEFAULT '',
  state            text          NOT NULL,
  unit             text          NOT NULL,
  quantity         numeric(24,6) NOT NULL,
  last_movement_id bigint        NOT NULL REFERENCES movement (id),
  updated_at       timestamptz   NOT NULL DEFAULT now(),
  PRIMARY KEY (item, location, lot, state, unit),
  CONSTRAINT balance_state CHECK (state IN ('on_hand', 'allocated', 'reserved', 'in_transit', 'damaged', 'quarantined')),
  CONSTRAINT balance_reserved_not_negative CHECK (state <> 'reserved' OR quantity >= 0)
);

CREATE INDEX balance_location_item ON balance (location, item);
