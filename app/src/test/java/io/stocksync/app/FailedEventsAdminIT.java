package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed events through the admin API and the command line: an event the ledger refuses on every
 * delivery is dead-lettered, listed and shown with its cause and payload, visible in its lineage,
 * and, once the cause is fixed, replayed on request exactly once.
 *
 * <p>The "underlying problem" is a constraint the test adds to the ledger, refusing movements at one
 * location, and drops again: the worker sees a real integrity violation (SQLSTATE 23514) on every
 * delivery, as it would for any event that breaks an invariant of the ledger.
 */
class FailedEventsAdminIT {

  static final String FAILED = "/v1/admin/failed-events";

  @TempDir
  Path dir;

  static void block(TestStack stack, String location) {
    stack.ledger.update("ALTER TABLE movement ADD CONSTRAINT blocked_" + location.replace('-', '_').toLowerCase()
      + " CHECK (location <> '" + location + "') NOT VALID");
  }

  static void unblock(TestStack stack, String location) {
    stack.ledger.update("ALTER TABLE movement DROP CONSTRAINT blocked_" + location.replace('-', '_').toLowerCase());
  }

  static String post(TestStack stack, String source, String key, String location, String quantity) {
    HttpResponse<String> accepted = stack.postEvent(Events.receipt(source, key, "SKU-DLQ", location, quantity));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return new JsonObject(accepted.body()).getString("transactionId");
  }

  static JsonArray listed(TestStack stack, String query) {
    HttpResponse<String> page = stack.get(FAILED + query);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    return new JsonObject(page.body()).getJsonArray("failedEvents");
  }

  static JsonObject replay(TestStack stack, long id, int status) {
    HttpResponse<String> answer = stack.post(FAILED + "/" + id + ":replay", "application/json", "");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    return new JsonObject(answer.body());
  }

  static JsonArray stages(TestStack stack, String transactionId) {
    return new JsonObject(stack.get("/v1/transactions/" + transactionId).body()).getJsonArray("stages");
  }

  static JsonObject stage(JsonArray stages, String name) {
    return stages.stream().map(JsonObject.class::cast).filter(s -> name.equals(s.getString("stage"))).findFirst()
      .orElseThrow(() -> new AssertionError("no stage " + name + " in " + stages.encode()));
  }

  @Test
  void a_dead_lettered_event_is_listed_shown_and_replayed_once_through_the_api() {
    try (TestStack stack = TestStack.start(true, true)) {
      block(stack, "DC-BLOCKED");
      String txn = post(stack, "wms-dlq", "RCV-DLQ-1", "DC-BLOCKED", "7");

      await().atMost(Duration.ofSeconds(30)).until(() -> listed(stack, "").size() == 1);
      JsonObject listedEvent = listed(stack, "?cause=BLOCKED_DC&source=wms-dlq&lane=standard&type=receipt").getJsonObject(0);
      assertThat(listedEvent.getString("transactionId")).isEqualTo(txn);
      assertThat(listedEvent.getString("status")).isEqualTo("failed");
      assertThat(listedEvent.containsKey("event")).as("the list leaves the payload out").isFalse();
      assertThat(listed(stack, "?source=someone-else")).isEmpty();
      assertThat(listed(stack, "?failedBefore=2020-01-01T00:00:00Z")).isEmpty();
      long id = listedEvent.getLong("id");

      JsonObject shown = new JsonObject(stack.get(FAILED + "/" + id).body());
      assertThat(shown.getString("cause")).contains("blocked_dc_blocked");
      assertThat(shown.getInteger("attempts")).isEqualTo(1);
      assertThat(shown.getString("firstFailedAt")).isNotNull();
      assertThat(shown.getJsonObject("event").getString("transactionKey")).isEqualTo("RCV-DLQ-1");
      assertThat(shown.getJsonObject("event").getString("location")).isEqualTo("DC-BLOCKED");

      // the lineage says what happened instead of staying queued
      JsonObject lineage = new JsonObject(stack.get("/v1/transactions/" + txn).body());
      assertThat(lineage.getString("status")).isEqualTo("dead_lettered");
      JsonObject dead = stage(lineage.getJsonArray("stages"), "dead_lettered");
      assertThat(dead.getString("at")).isEqualTo(shown.getString("firstFailedAt"));
      assertThat(dead.getString("cause")).contains("blocked_dc_blocked");

      // the problem is fixed; the replay is asked for twice, and happens once
      unblock(stack, "DC-BLOCKED");
      JsonObject first = replay(stack, id, 202);
      assertThat(first.getBoolean("requested")).isTrue();
      JsonObject second = replay(stack, id, 200);
      assertThat(second.getBoolean("requested")).isFalse();
      assertThat(second.getString("detail")).contains("nothing was done");

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(new JsonObject(stack.get(FAILED + "/" + id).body()).getString("status")).isEqualTo("replayed"));
      JsonObject replayed = new JsonObject(stack.get(FAILED + "/" + id).body());
      assertThat(replayed.getString("replayOutcome")).isEqualTo("applied");
      assertThat(replayed.getString("replayRequestedBy")).isEqualTo("tests");
      assertThat(replayed.getInteger("replays")).isEqualTo(1);
      JsonObject third = replay(stack, id, 200);
      assertThat(third.getString("detail")).startsWith("replayed already").contains("(applied)");
      assertThat(listed(stack, "")).as("nothing is failed any more").isEmpty();
      assertThat(listed(stack, "?status=replayed")).hasSize(1);

      assertThat(stack.ledger.balance("SKU-DLQ", "DC-BLOCKED", "on_hand")).isEqualByComparingTo("7");
      assertThat(stack.ledger.count("SELECT count(*) FROM inventory_event WHERE transaction_key = 'RCV-DLQ-1'"))
        .isEqualTo(1);
      assertThat(stack.ledger.count("SELECT count(*) FROM movement WHERE location = 'DC-BLOCKED'")).isEqualTo(1);

      JsonObject after = new JsonObject(stack.get("/v1/transactions/" + txn).body());
      assertThat(after.getString("status")).isEqualTo("applied");
      List<String> names = after.getJsonArray("stages").stream().map(s -> ((JsonObject) s).getString("stage")).toList();
      assertThat(names).containsSubsequence("queued", "dead_lettered", "replay_requested", "replayed", "applied");
      assertThat(stage(after.getJsonArray("stages"), "replay_requested").getString("by")).isEqualTo("tests");
      assertThat(stage(after.getJsonArray("stages"), "replayed").getString("outcome")).isEqualTo("applied");
    }
  }

  @Test
  void a_replay_by_filter_asks_for_the_matching_failed_events_once_and_an_empty_filter_is_refused() {
    try (TestStack stack = TestStack.start(true, true)) {
      block(stack, "DC-HOLD");
      post(stack, "wms-a", "A-1", "DC-HOLD", "1");
      post(stack, "wms-a", "A-2", "DC-HOLD", "2");
      String other = post(stack, "wms-b", "B-1", "DC-HOLD", "4");
      await().atMost(Duration.ofSeconds(30)).until(() -> listed(stack, "").size() == 3);
      unblock(stack, "DC-HOLD");

      HttpResponse<String> empty = stack.post(FAILED + ":replay", "application/json", "{}");
      HttpResponse<String> notAll = stack.post(FAILED + ":replay", "application/json", "{\"all\":false}");
      HttpResponse<String> badTime = stack.post(FAILED + ":replay", "application/json", "{\"failedAfter\":\"yesterday\"}");
      HttpResponse<String> status = stack.post(FAILED + ":replay", "application/json", "{\"status\":\"failed\"}");
      for (HttpResponse<String> refused : List.of(empty, notAll, badTime, status)) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonObject(refused.body()).getString("type")).isEqualTo("https://stocksync.io/problems/invalid-request");
      }
      assertThat(new JsonObject(empty.body()).getString("detail")).startsWith("/all must be true");
      assertThat(new JsonObject(badTime.body()).getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/failedAfter");
      assertThat(listed(stack, "")).as("a refused request asks for nothing").hasSize(3);

      HttpResponse<String> bySource = stack.post(FAILED + ":replay", "application/json", "{\"source\":\"wms-a\"}");
      assertThat(bySource.statusCode()).as(bySource.body()).isEqualTo(200);
      assertThat(new JsonObject(bySource.body()).getLong("requested")).isEqualTo(2);
      JsonObject again = new JsonObject(stack.post(FAILED + ":replay", "application/json", "{\"source\":\"wms-a\"}").body());
      assertThat(again.getLong("requested")).isZero();
      assertThat(again.getLong("alreadyRequested") + again.getLong("alreadyReplayed")).isEqualTo(2);

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(stack.ledger.balance("SKU-DLQ", "DC-HOLD", "on_hand")).isEqualByComparingTo("3"));
      await().atMost(Duration.ofSeconds(30)).until(() -> listed(stack, "?status=replayed").size() == 2);
      // wms-b's event was not asked for: it stays failed, and its lineage says so
      JsonArray failed = listed(stack, "");
      assertThat(failed).hasSize(1);
      assertThat(failed.getJsonObject(0).getString("source")).isEqualTo("wms-b");
      assertThat(new JsonObject(stack.get("/v1/transactions/" + other).body()).getString("status"))
        .isEqualTo("dead_lettered");
      assertThat(stack.ledger.count("SELECT count(*) FROM movement WHERE location = 'DC-HOLD'")).isEqualTo(2);

      JsonObject everything = new JsonObject(stack.post(FAILED + ":replay", "application/json", "{\"all\":true}").body());
      assertThat(everything.getLong("requested")).isEqualTo(1);
      assertThat(everything.getLong("alreadyReplayed")).isEqualTo(2);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(stack.ledger.balance("SKU-DLQ", "DC-HOLD", "on_hand")).isEqualByComparingTo("7"));
    }
  }

  @Test
  void a_replay_that_fails_again_is_failed_again_with_its_cause_and_may_be_replayed_once_more() {
    try (TestStack stack = TestStack.start(true, true)) {
      block(stack, "DC-STILL");
      String txn = post(stack, "wms-again", "AGAIN-1", "DC-STILL", "9");
      await().atMost(Duration.ofSeconds(30)).until(() -> listed(stack, "").size() == 1);
      long id = listed(stack, "").getJsonObject(0).getLong("id");

      // asked for before the problem is fixed: the replay fails the same way
      replay(stack, id, 202);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(new JsonObject(stack.get(FAILED + "/" + id).body()).getString("replayOutcome")).isEqualTo("failed"));
      JsonObject failedAgain = new JsonObject(stack.get(FAILED + "/" + id).body());
      assertThat(failedAgain.getString("status")).isEqualTo("failed");
      assertThat(failedAgain.getInteger("attempts")).isEqualTo(2);
      assertThat(failedAgain.getString("cause")).contains("blocked_dc_still");
      JsonObject lineage = new JsonObject(stack.get("/v1/transactions/" + txn).body());
      assertThat(lineage.getString("status")).isEqualTo("dead_lettered");
      assertThat(stage(lineage.getJsonArray("stages"), "replay_failed").getString("cause")).contains("blocked_dc_still");

      unblock(stack, "DC-STILL");
      assertThat(replay(stack, id, 202).getBoolean("requested")).isTrue();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(stack.ledger.balance("SKU-DLQ", "DC-STILL", "on_hand")).isEqualByComparingTo("9"));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(new JsonObject(stack.get(FAILED + "/" + id).body()).getString("replayOutcome")).isEqualTo("applied"));
      assertThat(new JsonObject(stack.get(FAILED + "/" + id).body()).getInteger("replays")).isEqualTo(2);
      assertThat(stack.ledger.count("SELECT count(*) FROM movement WHERE location = 'DC-STILL'")).isEqualTo(1);
    }
  }

  @Test
  void unknown_ids_and_bad_filters_are_problems() {
    try (TestStack stack = TestStack.start(true, false)) {
      HttpResponse<String> unknown = stack.get(FAILED + "/4242");
      HttpResponse<String> unknownReplay = stack.post(FAILED + "/4242:replay", "application/json", "");
      HttpResponse<String> notAnId = stack.get(FAILED + "/abc");
      HttpResponse<String> badStatus = stack.get(FAILED + "?status=broken");
      HttpResponse<String> badLane = stack.get(FAILED + "?lane=fast");
      HttpResponse<String> badTime = stack.get(FAILED + "?failedAfter=2026-12-03");
      HttpResponse<String> badCursor = stack.get(FAILED + "?after=zzz");

      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(new JsonObject(unknown.body()).getString("detail")).isEqualTo("there is no failed event 4242");
      assertThat(unknownReplay.statusCode()).isEqualTo(404);
      for (HttpResponse<String> bad : List.of(notAnId, badStatus, badLane, badTime, badCursor)) {
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getString("type")).isEqualTo("https://stocksync.io/problems/invalid-query");
      }
      assertThat(new JsonObject(badTime.body()).getString("detail")).startsWith("failedAfter must be an RFC 3339 time");
    }
  }

  @Test
  void the_command_line_lists_shows_and_replays_failed_events() throws Exception {
    try (TestStack stack = TestStack.start(true, true)) {
      Path config = dir.resolve("stocksync.yaml");
      Files.writeString(config, "db:\n  host: " + stack.db.host() + "\n  port: " + stack.db.port() + "\n  name: "
        + stack.db.database() + "\n  user: " + stack.db.user() + "\n  password: '" + stack.db.password() + "'\n");
      block(stack, "DC-CLI");
      post(stack, "wms-cli", "CLI-1", "DC-CLI", "5");
      post(stack, "wms-cli", "CLI-2", "DC-CLI", "6");
      await().atMost(Duration.ofSeconds(30)).until(() -> listed(stack, "").size() == 2);

      CommandRun list = CommandRun.run("failed-events", "list", "--cause", "blocked_dc_cli", "--config", config.toString());
      assertThat(list.code()).as(list.err()).isZero();
      List<JsonObject> lines = list.out().lines().map(JsonObject::new).toList();
      assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line.getString("status")).isEqualTo("failed"));
      long newest = lines.get(0).getLong("id");
      // the lane's consumer applies events concurrently, so either may have failed first
      long oldest = lines.stream().filter(l -> "CLI-1".equals(l.getString("transactionKey"))).findFirst()
        .orElseThrow().getLong("id");
      CommandRun page = CommandRun.run("failed-events", "list", "--limit", "1", "--config", config.toString());
      assertThat(page.err()).contains("--after " + newest);

      CommandRun show = CommandRun.run("failed-events", "show", String.valueOf(oldest), "--config", config.toString());
      assertThat(show.code()).isZero();
      assertThat(new JsonObject(show.out()).getJsonObject("event").getString("transactionKey")).isEqualTo("CLI-1");
      assertThat(CommandRun.run("failed-events", "show", "999999", "--config", config.toString()).code()).isEqualTo(1);
      CommandRun noFilter = CommandRun.run("failed-events", "replay", "--config", config.toString());
      assertThat(noFilter.code()).isEqualTo(2);
      assertThat(noFilter.err()).contains("--all");
      CommandRun badTime = CommandRun.run("failed-events", "list", "--failed-after", "soon", "--config", config.toString());
      assertThat(badTime.code()).isEqualTo(2);

      unblock(stack, "DC-CLI");
      CommandRun one = CommandRun.run("failed-events", "replay", String.valueOf(oldest), "--config", config.toString());
      assertThat(one.code()).isZero();
      assertThat(one.out()).contains("replay requested");
      CommandRun rest = CommandRun.run("failed-events", "replay", "--source", "wms-cli", "--config", config.toString());
      assertThat(rest.out()).startsWith("requested the replay of 1 failed event ");

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(stack.ledger.balance("SKU-DLQ", "DC-CLI", "on_hand")).isEqualByComparingTo("11"));
      await().atMost(Duration.ofSeconds(30)).until(() -> listed(stack, "?status=replayed").size() == 2);
      CommandRun twice = CommandRun.run("failed-events", "replay", String.valueOf(oldest), "--config", config.toString());
      assertThat(twice.out()).contains("replayed already").contains("nothing was done");
      JsonObject replayed = new JsonObject(stack.get(FAILED + "/" + oldest).body());
      assertThat(replayed.getString("replayRequestedBy")).startsWith("cli:");
      assertThat(stack.ledger.count("SELECT count(*) FROM movement WHERE location = 'DC-CLI'")).isEqualTo(2);
    }
  }
}
