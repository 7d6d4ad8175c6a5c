package io.stocksync.contracts.event;

import java.util.List;

/** The body is well-formed JSON but breaks the contract; every violation is listed. */
public final class InvalidEventException extends RuntimeException {

  private final List<Violation> violations;

  public InvalidEventException(List<Violation> violations) {
    super(violations.isEmpty() ? "invalid event" : violations.get(0).pointer() + ": " + violations.get(0).message(),
      null, false, false);
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
