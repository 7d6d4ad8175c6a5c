package io.stocksync.erp;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javax.net.ssl.SSLHandshakeException;

/** Reads an ERP's HTTP answers and I/O failures into the connector's outcome kinds. */
final class ErpAnswers {

  private static final int MAX_MESSAGE_LENGTH = 500;

  private ErpAnswers() {
  }

  /** 408, 429 and 5xx: the ERP asks to come back later. */
  static boolean isTransient(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  static ErpTransientException transientAnswer(String what, HttpResponse<Buffer> response) {
    return new ErpTransientException(what + ": ERP answered " + response.statusCode() + " " + message(response),
      response.statusCode(), retryAfter(response.getHeader("Retry-After")), null);
  }

  static ErpRejectedException rejection(String what, HttpResponse<Buffer> response) {
    return new ErpRejectedException(response.statusCode(),
      what + ": ERP rejected it with " + response.statusCode() + " " + message(response));
  }

  /**
   * A failure without an answer. Only a call that never connected is known not to have reached
   * the ERP; anything later may have been applied.
   */
  static ErpException postFailure(String reference, Throwable failure) {
    if (notSent(failure)) {
      return new ErpTransientException("post " + reference + ": cannot reach the ERP: " + failure.getMessage(), 0, null,
        failure);
    }
    return new ErpUnknownOutcomeException(reference, "post " + reference + ": no answer from the ERP ("
      + describe(failure) + "); it may or may not have been applied", failure);
  }

  /** A lookup changes nothing: without an answer it is simply to be tried again. */
  static ErpTransientException lookupFailure(String reference, Throwable failure) {
    return new ErpTransientException("find " + reference + ": no answer from the ERP (" + describe(failure) + ")", 0,
      null, failure);
  }

  static boolean notSent(Throwable failure) {
    // Netty's connect timeout and "connection refused" are both ConnectExceptions
    return failure instanceof ConnectException
      || failure instanceof UnknownHostException
      || failure instanceof SSLHandshakeException;
  }

  /** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until = Duration.between(Instant.now(),
          ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  /** The ERP's own words: a JSON message/detail/error field, or else the start of the body. */
  static String message(HttpResponse<Buffer> response) {
    Buffer body = response.body();
    if (body == null || body.length() == 0) {
      return response.statusMessage();
    }
    String text = body.toString();
    try {
      JsonObject json = new JsonObject(body);
      for (String field : new String[] {"message", "detail", "error", "title"}) {
        Object value = json.getValue(field);
        if (value instanceof String s && !s.isBlank()) {
          return truncate(s);
        }
      }
    } catch (DecodeException | ClassCastException notJson) {
      // plain text or HTML error page: its start is the best message there is
    }
    return truncate(text);
  }

  static JsonObject jsonBody(HttpResponse<Buffer> response) {
    Buffer body = response.body();
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      return new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static String truncate(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= MAX_MESSAGE_LENGTH ? line : line.substring(0, MAX_MESSAGE_LENGTH) + "...";
  }
}
