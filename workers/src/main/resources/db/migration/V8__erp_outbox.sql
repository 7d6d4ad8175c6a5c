-- The ERP outbox: a posting row written in the same transaction as the movements it posts, so the
-- ledger never waits for the ERP and the ERP never misses a movement.
--
-- The ERP books physical stock the distributor owns at a location: movements in on_hand,
-- allocated, damaged and quarantined, of owner '' (consignment stock belongs to someone else),
-- summed per item, location, lot and unit. in_transit and reserved are not booked. An event whose
-- lines sum to nothing (a pick, a status change, a late event cancelled by its count correction)
-- posts nothing.

CREATE TABLE erp_posting (
  event_id           bigint      PRIMARY KEY REFERENCES inventory_event (id),
  transaction_id     uuid        NOT NULL UNIQUE,
  -- the ERP-side idempotency key: the ERP books a reference once however often it is posted
  external_reference text        NOT NULL UNIQUE,
  lane               text        NOT NULL,
  -- critical lane first: 0 critical, 1 standard, 2 bulk
  lane_rank          smallint    NOT NULL,
  event_type         text        NOT NULL,
  lines              jsonb       NOT NULL,
  status             text        NOT NULL DEFAULT 'pending',
  attempts           integer     NOT NULL DEFAULT 0,
  next_attempt_at    timestamptz NOT NULL DEFAULT now(),
  claimed_until      timestamptz,
  last_error         text,
  erp_document_id    text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  posted_at          timestamptz,
  CONSTRAINT erp_posting_status CHECK (status IN ('pending', 'posted', 'failed', 'unknown'))
);

-- what the poster looks at: postings still due, in the order it takes them
CREATE INDEX erp_posting_due ON erp_posting (lane_rank, event_id) WHERE status IN ('pending', 'unknown');

CREATE FUNCTION erp_enqueue(p_event_id bigint, p_transaction_id uuid, p_lane text)
RETURNS void
LANGUAGE sql AS $$
  INSERT INTO erp_posting (event_id, transaction_id, external_reference, lane, lane_rank, event_type, lines)
  SELECT p_event_id, p_transaction_id, 'stocksync:' || p_transaction_id, p_lane,
         CASE p_lane WHEN 'critical' THEN 0 WHEN 'standard' THEN 1 ELSE 2 END,
         (SELECT event_type FROM inventory_event WHERE id = p_event_id),
         jsonb_agg(jsonb_build_object('item', l.item, 'location', l.location, 'lot', nullif(l.lot, ''),
                                      'unit', l.unit, 'quantity', l.quantity::text) ORDER BY l.item, l.location, l.lot, l.unit)
    FROM (SELECT item, location, lot, unit, sum(quantity) AS quantity
            FROM movement
           WHERE event_id = p_event_id AND owner = '' AND state IN ('on_hand', 'allocated', 'damaged', 'quarantined')
           GROUP BY item, location, lot, unit
          HAVING sum(quantity) <> 0) AS l
  HAVING count(*) > 0;
$$;

CREATE OR REPLACE FUNCTION ledger_apply_event(
  p_transaction_id uuid, p_source text, p_key text, p_type text, p_lane text,
  p_occurred timestamptz, p_received timestamptz, p_payload jsonb, p_moves jsonb,
  p_serials text[], p_expiry date)
RETURNS TABLE (outcome text, event_id bigint, original_transaction_id uuid, movements integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_event_id bigint;
  v_original_id bigint;
  v_original_txn uuid;
  v_move record;
  v_delta numeric(24,6);
  v_as_of numeric(24,6);
  v_movement_id bigint;
  v_count record;
  v_count_movement_id bigint;
  v_movements integer := 0;
BEGIN
  INSERT INTO inventory_event (transaction_id, source_system, transaction_key, event_type, lane,
                               occurred_at, received_at, payload)
  VALUES (p_transaction_id, p_source, p_key, p_type, p_lane, p_occurred, p_received, p_payload)
  ON CONFLICT DO NOTHING
  RETURNING id INTO v_event_id;

  IF v_event_id IS NULL THEN
    SELECT e.id, e.transaction_id INTO v_original_id, v_original_txn
      FROM inventory_event e
     WHERE e.source_system = p_source AND e.transaction_key = p_key;
    IF v_original_id IS NULL THEN
      -- the conflict was on the transaction id: the same transaction under another business key
      SELECT e.id, e.transaction_id INTO v_original_id, v_original_txn
        FROM inventory_event e WHERE e.transaction_id = p_transaction_id;
    ELSIF v_original_txn <> p_transaction_id THEN
      INSERT INTO duplicate_delivery (transaction_id, original_event_id, lane, received_at)
      VALUES (p_transaction_id, v_original_id, p_lane, p_received)
      ON CONFLICT (transaction_id) DO NOTHING;
    END IF;
    RETURN QUERY SELECT 'duplicate'::text, v_original_id, v_original_txn, 0;
    RETURN;
  END IF;

  FOR v_move IN
    SELECT DISTINCT m.item, m.location, m.lot, m.owner, m.state, m.unit
      FROM jsonb_to_recordset(p_moves) AS m(item text, location text, lot text, owner text, state text, unit text)
     ORDER BY 1, 2, 3, 4, 5, 6
  LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended(
      concat_ws(chr(31), v_move.item, v_move.location, v_move.lot, v_move.owner, v_move.state, v_move.unit), 0));
  END LOOP;

  FOR v_move IN
    SELECT m.* FROM jsonb_to_recordset(p_moves)
      AS m(item text, location text, lot text, owner text, state text, unit text, quantity numeric, kind text)
  LOOP
    IF v_move.kind = 'count' THEN
      SELECT coalesce(sum(mv.quantity), 0) INTO v_as_of
        FROM movement mv
       WHERE mv.item = v_move.item AND mv.location = v_move.location AND mv.lot = v_move.lot
         AND mv.owner = v_move.owner AND mv.state = v_move.state AND mv.unit = v_move.unit
         AND mv.occurred_at <= p_occurred;
      v_delta := v_move.quantity - v_as_of;
    ELSE
      v_delta := v_move.quantity;
    END IF;

    INSERT INTO movement (event_id, item, location, lot, owner, state, unit, quantity, occurred_at, kind,
                          serials, expiry, counted)
    VALUES (v_event_id, v_move.item, v_move.location, v_move.lot, v_move.owner, v_move.state, v_move.unit,
            v_delta, p_occurred, v_move.kind, p_serials, p_expiry,
            CASE WHEN v_move.kind = 'count' THEN v_move.quantity END)
    RETURNING id INTO v_movement_id;
    v_movements := v_movements + 1;
    PERFORM ledger_add_to_balance(v_move.item, v_move.location, v_move.lot, v_move.owner, v_move.state,
                                  v_move.unit, v_delta, v_movement_id);

    IF v_delta <> 0 THEN
      SELECT mv.id, mv.occurred_at, mv.event_id INTO v_count
        FROM movement mv
       WHERE mv.kind = 'count'
         AND mv.item = v_move.item AND mv.location = v_move.location AND mv.lot = v_move.lot
         AND mv.owner = v_move.owner AND mv.state = v_move.state AND mv.unit = v_move.unit
         AND mv.event_id <> v_event_id
         AND (mv.occurred_at > p_occurred OR (v_move.kind = 'delta' AND mv.occurred_at = p_occurred))
       ORDER BY mv.occurred_at, mv.id
       LIMIT 1;
      IF FOUND THEN
        INSERT INTO movement (event_id, item, location, lot, owner, state, unit, quantity, occurred_at, kind,
                              corrects_movement_id)
        VALUES (v_event_id, v_move.item, v_move.location, v_move.lot, v_move.owner, v_move.state, v_move.unit,
                -v_delta, v_count.occurred_at, 'count_correction', v_count.id)
        RETURNING id INTO v_count_movement_id;
        v_movements := v_movements + 1;
        PERFORM ledger_add_to_balance(v_move.item, v_move.location, v_move.lot, v_move.owner, v_move.state,
                                      v_move.unit, -v_delta, v_count_movement_id);
      END IF;
    END IF;
  END LOOP;

  PERFORM erp_enqueue(v_event_id, p_transaction_id, p_lane);
  RETURN QUERY SELECT 'applied'::text, v_event_id, p_transaction_id, v_movements;
END;
$$;
