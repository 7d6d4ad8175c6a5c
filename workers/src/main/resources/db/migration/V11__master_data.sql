-- Master data managed through the admin API and the command line: items with their base unit and
-- pack sizes as defined (a pallet of 40 cases), locations and partners' own location codes, and
-- the quarantine reasons that wait for them or for stock.

ALTER TABLE item ADD COLUMN description text;
ALTER TABLE item ADD COLUMN created_by text;
ALTER TABLE item ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE item ADD CONSTRAINT item_description CHECK (description IS NULL OR length(description) <= 256);

-- A pack size as it was defined: per_quantity of per_unit (PL = 40 CS); factor stays what it is
-- worth in the item's base unit (480), which is what conversion uses. Rows written without them
-- (by SQL) are defined in the base unit: per_quantity is the factor.
ALTER TABLE item_unit ADD COLUMN per_quantity numeric(24,6);
ALTER TABLE item_unit ADD COLUMN per_unit text;
ALTER TABLE item_unit ADD COLUMN created_by text;
ALTER TABLE item_unit ADD CONSTRAINT item_unit_per CHECK ((per_quantity IS NULL) = (per_unit IS NULL)
  AND (per_quantity IS NULL OR (per_quantity > 0 AND per_unit <> unit)));

-- The location master. While it is empty, locations are used as sent.
CREATE TABLE location (
  code       text        PRIMARY KEY,
  name       text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text,
  CONSTRAINT location_code CHECK (length(code) BETWEEN 1 AND 64),
  CONSTRAINT location_name CHECK (name IS NULL OR length(name) <= 256)
);

-- A partner's own code for a location, for events of its source only.
CREATE TABLE location_mapping (
  source     text        NOT NULL,
  code       text        NOT NULL,
  location   text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text,
  PRIMARY KEY (source, code),
  CONSTRAINT location_mapping_source CHECK (length(source) BETWEEN 1 AND 64),
  CONSTRAINT location_mapping_code CHECK (length(code) BETWEEN 1 AND 64),
  CONSTRAINT location_mapping_location CHECK (length(location) BETWEEN 1 AND 64)
);

-- New reasons: a location that is neither mapped nor in the location master (missing_kind
-- 'location', missing_source the event's source, missing_code the code as sent), and an event of a
-- source that may not take on-hand below zero (missing_kind 'stock', missing_source the SKU,
-- missing_code the location; stock_movement_id the last movement of the position it saw).
ALTER TABLE quarantined_event DROP CONSTRAINT quarantined_event_reason;
ALTER TABLE quarantined_event ADD CONSTRAINT quarantined_event_reason
  CHECK (reason IN ('unknown-item', 'unknown-unit', 'impossible-conversion', 'unknown-location', 'insufficient-stock'));
ALTER TABLE quarantined_event ADD COLUMN stock_movement_id bigint;
-- when the event was last resolved: master data changed after it may release it
ALTER TABLE quarantined_event ADD COLUMN checked_at timestamptz NOT NULL DEFAULT '-infinity';
ALTER TABLE quarantined_event ALTER COLUMN checked_at SET DEFAULT now();
