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

/** The mappings subcommands against a real database, as an operator loads master data from files. */
class MappingsCommandIT {

  @TempDir
  Path dir;

  @Test
  void imports_items_pack_sizes_and_mappings_from_csv_and_refuses_what_breaks_a_rule() throws IOException {
    DatabaseConfig db = TestServices.freshDatabase();
    SchemaMigrator.migrate(db);
    LedgerQueries ledger = new LedgerQueries(db);
    Path config = dir.resolve("stocksync.yaml");
    Files.writeString(config, "db:\n  host: " + db.host() + "\n  port: " + db.port() + "\n  name: " + db.database()
      + "\n  user: " + db.user() + "\n  password: '" + db.password() + "'\n");
    String c = config.toString();
    Path items = Files.writeString(dir.resolve("items.csv"),
      "sku,baseUnit,description,unit,quantity,of\nSKU-C1,EA,Cable,CS,12,EA\nSKU-C1,,,PL,40,CS\nSKU-C2,KGM,,,,\n");
    Path itemMappings = Files.writeString(dir.resolve("item-mappings.csv"),
      "sku,gtin,source,partnerCode\nSKU-C1,04006381333931,,\nSKU-C2,,tpl-x,X-2\n");
    Path locationMappings = Files.writeString(dir.resolve("locations.csv"),
      "source,partnerCode,location\ntpl-x,X-DC,DC-EAST\n");
    Path badItems = Files.writeString(dir.resolve("bad.csv"), "sku,unit,quantity,of\nSKU-C2,EA,3,KGM\nSKU-C9,CS,2,EA\n");

    CommandRun importedItems = run("mappings", "import-items", items.toString(), "--config", c);
    CommandRun importedMappings = run("mappings", "import", itemMappings.toString(), "--config", c);
    CommandRun importedLocations = run("mappings", "import-locations", locationMappings.toString(), "--config", c);
    CommandRun pack = run("mappings", "add-pack", "SKU-C2", "--unit", "BG", "--quantity", "25", "--of", "KGM",
      "--config", c);
    CommandRun defined = run("mappings", "define-location", "DC-EAST", "--name", "East", "--config", c);
    CommandRun refused = run("mappings", "import-items", badItems.toString(), "--config", c);
    CommandRun crossKind = run("mappings", "add-pack", "SKU-C1", "--unit", "KGM", "--quantity", "2", "--of", "EA",
      "--config", c);
    CommandRun listed = run("mappings", "items", "--config", c);
    CommandRun listedLocations = run("mappings", "list-locations", "--source", "tpl-x", "--config", c);
    CommandRun added = run("mappings", "add", "--sku", "SKU-C2", "--gtin", "04012345678901", "--config", c);
    CommandRun listedMappings = run("mappings", "list", "--sku", "SKU-C2", "--config", c);

    assertThat(importedItems.code()).as(importedItems.err()).isZero();
    assertThat(importedItems.out()).contains("\"created\":2").contains("\"packSizes\":{\"created\":2");
    assertThat(importedMappings.out()).contains("\"imported\":2");
    assertThat(importedLocations.out()).contains("\"imported\":1");
    assertThat(pack.code()).as(pack.err()).isZero();
    assertThat(pack.out()).contains("\"baseQuantity\":\"25\"");
    assertThat(defined.out()).contains("\"outcome\":\"created\"");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("line 2: unit").contains("different kinds of quantity")
      .contains("line 3: sku SKU SKU-C9 is not an item");
    assertThat(crossKind.code()).isEqualTo(1);
    assertThat(listed.out()).contains("\"sku\":\"SKU-C1\"").contains("{\"unit\":\"PL\",\"quantity\":\"40\",\"of\":\"CS\",\"baseQuantity\":\"480\"}");
    assertThat(listedLocations.out()).contains("\"location\":\"DC-EAST\"");
    assertThat(added.code()).as(added.err()).isZero();
    assertThat(listedMappings.out().lines()).hasSize(2);

    assertThat(ledger.count("SELECT count(*) FROM item_unit WHERE sku = 'SKU-C1' AND factor = 480 AND created_by = 'cli'"))
      .isEqualTo(1);
    assertThat(ledger.count("SELECT count(*) FROM item_unit WHERE sku = 'SKU-C2'")).isEqualTo(1);
    assertThat(ledger.count("SELECT count(*) FROM location")).isEqualTo(1);
  }
}
