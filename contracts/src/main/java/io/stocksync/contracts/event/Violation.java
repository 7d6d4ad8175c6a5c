package io.stocksync.contracts.event;

/** One reason a request body breaks the contract, located by a JSON pointer (RFC 6901). */
public record Violation(String pointer, String message) {
}
