-- Who may call the gateway: clients, what they may do, how fast, and their API keys.

CREATE TABLE api_client (
  id              text        PRIMARY KEY,
  name            text        NOT NULL,
  client_class    text        NOT NULL,
  scopes          text[]      NOT NULL,
  -- empty means every event type / every location
  event_types     text[]      NOT NULL DEFAULT '{}',
  locations       text[]      NOT NULL DEFAULT '{}',
  -- null means the default of the client class
  rate_per_second integer,
  burst           integer,
  -- observe the limit without enforcing it (a new partner's first weeks)
  shadow_limit    boolean     NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  disabled_at     timestamptz,
  CONSTRAINT api_client_id CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  CONSTRAINT api_client_class CHECK (client_class IN ('scanner', 'wms', 'partner', 'ecommerce')),
  CONSTRAINT api_client_rate CHECK (rate_per_second IS NULL OR rate_per_second > 0),
  CONSTRAINT api_client_burst CHECK (burst IS NULL OR burst > 0)
);

-- Keys are stored as SHA-256 of the whole key: a leaked table does not leak usable keys.
CREATE TABLE api_key (
  id          text        PRIMARY KEY,
  client_id   text        NOT NULL REFERENCES api_client (id),
  key_hash    bytea       NOT NULL UNIQUE,
  key_prefix  text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

CREATE INDEX api_key_client ON api_key (client_id) WHERE revoked_at IS NULL;
