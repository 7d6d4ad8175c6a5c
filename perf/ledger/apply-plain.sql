-- The least a ledger apply can do, as one plain statement: the event row, one movement, one balance
-- upsert, no locks and no count check. Same spread as LedgerApplyRate: 1,000 items over 10
-- locations, a new business key per transaction. The floor beside which ledger_apply_event is measured.
\set item random(0, 999)
\set loc random(0, 9)
WITH ev AS (
  INSERT INTO inventory_event (transaction_id, source_system, transaction_key, event_type, lane,
                               occurred_at, received_at, payload)
  VALUES (gen_random_uuid(), 'pgbench', gen_random_uuid()::text, 'receipt', 'standard', now(), now(), '{}'::jsonb)
  ON CONFLICT DO NOTHING
  RETURNING id
), mv AS (
  INSERT INTO movement (event_id, item, location, lot, owner, state, unit, quantity, occurred_at)
  SELECT ev.id, 'SKU-' || :item, 'DC-' || :loc, '', '', 'on_hand', 'EA', 1, now() FROM ev
  RETURNING id, item, location, lot, owner, state, unit, quantity
), bal AS (
  INSERT INTO balance (item, location, lot, owner, state, unit, quantity, last_movement_id)
  SELECT item, location, lot, owner, state, unit, quantity, id FROM mv
  ON CONFLICT (item, location, lot, owner, state, unit) DO UPDATE
    SET quantity = balance.quantity + EXCLUDED.quantity,
        last_movement_id = EXCLUDED.last_movement_id,
        updated_at = now()
  RETURNING 1
)
SELECT (SELECT count(*) FROM ev);
