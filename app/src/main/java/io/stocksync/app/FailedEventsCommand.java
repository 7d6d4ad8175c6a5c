package io.stocksync.app;

import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.gateway.failures.FailedEvent;
import io.stocksync.gateway.failures.FailedEventFilter;
import io.stocksync.gateway.failures.FailedEventJson;
import io.stocksync.gateway.failures.FailureRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stocksync failed-events …}: list, inspect and replay dead-lettered events in the database. */
@Command(name = "failed-events", mixinStandardHelpOptions = true, versionProvider = StocksyncMain.Version.class,
  description = "List, show and replay events the workers dead-lettered (the same operations as "
    + "/v1/admin/failed-events). A running workers process replays a requested event within seconds.",
  subcommands = {
    FailedEventsCommand.ListEvents.class,
    FailedEventsCommand.Show.class,
    FailedEventsCommand.Replay.class
  })
final class FailedEventsCommand {

  /** Who the command line records as asking for a replay. */
  static final String REQUESTED_BY = "cli:" + System.getProperty("user.name", "unknown");

  /** Shared: where the database is, and running an action against it. */
  abstract static class Action extends DatabaseAction<FailureAdmin> {
    @Override
    FailureAdmin open(DatabaseConfig db) {
      return new FailureAdmin(db);
    }
  }

  /** The filter options, named as the API's members in kebab case. */
  static final class Filter {
    @Option(names = "--lane", description = "critical, standard or bulk.")
    String lane;

    @Option(names = "--source", description = "Only events of this source system.")
    String source;

    @Option(names = "--type", description = "Only events of this type, e.g. adjustment.")
    String type;

    @Option(names = "--cause", description = "Only events whose cause contains this text (any case).")
    String cause;

    @Option(names = "--failed-after", description = "Last failed at or after this time (RFC 3339, e.g. 2026-12-03T10:00:00Z).")
    String failedAfter;

    @Option(names = "--failed-before", description = "Last failed before this time (RFC 3339).")
    String failedBefore;

    FailedEventFilter parse(String status, String defaultStatus) {
      Map<String, String> values = new HashMap<>();
      values.put("status", status);
      values.put("lane", lane);
      values.put("source", source);
      values.put("type", type);
      values.put("cause", cause);
      values.put("failedAfter", failedAfter);
      values.put("failedBefore", failedBefore);
      try {
        return FailedEventFilter.parse(values::get, defaultStatus);
      } catch (FailedEventFilter.Invalid e) {
        // named as the option, not as the API's member; the command ends with status 2
        String option = "--" + e.member().replaceAll("([A-Z])", "-$1").toLowerCase();
        throw new IllegalArgumentException(option + e.getMessage().substring(e.member().length()), e);
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
    description = "List failed events, newest first, one JSON object per line (without payload).")
  static final class ListEvents extends Action {
    @Option(names = "--status", description = "failed (default), replay_requested, replayed or all.")
    String status;

    @Mixin
    Filter filter;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many (default: 100).")
    int limit;

    @Option(names = "--after", paramLabel = "ID", description = "Continue after this id (the last one shown).")
    Long after;

    @Override
    int run(FailureAdmin admin) {
      if (limit < 1 || limit > 1000) {
        throw new IllegalArgumentException("--limit must be from 1 to 1000, was " + limit);
      }
      FailureRepository.Page<FailedEvent> page = admin.await(admin.failures()
        .failedEvents(filter.parse(status, "failed"), after, limit));
      page.items().forEach(event -> System.out.println(FailedEventJson.toJson(event, false).encode()));
      if (page.next() != null) {
        System.err.println("more failed events follow: add --after " + page.next());
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show one failed event with its payload, cause, attempts and replay.")
  static final class Show extends Action {
    @Parameters(index = "0", paramLabel = "ID")
    long id;

    @Override
    int run(FailureAdmin admin) {
      Optional<FailedEvent> found = admin.await(admin.failures().failedEvent(id));
      if (found.isEmpty()) {
        System.err.println("stocksync failed-events: there is no failed event " + id);
        return 1;
      }
      System.out.println(FailedEventJson.toJson(found.get(), true).encodePrettily());
      return 0;
    }
  }

  @Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Ask for the replay of failed events: by id, or every one a filter matches (--all for every "
      + "failed event). Events requested or replayed already are left as they are.")
  static final class Replay extends Action {
    @Parameters(paramLabel = "ID", arity = "0..*", description = "Failed event ids.")
    List<Long> ids;

    @Mixin
    Filter filter;

    @Option(names = "--all", description = "Every failed event, when no filter is given.")
    boolean all;

    @Override
    int run(FailureAdmin admin) {
      FailedEventFilter parsed = filter.parse(null, "failed");
      boolean byId = ids != null && !ids.isEmpty();
      if (byId && (!parsed.onlyByStatus() || all)) {
        System.err.println("stocksync failed-events: give failed event ids, or a filter (or --all), not both");
        return 2;
      }
      if (byId) {
        return replayIds(admin);
      }
      if (parsed.onlyByStatus() && !all) {
        System.err.println("stocksync failed-events: give failed event ids, a filter such as --cause or --source, "
          + "or --all to replay every failed event");
        return 2;
      }
      FailureRepository.Replays done = admin.await(admin.failures().requestReplays(parsed, REQUESTED_BY));
      System.out.println("requested the replay of " + done.requested() + " failed event"
        + (done.requested() == 1 ? "" : "s") + " (" + done.alreadyRequested() + " requested already, "
        + done.alreadyReplayed() + " replayed already, left as they are)");
      return 0;
    }

    private int replayIds(FailureAdmin admin) {
      int missing = 0;
      for (long id : ids) {
        var found = admin.await(admin.failures().requestReplay(id, REQUESTED_BY));
        if (found.isEmpty()) {
          System.err.println("stocksync failed-events: there is no failed event " + id);
          missing++;
          continue;
        }
        FailedEvent event = found.get().row();
        if (found.get().requested() == FailureRepository.Requested.NOW) {
          System.out.println("failed event " + id + ": replay requested; a worker replays it within seconds");
        } else if ("replayed".equals(event.status())) {
          System.out.println("failed event " + id + ": replayed already at " + event.replayedAt() + " ("
            + event.replayOutcome() + "); nothing was done");
        } else {
          System.out.println("failed event " + id + ": replay requested already at " + event.replayRequestedAt()
            + " by " + event.replayRequestedBy() + "; nothing was done");
        }
      }
      return missing == 0 ? 0 : 1;
    }
  }
}
