package io.stocksync.app;

import static io.stocksync.app.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.embedded.TestServices;
import io.stocksync.workers.SchemaMigrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clients subcommands against a real database, as an operator bootstraps the first clients. */
class ClientsCommandIT {

  @TempDir
  Path dir;

  @Test
  void creates_a_client_with_a_key_lists_it_and_revokes_keys() throws IOException {
    DatabaseConfig db = TestServices.freshDatabase();
    SchemaMigrator.migrate(db);
    Path config = dir.resolve("stocksync.yaml");
    Files.writeString(config, "db:\n  host: " + db.host() + "\n  port: " + db.port() + "\n  name: " + db.database()
      + "\n  user: " + db.user() + "\n  password: '" + db.password() + "'\n");

    CommandRun created = run("clients", "create", "partner-3pl", "--class", "partner", "--scope", "events:write",
      "--location", "DC-EAST,DC-WEST", "--config", config.toString());
    CommandRun listed = run("clients", "list", "--config", config.toString());
    CommandRun duplicate = run("clients", "create", "partner-3pl", "--scope", "events:write",
      "--config", config.toString());
    CommandRun badScope = run("clients", "create", "other", "--scope", "everything", "--config", config.toString());

    assertThat(created.code()).isZero();
    assertThat(created.out()).contains("API key (shown once): ssk_").contains("\"DC-WEST\"");
    assertThat(listed.out()).contains("\"id\":\"partner-3pl\"").contains("\"class\":\"partner\"");
    assertThat(duplicate.code()).isEqualTo(1);
    assertThat(duplicate.err()).contains("already exists");
    assertThat(badScope.code()).isEqualTo(2);

    String keyId = created.out().substring(created.out().lastIndexOf("[") + 1, created.out().lastIndexOf("]"));
    assertThat(run("clients", "revoke-key", "partner-3pl", keyId, "--config", config.toString()).code()).isZero();
    assertThat(run("clients", "revoke-key", "partner-3pl", keyId, "--config", config.toString()).code()).isEqualTo(1);
  }

  @Test
  void updates_disables_and_enables_a_client() throws IOException {
    DatabaseConfig db = TestServices.freshDatabase();
    SchemaMigrator.migrate(db);
    Path config = dir.resolve("stocksync.yaml");
    Files.writeString(config, "db:\n  host: " + db.host() + "\n  port: " + db.port() + "\n  name: " + db.database()
      + "\n  user: " + db.user() + "\n  password: '" + db.password() + "'\n");
    CommandRun created = run("clients", "create", "scanner-dock", "--class", "scanner", "--scope", "events:write",
      "--location", "DC-1", "--config", config.toString());
    String key = created.out().substring(created.out().indexOf("ssk_"), created.out().lastIndexOf("  ["));

    CommandRun updated = run("clients", "update", "scanner-dock", "--location", "DC-2,DC-3", "--event-type", "receipt",
      "--rate", "7", "--burst", "9", "--shadow-limit", "--scope", "events:write,inventory:read",
      "--config", config.toString());
    CommandRun disabled = run("clients", "disable", "scanner-dock", "--config", config.toString());

    assertThat(updated.code()).as(updated.err()).isZero();
    try (ClientAdmin admin = new ClientAdmin(db)) {
      var client = admin.await(admin.clients().find("scanner-dock")).orElseThrow();
      assertThat(client.locations()).containsExactlyInAnyOrder("DC-2", "DC-3");
      assertThat(client.eventTypes()).containsExactly("receipt");
      assertThat(client.effectiveRate()).isEqualTo(7);
      assertThat(client.effectiveBurst()).isEqualTo(9);
      assertThat(client.shadowLimit()).isTrue();
      assertThat(client.scopes()).hasSize(2);
      assertThat(client.disabled()).isTrue();
      assertThat(admin.await(admin.clients().authenticate(io.stocksync.gateway.auth.ApiKeys.hash(key))).orElseThrow()
        .client().disabled()).isTrue();
    }
    assertThat(disabled.code()).isZero();
    assertThat(run("clients", "list", "--config", config.toString()).out()).contains("\"disabled\":true");

    CommandRun enabled = run("clients", "enable", "scanner-dock", "--config", config.toString());
    CommandRun reset = run("clients", "update", "scanner-dock", "--all-locations", "--class-limits",
      "--no-shadow-limit", "--config", config.toString());
    CommandRun unknown = run("clients", "disable", "nobody", "--config", config.toString());
    CommandRun badRate = run("clients", "update", "scanner-dock", "--rate", "0", "--config", config.toString());

    assertThat(enabled.code()).isZero();
    assertThat(reset.code()).as(reset.err()).isZero();
    try (ClientAdmin admin = new ClientAdmin(db)) {
      var client = admin.await(admin.clients().find("scanner-dock")).orElseThrow();
      assertThat(client.disabled()).isFalse();
      assertThat(client.locations()).isEmpty();
      assertThat(client.effectiveRate()).isEqualTo(io.stocksync.gateway.auth.ClientClass.SCANNER.defaultRatePerSecond());
      assertThat(client.shadowLimit()).isFalse();
      assertThat(client.eventTypes()).containsExactly("receipt");
    }
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("no client with id 'nobody'");
    assertThat(badRate.code()).isEqualTo(2);
    try (ClientAdmin admin = new ClientAdmin(db)) {
      assertThat(admin.await(admin.clients().find("scanner-dock")).orElseThrow().ratePerSecond()).isNull();
    }
  }

  @Test
  void provisioning_the_same_fixed_key_twice_keeps_it_working() {
    DatabaseConfig db = TestServices.freshDatabase();
    SchemaMigrator.migrate(db);
    try (ClientAdmin admin = new ClientAdmin(db)) {
      String first = admin.provisionDemo("fixed-demo-key-0123456789");
      String second = admin.provisionDemo("fixed-demo-key-0123456789");

      assertThat(second).isEqualTo(first);
      assertThat(admin.await(admin.clients().authenticate(io.stocksync.gateway.auth.ApiKeys.hash(second)))).isPresent();
      assertThat(admin.await(admin.clients().keys(ClientAdmin.DEMO_CLIENT)).stream()
        .filter(k -> k.revokedAt() == null)).hasSize(1);
    }
  }
}
