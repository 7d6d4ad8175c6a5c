package io.stocksync.app;

import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.ClientClass;
import io.stocksync.gateway.auth.ClientJson;
import io.stocksync.gateway.auth.ClientRepository;
import io.stocksync.gateway.auth.Scope;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stocksync clients …}: manage API clients and their keys directly in the database. */
@Command(name = "clients", mixinStandardHelpOptions = true, versionProvider = StocksyncMain.Version.class,
  description = "Manage API clients and their keys (the same operations as /v1/admin/clients).",
  subcommands = {
    ClientsCommand.Create.class,
    ClientsCommand.ListClients.class,
    ClientsCommand.Show.class,
    ClientsCommand.Update.class,
    ClientsCommand.Disable.class,
    ClientsCommand.Enable.class,
    ClientsCommand.IssueKey.class,
    ClientsCommand.RevokeKey.class
  })
final class ClientsCommand {

  /** This command writes to the database only; running gateways see a change when their cached lookup expires. */
  static final int CACHE_SECONDS = io.stocksync.gateway.auth.AuthenticationHandler.CACHE_SECONDS;

  /** Shared: where the database is, and running an action against it. */
  abstract static class Action extends DatabaseAction<ClientAdmin> {
    @Override
    ClientAdmin open(DatabaseConfig db) {
      return new ClientAdmin(db);
    }

    @Override
    int refused(RuntimeException e) {
      if (e instanceof ClientRepository.ClientException) {
        System.err.println("stocksync clients: " + e.getMessage());
        return 1;
      }
      throw e;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a client and issue its first key.")
  static final class Create extends Action {
    @Parameters(index = "0", paramLabel = "ID", description = "Client id: lower-case letters, digits, '.', '_', '-'.")
    String id;

    @Option(names = "--name", description = "Display name.")
    String name;

    @Option(names = "--class", defaultValue = "wms", description = "scanner, wms, partner or ecommerce (default: wms).")
    String clientClass;

    @Option(names = "--scope", required = true, split = ",",
      description = "events:write, inventory:read, reservations:write, admin (repeat or comma-separate).")
    List<String> scopes;

    @Option(names = "--event-type", split = ",", description = "Event types it may post (default: all).")
    List<String> eventTypes;

    @Option(names = "--location", split = ",", description = "Locations it may post for (default: all).")
    List<String> locations;

    @Option(names = "--rate", description = "Requests per second (default: its class's).")
    Integer rate;

    @Option(names = "--burst", description = "Burst size (default: its class's).")
    Integer burst;

    @Option(names = "--shadow-limit", description = "Observe the rate limit without enforcing it.")
    boolean shadow;

    @Override
    int run(ClientAdmin admin) {
      Set<Scope> parsed = EnumSet.noneOf(Scope.class);
      scopes.forEach(s -> parsed.add(Scope.parse(s.trim())));
      ApiClient client = new ApiClient(id, name, ClientClass.parse(clientClass), parsed, set(eventTypes), set(locations),
        rate, burst, shadow);
      admin.await(admin.clients().create(client));
      ClientRepository.IssuedKey key = admin.await(admin.clients().issueKey(id, null));
      System.out.println(ClientJson.toJson(client).encodePrettily());
      System.out.println("API key (shown once): " + key.apiKey() + "  [" + key.keyId() + "]");
      return 0;
    }

    private static Set<String> set(List<String> values) {
      return values == null ? Set.of() : new LinkedHashSet<>(values);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List clients (disabled ones with \"disabled\":true).")
  static final class ListClients extends Action {
    @Override
    int run(ClientAdmin admin) {
      for (ApiClient client : admin.await(admin.clients().list())) {
        System.out.println(ClientJson.toJson(client).encode());
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a client and its keys.")
  static final class Show extends Action {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    int run(ClientAdmin admin) {
      var client = admin.await(admin.clients().find(id));
      if (client.isEmpty()) {
        System.err.println("stocksync clients: no client with id '" + id + "'");
        return 1;
      }
      System.out.println(ClientJson.toJson(client.get()).encodePrettily());
      admin.await(admin.clients().keys(id)).forEach(k -> System.out.println(ClientJson.toJson(k).encode()));
      return 0;
    }
  }

  @Command(name = "update", mixinStandardHelpOptions = true,
    description = "Change a client's settings; options not given stay as they are. Running gateways apply the change "
      + "within " + CACHE_SECONDS + " s.")
  static final class Update extends Action {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--name", description = "Display name.")
    String name;

    @Option(names = "--class", description = "scanner, wms, partner or ecommerce.")
    String clientClass;

    @Option(names = "--scope", split = ",", description = "Replace the scopes (repeat or comma-separate).")
    List<String> scopes;

    @Option(names = "--event-type", split = ",", description = "Replace the event types it may post.")
    List<String> eventTypes;

    @Option(names = "--all-event-types", description = "Lift the event-type restriction.")
    boolean allEventTypes;

    @Option(names = "--location", split = ",", description = "Replace the locations it may post for.")
    List<String> locations;

    @Option(names = "--all-locations", description = "Lift the location restriction.")
    boolean allLocations;

    @Option(names = "--rate", description = "Requests per second.")
    Integer rate;

    @Option(names = "--burst", description = "Burst size.")
    Integer burst;

    @Option(names = "--class-limits", description = "Go back to its class's rate and burst.")
    boolean classLimits;

    @Option(names = "--shadow-limit", negatable = true,
      description = "Observe the rate limit without enforcing it (--no-shadow-limit enforces it).")
    Boolean shadow;

    @Override
    int run(ClientAdmin admin) {
      io.vertx.core.json.JsonObject patch = new io.vertx.core.json.JsonObject();
      if (name != null) {
        patch.put("name", name);
      }
      if (clientClass != null) {
        patch.put("class", clientClass);
      }
      if (scopes != null) {
        patch.put("scopes", new io.vertx.core.json.JsonArray(scopes.stream().map(String::trim).toList()));
      }
      if (eventTypes != null || allEventTypes) {
        patch.put("eventTypes", new io.vertx.core.json.JsonArray(allEventTypes ? List.of() : eventTypes));
      }
      if (locations != null || allLocations) {
        patch.put("locations", new io.vertx.core.json.JsonArray(allLocations ? List.of() : locations));
      }
      if (classLimits) {
        patch.putNull("ratePerSecond").putNull("burst");
      }
      if (rate != null) {
        patch.put("ratePerSecond", rate);
      }
      if (burst != null) {
        patch.put("burst", burst);
      }
      if (shadow != null) {
        patch.put("shadowLimit", shadow);
      }
      ApiClient updated = admin.await(admin.clients().update(id, current -> ClientJson.merge(current, patch)));
      System.out.println(ClientJson.toJson(updated).encodePrettily());
      return 0;
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
    description = "Refuse every request of a client (403) until it is enabled again; its keys and settings stay.")
  static final class Disable extends Action {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    int run(ClientAdmin admin) {
      admin.await(admin.clients().setDisabled(id, true));
      System.out.println("disabled " + id + "; gateways refuse it within " + CACHE_SECONDS + " s");
      return 0;
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Accept a disabled client's requests again.")
  static final class Enable extends Action {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    int run(ClientAdmin admin) {
      admin.await(admin.clients().setDisabled(id, false));
      System.out.println("enabled " + id + "; gateways accept it within " + CACHE_SECONDS + " s");
      return 0;
    }
  }

  @Command(name = "issue-key", mixinStandardHelpOptions = true,
    description = "Issue another key (at most two are active: rotate, then revoke the old one).")
  static final class IssueKey extends Action {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    int run(ClientAdmin admin) {
      ClientRepository.IssuedKey key = admin.await(admin.clients().issueKey(id, null));
      System.out.println("API key (shown once): " + key.apiKey() + "  [" + key.keyId() + "]");
      return 0;
    }
  }

  @Command(name = "revoke-key", mixinStandardHelpOptions = true, description = "Revoke a key by its key id.")
  static final class RevokeKey extends Action {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "KEY_ID")
    String keyId;

    @Override
    int run(ClientAdmin admin) {
      if (!admin.await(admin.clients().revokeKey(id, keyId))) {
        System.err.println("stocksync clients: client '" + id + "' has no active key '" + keyId + "'");
        return 1;
      }
      System.out.println("revoked " + keyId + "; gateways stop accepting it within " + CACHE_SECONDS + " s");
      return 0;
    }
  }
}
