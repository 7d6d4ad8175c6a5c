package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The keys stocksync reads and the keys its documentation lists are the same set, and every
 * documented environment variable is read: a key missing from {@link Settings#KEYS} would be
 * refused in the config file and silently ignored in the environment.
 */
class SettingsDocumentationTest {

  private static final Pattern ROW = Pattern.compile("^\\| `([a-z][a-z0-9.-]*)` \\| `(STOCKSYNC_[A-Z0-9_]+)` \\|",
    Pattern.MULTILINE);

  @Test
  void every_key_of_configuration_md_is_read_from_its_environment_variable() throws IOException {
    Map<String, String> documented = documentedKeys(Path.of("..", "docs", "configuration.md"));

    assertThat(documented).isNotEmpty();
    documented.forEach((key, env) -> {
      assertThat(env).as("environment variable of %s", key)
        .isEqualTo("STOCKSYNC_" + key.toUpperCase().replace('.', '_').replace('-', '_'));
      Settings settings = Settings.load(null, Map.of(env, "x"), new Properties());
      assertThat(settings.has(key)).as("%s is read from %s", key, env).isTrue();
    });
  }

  @Test
  void every_key_stocksync_reads_is_in_configuration_md() throws IOException {
    Map<String, String> documented = documentedKeys(Path.of("..", "docs", "configuration.md"));

    assertThat(documented.keySet()).containsAll(Settings.KEYS);
  }

  @Test
  void every_key_of_the_readme_table_exists() throws IOException {
    Map<String, String> readme = documentedKeys(Path.of("..", "README.md"));

    assertThat(readme).isNotEmpty();
    assertThat(Settings.KEYS).containsAll(readme.keySet());
  }

  private static Map<String, String> documentedKeys(Path file) throws IOException {
    Map<String, String> keys = new LinkedHashMap<>();
    Matcher row = ROW.matcher(Files.readString(file));
    while (row.find()) {
      keys.put(row.group(1), row.group(2));
    }
    return keys;
  }
}
