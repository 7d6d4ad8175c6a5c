-- Every event type of contract v1: owners, serials and expiry on movements and balances, movement
-- kinds, and one function that applies an event's state deltas and cycle counts exactly once.

ALTER TABLE movement ADD COLUMN owner text NOT NULL DEFAULT '';
ALTER TABLE movement ADD COLUMN kind text NOT NULL DEFAULT 'delta';
ALTER TABLE movement ADD COLUMN serials text[];
ALTER TABLE movement ADD COLUMN expiry date;
-- for a count: the quantity counted; for a count correction: the count it corrects
ALTER TABLE movement ADD COLUMN counted numeric(24,6);
ALTER TABLE movement ADD COLUMN corrects_movement_id bigint REFERENCES movement (id);
ALTER TABLE movement ADD CONSTRAINT movement_kind CHECK (kind IN ('delta', 'count', 'count_correction'));

DROP INDEX movement_position;
CREATE INDEX movement_position ON movement (item, location, lot, owner, state, unit, occurred_at);
-- the counts of a position, for the late events that must correct them
CREATE INDEX movement_count ON movement (item, location, lot, owner, state, unit, occurred_at) WHERE kind = 'count';

ALTER TABLE balance ADD COLUMN owner text NOT NULL DEFAULT '';
ALTER TABLE balance DROP CONSTRAINT balance_pkey;
ALTER TABLE balance ADD PRIMARY KEY (item, location, lot, owner, state, unit);

-- Transfers in flight, for over/short: what left the origin and what arrived, per transfer.
CREATE VIEW transfer_status AS
SELECT e.payload -> 'references' ->> 'transfer' AS transfer,
       m.item, m.lot, m.owner, m.unit,
       min(m.location)                                                    AS destination,
       sum(CASE WHEN e.event_type = 'transfer-out' THEN m.quantity ELSE 0 END)  AS shipped,
       -sum(CASE WHEN e.event_type = 'transfer-in' THEN m.quantity ELSE 0 END)  AS received,
       -sum(m.quantity)                                                   AS over_short,
       max(e.occurred_at)                                                 AS last_event_at
  FROM movement m
  JOIN inventory_event e ON e.id = m.event_id
 WHERE e.event_type IN ('transfer-out', 'transfer-in') AND m.state = 'in_transit'
 GROUP BY 1, 2, 3, 4, 5;

/*
 * Applies one event: inserts the event row (its unique (source, transaction key) makes a second
 * delivery a no-op), then each of its movements. p_moves is a JSON array of
 *   {"item","location","lot","owner","state","unit","quantity","kind"}
 * where kind 'delta' adds quantity and kind 'count' sets the position to quantity as of p_occurred.
 *
 * Event time: a count is the truth as of its occurred_at. It applies the difference between the
 * count and the ledger as of that time (movements with occurred_at <= it). A movement that arrives
 * after a count with a later (or, for a delta, equal) occurred_at was already seen by that count,
 * so the first such count is corrected by the opposite quantity: the balance after the count stays
 * what was counted plus what happened after it, whatever order the events arrive in.
 *
 * Positions are locked (transaction-scoped advisory locks, in a fixed order) so that concurrent
 * workers never compute a count against a ledger that is changing under it.
 */
CREATE FUNCTION ledger_apply_event(
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

  RETURN QUERY SELECT 'applied'::text, v_event_id, p_transaction_id, v_movements;
END;
$$;

-- Update first, insert when the position is new. Not INSERT ... ON CONFLICT DO UPDATE: PostgreSQL
-- checks CHECK constraints on the row it proposes to insert, so releasing 5 of 10 reserved would
-- fail on the proposed -5. The caller holds the position's advisory lock, so nobody inserts between.
CREATE FUNCTION ledger_add_to_balance(
  p_item text, p_location text, p_lot text, p_owner text, p_state text, p_unit text,
  p_quantity numeric, p_movement_id bigint)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE balance
     SET quantity = quantity + p_quantity, last_movement_id = p_movement_id, updated_at = now()
   WHERE item = p_item AND location = p_location AND lot = p_lot AND owner = p_owner AND state = p_state
     AND unit = p_unit;
  IF NOT FOUND THEN
    INSERT INTO balance (item, location, lot, owner, state, unit, quantity, last_movement_id)
    VALUES (p_item, p_location, p_lot, p_owner, p_state, p_unit, p_quantity, p_movement_id);
  END IF;
END;
$$;
