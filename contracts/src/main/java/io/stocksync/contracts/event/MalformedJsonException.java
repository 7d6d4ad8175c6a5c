package io.stocksync.contracts.event;

/** The body is not one well-formed JSON document (syntax, duplicate key, trailing data). */
public final class MalformedJsonException extends RuntimeException {

  private final long line;
  private final long column;

  public MalformedJsonException(String message, long line, long column) {
    super(message, null, false, false);
    this.line = line;
    this.column = column;
  }

  public long line() {
    return line;
  }

  public long column() {
    return column;
  }
}
