package io.stocksync.app;

import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.contracts.units.UnitCatalog;
import io.stocksync.gateway.masterdata.ItemRepository;
import io.stocksync.gateway.masterdata.LocationRepository;
import io.stocksync.gateway.masterdata.MasterDataRepository;

/**
 * Master data from the command line: the repositories the admin API uses, driven from a plain
 * thread that may wait. Workers re-drive quarantined events from what these write, as from the API.
 */
final class MasterDataAdmin extends CommandDatabase {

  final MasterDataRepository mappings;
  final ItemRepository items;
  final LocationRepository locations;

  MasterDataAdmin(DatabaseConfig db) {
    super(db);
    this.mappings = new MasterDataRepository(pool());
    this.items = new ItemRepository(pool(), UnitCatalog.load());
    this.locations = new LocationRepository(pool());
  }
}
