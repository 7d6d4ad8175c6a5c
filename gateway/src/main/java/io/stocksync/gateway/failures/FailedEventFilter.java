package io.stocksync.gateway.failures;

import io.stocksync.contracts.event.EventType;
import io.stocksync.contracts.topology.Lane;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * Which failed events to list or replay; a null member does not filter. The same names serve the
 * query string of the list, the body of a replay by filter and the options of the command line.
 */
public record FailedEventFilter(String status, String lane, String source, String type, String cause,
    Instant failedAfter, Instant failedBefore) {

  /** The statuses a failed event goes through; {@code all} lists every one. */
  public static final List<String> STATUSES = List.of("failed", "replay_requested", "replayed");

  /** The names of the filter members, as query parameters, body members and (kebab-cased) options. */
  public static final List<String> MEMBERS = List.of("status", "lane", "source", "type", "cause", "failedAfter",
    "failedBefore");

  /** A filter value that is not valid; {@code member} names it. */
  public static final class Invalid extends IllegalArgumentException {
    private final String member;

    public Invalid(String member, String detail) {
      super(member + " " + detail, null);
      this.member = member;
    }

    public String member() {
      return member;
    }
  }

  /**
   * Reads a filter from named string values (a missing or empty value does not filter). The status
   * defaults to {@code defaultStatus}; {@code all} means any.
   */
  public static FailedEventFilter parse(Function<String, String> values, String defaultStatus) {
    String status = value(values, "status");
    status = status == null ? defaultStatus : status;
    if ("all".equals(status)) {
      status = null;
    } else if (status != null && !STATUSES.contains(status)) {
      throw new Invalid("status", "must be failed, replay_requested, replayed or all, was '" + status + "'");
    }
    String lane = value(values, "lane");
    if (lane != null) {
      try {
        lane = Lane.parse(lane).id();
      } catch (IllegalArgumentException e) {
        throw new Invalid("lane", "must be critical, standard or bulk, was '" + lane + "'");
      }
    }
    String type = value(values, "type");
    if (type != null) {
      try {
        EventType.fromWire(type);
      } catch (IllegalArgumentException e) {
        throw new Invalid("type", "must be an event type such as receipt or cycle-count, was '" + type + "'");
      }
    }
    Instant after = instant(values, "failedAfter");
    Instant before = instant(values, "failedBefore");
    if (after != null && before != null && !after.isBefore(before)) {
      throw new Invalid("failedAfter", "must be earlier than failedBefore");
    }
    return new FailedEventFilter(status, lane, value(values, "source"), type, value(values, "cause"), after, before);
  }

  /** True when no member but the status filters: such a filter names every failed event. */
  public boolean onlyByStatus() {
    return lane == null && source == null && type == null && cause == null && failedAfter == null
      && failedBefore == null;
  }

  public FailedEventFilter withStatus(String status) {
    return new FailedEventFilter(status, lane, source, type, cause, failedAfter, failedBefore);
  }

  private static String value(Function<String, String> values, String name) {
    String value = values.apply(name);
    return value == null || value.isEmpty() ? null : value;
  }

  private static Instant instant(Function<String, String> values, String name) {
    String value = value(values, name);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeException e) {
      throw new Invalid(name, "must be an RFC 3339 time with an offset, e.g. 2026-12-03T10:00:00Z, was '" + value + "'");
    }
  }
}
