package io.stocksync.embedded;

import java.nio.file.Path;

/** Starts an embedded database in a process of its own, to see how a second process on a data directory fares. */
public final class SecondDatabaseStart {

  static final int REFUSED = 3;

  private SecondDatabaseStart() {
  }

  public static void main(String[] args) {
    try (EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]), 0)) {
      System.out.println("started " + database);
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      System.exit(REFUSED);
    }
  }
}
