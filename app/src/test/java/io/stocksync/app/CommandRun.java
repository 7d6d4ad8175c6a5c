package io.stocksync.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the stocksync command line in this JVM: its exit status, standard output and error. */
record CommandRun(int code, String out, String err) {

  static CommandRun run(String... args) {
    StringWriter err = new StringWriter();
    var cli = StocksyncMain.commandLine();
    cli.setErr(new PrintWriter(err));
    PrintStream previousOut = System.out;
    PrintStream previousErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream errStream = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true));
    System.setErr(new PrintStream(errStream, true));
    try {
      int code = cli.execute(args);
      return new CommandRun(code, out.toString(), err + errStream.toString());
    } finally {
      System.setOut(previousOut);
      System.setErr(previousErr);
    }
  }
}
