-- The workers' apply statement (LedgerSql.APPLY_EVENT, the ledger_apply_event function) with
-- pgbench variables, same spread as LedgerApplyRate: 1,000 items over 10 locations, a new business
-- key per transaction, one receipt of 1 EA each.
\set item random(0, 999)
\set loc random(0, 9)
SELECT outcome FROM ledger_apply_event(gen_random_uuid(), 'pgbench', gen_random_uuid()::text, 'receipt', 'standard',
  now(), now(), '{}'::jsonb,
  jsonb_build_array(jsonb_build_object('item', 'SKU-' || :item, 'location', 'DC-' || :loc, 'lot', '', 'owner', '',
    'state', 'on_hand', 'unit', 'EA', 'quantity', '1', 'kind', 'delta')),
  NULL, NULL);
