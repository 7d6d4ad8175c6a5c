package io.stocksync.app;

import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.ClientClass;
import io.stocksync.gateway.auth.ClientRepository;
import io.stocksync.gateway.auth.Scope;
import java.util.EnumSet;
import java.util.Set;

/**
 * Client and key management from the command line (and the dev role's demo client): the same
 * repository the admin API uses, driven from a plain thread that may wait.
 */
final class ClientAdmin extends CommandDatabase {

  static final String DEMO_CLIENT = "demo";

  private final ClientRepository clients;

  ClientAdmin(DatabaseConfig db) {
    super(db);
    this.clients = new ClientRepository(pool());
  }

  ClientRepository clients() {
    return clients;
  }

  /** The demo client of the dev role: every scope, no restrictions; its one key is the given or a new one. */
  String provisionDemo(String apiKey) {
    ApiClient demo = new ApiClient(DEMO_CLIENT, "Demo client of the dev role", ClientClass.WMS,
      EnumSet.allOf(Scope.class), Set.of(), Set.of(), null, null, false);
    return await(clients.provision(demo, apiKey)).apiKey();
  }
}
