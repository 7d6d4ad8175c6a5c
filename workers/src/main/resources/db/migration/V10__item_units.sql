-- Units of measure per item: the unit an item's balances are kept in, and its pack hierarchy
-- (a case of 12, a pallet of 480) as factors to that unit. Items without a row here keep one
-- balance per unit, as sent.

CREATE TABLE item (
  sku        text        PRIMARY KEY,
  base_unit  text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT item_sku CHECK (length(sku) BETWEEN 1 AND 64),
  CONSTRAINT item_base_unit CHECK (base_unit ~ '^[A-Z0-9]{2,3}$')
);

-- One unit of `unit` is `factor` base units of the item: CS 12 means a case holds 12 EA.
CREATE TABLE item_unit (
  sku        text          NOT NULL REFERENCES item (sku),
  unit       text          NOT NULL,
  factor     numeric(24,6) NOT NULL,
  created_at timestamptz   NOT NULL DEFAULT now(),
  PRIMARY KEY (sku, unit),
  CONSTRAINT item_unit_code CHECK (unit ~ '^[A-Z0-9]{2,3}$'),
  CONSTRAINT item_unit_factor CHECK (factor > 0)
);

-- A quarantined event may now wait for a unit conversion of its item (missing_kind 'unit',
-- missing_source the SKU, missing_code the unit), or hold a conversion no mapping can fix.
ALTER TABLE quarantined_event DROP CONSTRAINT quarantined_event_reason;
ALTER TABLE quarantined_event ADD CONSTRAINT quarantined_event_reason
  CHECK (reason IN ('unknown-item', 'unknown-unit', 'impossible-conversion'));
