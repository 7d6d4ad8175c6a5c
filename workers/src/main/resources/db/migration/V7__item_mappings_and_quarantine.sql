-- Master data for items named by GTIN or by a partner's own code, and the quarantine that keeps
-- events stocksync cannot apply yet until their mapping appears.

-- A GTIN names one SKU everywhere (source ''); a partner code names one SKU for its source only.
CREATE TABLE item_mapping (
  kind       text        NOT NULL,
  source     text        NOT NULL DEFAULT '',
  code       text        NOT NULL,
  sku        text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text,
  PRIMARY KEY (kind, source, code),
  CONSTRAINT item_mapping_kind CHECK (kind IN ('gtin', 'partner')),
  CONSTRAINT item_mapping_gtin CHECK (kind <> 'gtin' OR (source = '' AND code ~ '^[0-9]{8,14}$')),
  CONSTRAINT item_mapping_partner CHECK (kind <> 'partner' OR source <> ''),
  CONSTRAINT item_mapping_sku CHECK (length(sku) BETWEEN 1 AND 64)
);

CREATE INDEX item_mapping_sku ON item_mapping (sku);

-- An accepted event that cannot be applied yet: nothing is dropped. One row per business event;
-- a redelivery or a retry of it updates last_seen. Re-driven when its mapping appears.
CREATE TABLE quarantined_event (
  source_system   text        NOT NULL,
  transaction_key text        NOT NULL,
  transaction_id  uuid        NOT NULL UNIQUE,
  event_type      text        NOT NULL,
  lane            text        NOT NULL,
  reason          text        NOT NULL,
  detail          text        NOT NULL,
  -- what the event is waiting for, e.g. gtin 04006381333931 or partner tpl-x/NW-7
  missing_kind    text        NOT NULL,
  missing_source  text        NOT NULL DEFAULT '',
  missing_code    text        NOT NULL,
  payload         jsonb       NOT NULL,
  first_seen      timestamptz NOT NULL DEFAULT now(),
  last_seen       timestamptz NOT NULL DEFAULT now(),
  deliveries      integer     NOT NULL DEFAULT 1,
  redrive_attempts integer    NOT NULL DEFAULT 0,
  last_error      text,
  released_at     timestamptz,
  released_outcome text,
  PRIMARY KEY (source_system, transaction_key),
  CONSTRAINT quarantined_event_reason CHECK (reason IN ('unknown-item')),
  CONSTRAINT quarantined_event_outcome CHECK (released_outcome IS NULL OR released_outcome IN ('applied', 'duplicate'))
);

CREATE INDEX quarantined_event_waiting ON quarantined_event (missing_kind, missing_source, missing_code)
  WHERE released_at IS NULL;
